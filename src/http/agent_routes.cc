// An environment's agent tokens, and what its agent reads and reports:
// /api/v1/environments/{id}/agent-tokens, /desired-state, /actuations.

#include <nlohmann/json.hpp>

#include "core/desired_state.h"
#include "core/json_reader.h"
#include "core/violations.h"
#include "http/api.h"
#include "http/environment_views.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

struct AgentTokenRequest {
  std::string name;
  std::optional<std::int64_t> expires_in_days;
};

// {"name", "expires_in_days"?}, strictly.
Result<AgentTokenRequest> ParseAgentTokenRequest(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  Violations violations;
  JsonReader in(body, "", violations);
  in.RefuseUnknown({"name", "expires_in_days"});
  AgentTokenRequest parsed;
  if (auto name = in.String("name", service::kMaxAgentTokenNameLength)) {
    parsed.name = *name;
  } else if (in.Find("name") == nullptr) {
    in.Fail("name", "is required: a name that says where the agent runs");
  }
  parsed.expires_in_days = in.Integer("expires_in_days", 1, service::kMaxAgentTokenDays);
  if (!violations.empty()) return violations.ToError();
  return parsed;
}

}  // namespace

void AddAgentRoutes(Router& router, ApiServices services) {
  router.Add("POST", "/api/v1/environments/{id}/agent-tokens", Permission::kEnvironmentEdit,
             [services](RouteContext& context) {
               auto request = ParseAgentTokenRequest(context.request);
               if (!request.ok()) return ErrorResponse(request.error());
               auto created = services.environments->CreateAgentToken(
                   context.actor, context.Param("id"), request->name, request->expires_in_days);
               if (!created.ok()) return ErrorResponse(created.error());
               nlohmann::json body = AgentTokenToJson(created->info);
               body["environment_id"] = context.Param("id");
               body["token"] = created->token.Reveal();  // the only time it is shown
               return JsonResponse(201, body);
             });

  router.Add("GET", "/api/v1/environments/{id}/agent-tokens", Permission::kEnvironmentEdit,
             [services](RouteContext& context) {
               auto tokens =
                   services.environments->ListAgentTokens(context.actor, context.Param("id"));
               if (!tokens.ok()) return ErrorResponse(tokens.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& token : *tokens) items.push_back(AgentTokenToJson(token));
               return JsonResponse(200, {{"tokens", std::move(items)}});
             });

  router.Add("DELETE", "/api/v1/environments/{id}/agent-tokens/{token_id}",
             Permission::kEnvironmentEdit, [services](RouteContext& context) {
               Status revoked = services.environments->RevokeAgentToken(
                   context.actor, context.Param("id"), context.Param("token_id"));
               if (!revoked.ok()) return ErrorResponse(revoked.error());
               return HttpResponse::NoContent();
             });

  router.Add("GET", "/api/v1/environments/{id}/desired-state", Permission::kEnvironmentAgent,
             [services](RouteContext& context) {
               auto state =
                   services.environments->GetDesiredState(context.actor, context.Param("id"));
               if (!state.ok()) return ErrorResponse(state.error());
               return JsonResponse(200, DesiredStateToJson(state->environment, state->registries));
             });

  router.Add("POST", "/api/v1/environments/{id}/actuations", Permission::kEnvironmentAgent,
             [services](RouteContext& context) {
               auto body = ParseJsonBody(context.request);
               if (!body.ok()) return ErrorResponse(body.error());
               auto actuations = ParseActuationReport(*body);
               if (!actuations.ok()) return ErrorResponse(actuations.error());
               auto updated = services.environments->ReportActuations(
                   context.actor, context.Param("id"), *actuations);
               if (!updated.ok()) return ErrorResponse(updated.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& view : *updated) items.push_back(AttachmentToJson(view));
               return JsonResponse(200, {{"attachments", std::move(items)}});
             });
}

}  // namespace reghub::http
