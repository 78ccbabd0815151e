// /api/v1/users and PUT /api/v1/auth/password.
#include <nlohmann/json.hpp>

#include "http/account_json.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

Result<service::NewUser> ParseNewUser(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  BodyReader reader(body, {"username", "password", "display_name", "is_admin"});
  service::NewUser user;
  user.username = reader.String("username", /*required=*/true).value_or("");
  user.password = SecretString(reader.String("password", /*required=*/true).value_or(""));
  user.display_name = reader.String("display_name").value_or("");
  user.is_admin = reader.Bool("is_admin").value_or(false);
  REGHUB_RETURN_IF_ERROR(reader.Finish());
  return user;
}

Result<service::UserPatch> ParseUserPatch(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  BodyReader reader(body, {"display_name", "disabled", "is_admin", "password"});
  service::UserPatch patch;
  patch.display_name = reader.String("display_name");
  patch.disabled = reader.Bool("disabled");
  patch.is_admin = reader.Bool("is_admin");
  if (auto password = reader.String("password")) patch.password = SecretString(*password);
  REGHUB_RETURN_IF_ERROR(reader.Finish());
  return patch;
}

struct PasswordChange {
  SecretString current;
  SecretString next;
};

Result<PasswordChange> ParsePasswordChange(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  BodyReader reader(body, {"current_password", "new_password"});
  PasswordChange change{SecretString(reader.String("current_password", true).value_or("")),
                        SecretString(reader.String("new_password", true).value_or(""))};
  REGHUB_RETURN_IF_ERROR(reader.Finish());
  return change;
}

}  // namespace

void AddUserRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/users", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto page = ParsePageRequest(context.request);
               if (!page.ok()) return ErrorResponse(page.error());
               auto users = services.users->List(context.actor, *page);
               if (!users.ok()) return ErrorResponse(users.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& user : users->items) items.push_back(UserToJson(user));
               return JsonResponse(200, {{"users", std::move(items)},
                                         {"next_page_token", users->next_page_token}});
             });
  router.Add("POST", "/api/v1/users", Permission::kHubAdmin, [services](RouteContext& context) {
    auto input = ParseNewUser(context.request);
    if (!input.ok()) return ErrorResponse(input.error());
    auto user = services.users->Create(context.actor, *input);
    if (!user.ok()) return ErrorResponse(user.error());
    HttpResponse response = JsonResponse(201, UserToJson(*user));
    response.headers.emplace_back("Location", "/api/v1/users/" + user->user.id);
    return response;
  });
  router.Add("GET", "/api/v1/users/{id}", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto user = services.users->Get(context.actor, context.Param("id"));
               if (!user.ok()) return ErrorResponse(user.error());
               return JsonResponse(200, UserToJson(*user));
             });
  router.Add("PATCH", "/api/v1/users/{id}", Permission::kHubAdmin,
             [services](RouteContext& context) {
               auto patch = ParseUserPatch(context.request);
               if (!patch.ok()) return ErrorResponse(patch.error());
               auto user = services.users->Update(context.actor, context.Param("id"), *patch);
               if (!user.ok()) return ErrorResponse(user.error());
               return JsonResponse(200, UserToJson(*user));
             });
  router.Add("DELETE", "/api/v1/users/{id}", Permission::kHubAdmin,
             [services](RouteContext& context) {
               Status deleted = services.users->Delete(context.actor, context.Param("id"));
               if (!deleted.ok()) return ErrorResponse(deleted.error());
               return HttpResponse::NoContent();
             });
  router.Add("PUT", "/api/v1/auth/password", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto change = ParsePasswordChange(context.request);
               if (!change.ok()) return ErrorResponse(change.error());
               Status changed =
                   services.users->ChangeOwnPassword(context.actor, change->current, change->next);
               if (!changed.ok()) return ErrorResponse(changed.error());
               return HttpResponse::NoContent();
             });
}

}  // namespace reghub::http
