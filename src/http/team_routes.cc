// /api/v1/teams and their members.
#include <nlohmann/json.hpp>

#include "http/account_json.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

Result<service::TeamPatch> ParseTeam(const HttpRequest& request, bool create) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  BodyReader reader(body, {"name", "description"});
  service::TeamPatch team;
  team.name = reader.String("name", /*required=*/create);
  team.description = reader.String("description");
  REGHUB_RETURN_IF_ERROR(reader.Finish());
  return team;
}

Result<std::vector<std::string>> ParseMembers(const HttpRequest& request) {
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json body, ParseJsonBody(request));
  BodyReader reader(body, {"members"});
  auto members = reader.Strings("members", /*required=*/true, service::TeamService::kMaxMembers);
  REGHUB_RETURN_IF_ERROR(reader.Finish());
  return std::move(members).value_or(std::vector<std::string>{});
}

}  // namespace

void AddTeamRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/teams", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto page = ParsePageRequest(context.request);
               if (!page.ok()) return ErrorResponse(page.error());
               auto teams = services.teams->List(context.actor, *page);
               if (!teams.ok()) return ErrorResponse(teams.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& team : teams->items) items.push_back(TeamToJson(team, false));
               return JsonResponse(200, {{"teams", std::move(items)},
                                         {"next_page_token", teams->next_page_token}});
             });
  router.Add("POST", "/api/v1/teams", Permission::kHubAdmin, [services](RouteContext& context) {
    auto input = ParseTeam(context.request, /*create=*/true);
    if (!input.ok()) return ErrorResponse(input.error());
    auto team = services.teams->Create(context.actor, input->name.value_or(""),
                                       input->description.value_or(""));
    if (!team.ok()) return ErrorResponse(team.error());
    HttpResponse response = JsonResponse(201, TeamToJson(*team, true));
    response.headers.emplace_back("Location", "/api/v1/teams/" + team->id);
    return response;
  });
  router.Add("GET", "/api/v1/teams/{id}", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto team = services.teams->Get(context.actor, context.Param("id"));
               if (!team.ok()) return ErrorResponse(team.error());
               return JsonResponse(200, TeamToJson(*team, true));
             });
  router.Add("PATCH", "/api/v1/teams/{id}", Permission::kHubAdmin,
             [services](RouteContext& context) {
               auto patch = ParseTeam(context.request, /*create=*/false);
               if (!patch.ok()) return ErrorResponse(patch.error());
               auto team = services.teams->Update(context.actor, context.Param("id"), *patch);
               if (!team.ok()) return ErrorResponse(team.error());
               return JsonResponse(200, TeamToJson(*team, true));
             });
  router.Add("DELETE", "/api/v1/teams/{id}", Permission::kHubAdmin,
             [services](RouteContext& context) {
               Status deleted = services.teams->Delete(context.actor, context.Param("id"));
               if (!deleted.ok()) return ErrorResponse(deleted.error());
               return HttpResponse::NoContent();
             });
  router.Add("PUT", "/api/v1/teams/{id}/members", Permission::kHubAdmin,
             [services](RouteContext& context) {
               auto members = ParseMembers(context.request);
               if (!members.ok()) return ErrorResponse(members.error());
               auto team =
                   services.teams->SetMembers(context.actor, context.Param("id"), *members);
               if (!team.ok()) return ErrorResponse(team.error());
               return JsonResponse(200, TeamToJson(*team, true));
             });
}

}  // namespace reghub::http
