#include <nlohmann/json.hpp>

#include <set>

#include "access/roles.h"
#include "core/registry_json.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

// {"username","password"}: both strings, nothing else.
Result<std::pair<std::string, SecretString>> ParseLogin(const nlohmann::json& body) {
  std::vector<FieldViolation> violations;
  for (const auto& [key, value] : body.items()) {
    if (key != "username" && key != "password") violations.push_back({key, "unknown field"});
  }
  std::string username;
  SecretString password;
  if (auto it = body.find("username"); it == body.end() || !it->is_string()) {
    violations.push_back({"username", "required, a string"});
  } else {
    username = it->get<std::string>();
  }
  if (auto it = body.find("password"); it == body.end() || !it->is_string()) {
    violations.push_back({"password", "required, a string"});
  } else {
    password = SecretString(it->get<std::string>());
  }
  if (!violations.empty()) {
    return Error::InvalidArgument(violations.front().field + ": " + violations.front().message,
                                  violations);
  }
  return std::make_pair(std::move(username), std::move(password));
}

}  // namespace

void AddAuthRoutes(Router& router, ApiServices services) {
  router.Add("POST", "/api/v1/auth/login", Permission::kPublic, [services](RouteContext& context) {
    auto body = ParseJsonBody(context.request);
    if (!body.ok()) return ErrorResponse(body.error());
    auto login = ParseLogin(*body);
    if (!login.ok()) return ErrorResponse(login.error());
    auto result = services.auth->Login(login->first, login->second, context.request.remote_address);
    if (!result.ok()) return ErrorResponse(result.error());
    return JsonResponse(200, {{"token", result->token.Reveal()},
                              {"expires_at", FormatTimestamp(result->expires_at)}});
  });
  router.Add("POST", "/api/v1/auth/logout", Permission::kAuthenticated,
             [services](RouteContext& context) {
               Status status = services.auth->Logout(context.actor);
               if (!status.ok()) return ErrorResponse(status.error());
               return HttpResponse::NoContent();
             });
  router.Add("GET", "/api/v1/auth/whoami", Permission::kAuthenticated,
             [services](RouteContext& context) {
               // Global roles come from grants to the user or their teams;
               // hub_administrator is is_admin or a hub-administrator grant.
               auto caller = services.access->ReadCaller(context.actor);
               if (!caller.ok()) return ErrorResponse(caller.error());
               std::set<std::string> roles;
               for (const auto& grant : caller->global_grants) {
                 roles.emplace(access::RoleName(grant.role));
               }
               return JsonResponse(200, {{"username", context.actor.username},
                                         {"is_admin", context.actor.is_admin},
                                         {"hub_administrator", caller->hub_administrator},
                                         {"global_roles", roles}});
             });
}

}  // namespace reghub::http
