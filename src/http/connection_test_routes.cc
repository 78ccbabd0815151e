#include <nlohmann/json.hpp>

#include "core/registry_patch.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"

namespace reghub::http {
namespace {

nlohmann::json ReportToJson(const service::ConnectionTestReport& report) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& step : report.steps) {
    steps.push_back({{"name", step.name},
                     {"status", service::StepStatusName(step.status)},
                     {"duration_ms", step.duration_ms},
                     {"message", step.message},
                     {"details", step.details}});
  }
  return {{"ok", report.ok}, {"steps", std::move(steps)}, {"duration_ms", report.duration_ms}};
}

HttpResponse Render(const Result<service::ConnectionTestReport>& report) {
  if (!report.ok()) return ErrorResponse(report.error());
  return JsonResponse(200, ReportToJson(*report));
}

}  // namespace

void AddConnectionTestRoutes(Router& router, ApiServices services) {
  router.Add(
      "POST", "/api/v1/registries/{id}/test", Permission::kRegistryConsume,
      [services](RouteContext& context) {
        return Render(services.connection_tests->TestSaved(context.actor, context.Param("id")));
      });

  router.Add("POST", "/api/v1/connection-tests", Permission::kAuthenticated,
             [services](RouteContext& context) {
               auto body = ParseJsonBody(context.request);
               if (!body.ok()) return ErrorResponse(body.error());
               auto patch = ParseRegistryPatch(*body);
               if (!patch.ok()) return ErrorResponse(patch.error());
               return Render(services.connection_tests->TestSpec(context.actor, *patch));
             });
}

}  // namespace reghub::http
