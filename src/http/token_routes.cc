// /api/v1/tokens: the caller's API tokens.
#include <nlohmann/json.hpp>

#include "core/registry_json.h"
#include "http/account_json.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

struct NewToken {
  std::string name;
  std::optional<long long> expires_in_days;
};

Result<NewToken> ParseNewToken(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  BodyReader reader(body, {"name", "expires_in_days"});
  NewToken token{reader.String("name", /*required=*/true).value_or(""),
                 reader.Integer("expires_in_days")};
  REGHUB_RETURN_IF_ERROR(reader.Finish());
  return token;
}

}  // namespace

void AddTokenRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/tokens", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto tokens = services.tokens->List(context.actor);
               if (!tokens.ok()) return ErrorResponse(tokens.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& token : *tokens) items.push_back(TokenToJson(token));
               return JsonResponse(200, {{"tokens", std::move(items)}});
             });
  router.Add("POST", "/api/v1/tokens", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto input = ParseNewToken(context.request);
               if (!input.ok()) return ErrorResponse(input.error());
               auto created =
                   services.tokens->Create(context.actor, input->name, input->expires_in_days);
               if (!created.ok()) return ErrorResponse(created.error());
               nlohmann::json body = TokenToJson(created->record);
               // The only time the token is ever shown.
               body["token"] = created->token.Reveal();
               HttpResponse response = JsonResponse(201, body);
               response.headers.emplace_back("Cache-Control", "no-store");
               return response;
             });
  router.Add("DELETE", "/api/v1/tokens/{id}", Permission::kAuthenticated,
             [services](RouteContext& context) {
               Status revoked = services.tokens->Revoke(context.actor, context.Param("id"));
               if (!revoked.ok()) return ErrorResponse(revoked.error());
               return HttpResponse::NoContent();
             });
}

}  // namespace reghub::http
