#include <nlohmann/json.hpp>

#include "core/registry_json.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"
#include "http/session_cookie.h"

namespace reghub::http {
namespace {

// {"username","password"}: both strings, nothing else.
Result<std::pair<std::string, SecretString>> ParseCredentials(const nlohmann::json& body) {
  std::vector<FieldViolation> violations;
  for (const auto& [key, value] : body.items()) {
    if (key != "username" && key != "password") violations.push_back({key, "unknown field"});
  }
  std::string username;
  SecretString password;
  if (auto it = body.find("username"); it == body.end() || !it->is_string() ||
                                        it->get_ref<const std::string&>().empty()) {
    violations.push_back({"username", "required, a non-empty string"});
  } else {
    username = it->get<std::string>();
  }
  if (auto it = body.find("password"); it == body.end() || !it->is_string() ||
                                        it->get_ref<const std::string&>().empty()) {
    violations.push_back({"password", "required, a non-empty string"});
  } else {
    password = SecretString(it->get<std::string>());
  }
  if (!violations.empty()) {
    return Error::InvalidArgument(violations.front().field + ": " + violations.front().message,
                                  violations);
  }
  return std::make_pair(std::move(username), std::move(password));
}

nlohmann::json UserJson(const service::Actor& actor) {
  return {{"id", actor.user_id}, {"username", actor.username}, {"is_admin", actor.is_admin}};
}

}  // namespace

void AddSessionRoutes(Router& router, ApiServices services,
                      std::shared_ptr<const CsrfTokens> csrf) {
  // Log in for the web UI: the session token goes into the HttpOnly cookie only.
  router.Add("POST", "/api/v1/auth/session", Permission::kPublic,
             [services, csrf](RouteContext& context) {
               auto body = ParseJsonBody(context.request);
               if (!body.ok()) return ErrorResponse(body.error());
               auto login = ParseCredentials(*body);
               if (!login.ok()) return ErrorResponse(login.error());
               const std::string& source = context.request.remote_address;
               auto result = services.auth->Login(login->first, login->second, source);
               if (!result.ok()) return ErrorResponse(result.error());
               std::string_view token = result->token.Reveal();
               auto actor = services.auth->Authenticate(token, source);
               if (!actor.ok()) return ErrorResponse(actor.error());
               auto response = JsonResponse(200, {{"csrf_token", csrf->TokenFor(token)},
                                                  {"expires_at", FormatTimestamp(result->expires_at)},
                                                  {"user", UserJson(*actor)}});
               response.headers.emplace_back(
                   "Set-Cookie", SessionCookie(context.request, token,
                                               service::AuthService::kSessionLifetime));
               response.headers.emplace_back("Cache-Control", "no-store");
               return response;
             });
  // The current session: who is signed in and the CSRF token for its requests.
  router.Add("GET", "/api/v1/auth/session", Permission::kAuthenticated,
             [csrf](RouteContext& context) {
               auto response = JsonResponse(
                   200, {{"csrf_token", csrf->TokenFor(PresentedToken(context.request))},
                         {"user", UserJson(context.actor)}});
               response.headers.emplace_back("Cache-Control", "no-store");
               return response;
             });
  // Log out: revokes the session token and clears the cookie.
  router.Add("DELETE", "/api/v1/auth/session", Permission::kAuthenticated,
             [services](RouteContext& context) {
               Status status = services.auth->Logout(context.actor);
               if (!status.ok()) return ErrorResponse(status.error());
               HttpResponse response = HttpResponse::NoContent();
               response.headers.emplace_back("Set-Cookie", ClearedSessionCookie(context.request));
               return response;
             });
}

}  // namespace reghub::http
