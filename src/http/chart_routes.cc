#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/error_response.h"

namespace reghub::http {
namespace {

// The Chart.yaml fields keep Helm's names; empty fields are left out.
nlohmann::json MetadataToJson(const service::ChartMetadata& metadata) {
  nlohmann::json json = {{"version", metadata.version}};
  auto put = [&json](const char* key, const std::string& value) {
    if (!value.empty()) json[key] = value;
  };
  if (metadata.chart_version != metadata.version) put("chart_version", metadata.chart_version);
  put("name", metadata.name);
  put("description", metadata.description);
  put("appVersion", metadata.app_version);
  put("apiVersion", metadata.api_version);
  put("type", metadata.type);
  put("digest", metadata.digest);
  put("created", metadata.created);
  put("error", metadata.error);
  return json;
}

nlohmann::json ChartToJson(const service::ChartListing& chart, bool with_metadata) {
  nlohmann::json versions = nlohmann::json::array();
  for (const auto& version : chart.versions) versions.push_back(version.text);
  nlohmann::json json = {
      {"repository", chart.repository}, {"name", chart.name}, {"versions", std::move(versions)}};
  if (!chart.error.empty()) json["error"] = chart.error;
  if (with_metadata) {
    nlohmann::json metadata = nlohmann::json::array();
    for (const auto& entry : chart.metadata) metadata.push_back(MetadataToJson(entry));
    json["metadata"] = std::move(metadata);
  }
  return json;
}

}  // namespace

void AddChartRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/api/v1/registries/{id}/charts", Permission::kRegistryView,
             [services](RouteContext& context) {
               service::ListChartsOptions options;
               auto metadata = context.request.QueryParam("metadata");
               if (metadata && *metadata != "true" && *metadata != "false") {
                 return ErrorResponse(Error::InvalidField("metadata", "must be true or false"));
               }
               options.metadata = metadata && *metadata == "true";
               auto charts =
                   services.charts->ListCharts(context.actor, context.Param("id"), options);
               if (!charts.ok()) return ErrorResponse(charts.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& chart : *charts) items.push_back(ChartToJson(chart, options.metadata));
               return JsonResponse(200, {{"charts", std::move(items)}});
             });
}

}  // namespace reghub::http
