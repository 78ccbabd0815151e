#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/error_response.h"

namespace reghub::http {
namespace {

nlohmann::json ChartToJson(const service::ChartListing& chart) {
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& version : chart.versions) versions.push_back(version.text);
  nlohmann::json json = {
      {"repository", chart.repository}, {"name", chart.name}, {"versions", std::move(versions)}};
  if (!chart.error.empty()) json["error"] = chart.error;
  return json;
}

}  // namespace

void AddChartRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/registries/{id}/charts", AuthPolicy::kAuthenticated,
             [services](RouteContext& context) {
               auto charts = services.charts.ListCharts(context.actor, context.Param("id"));
               if (!charts.ok()) return ErrorResponse(charts.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& chart : *charts) items.push_back(ChartToJson(chart));
               return JsonResponse(200, {{"charts", std::move(items)}});
             });
}

}  // namespace reghub::http
