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

nlohmann::json PushToJson(const service::ChartPushResult& result) {
  nlohmann::json json = {{"repository", result.repository},
                         {"name", result.package.name},
                         {"version", result.package.version.text},
                         {"tag", result.pushed.tag},
                         {"reference", result.reference},
                         {"digest", result.pushed.digest},
                         {"config_digest", result.pushed.config_digest},
                         {"chart_digest", result.pushed.chart_digest}};
  if (!result.package.app_version.empty()) json["appVersion"] = result.package.app_version;
  if (!result.package.description.empty()) json["description"] = result.package.description;
  return json;
}

// A packaged chart is sent as bytes; JSON or a form is a client mistake.
bool IsArchiveContentType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  return type.empty() || type == "application/gzip" || type == "application/x-gzip" ||
         type == "application/x-tar+gzip" || type == "application/x-compressed-tar" ||
         type == "application/octet-stream";
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
  router.Add("POST", "/api/v1/registries/{id}/charts", Permission::kRegistryAdminister,
             [services](RouteContext& context) {
               auto content_type = context.request.Header("content-type");
               if (content_type && !IsArchiveContentType(*content_type)) {
                 return ErrorResponse(Error::InvalidArgument(
                     "send the packaged chart (.tgz) as the request body with Content-Type "
                     "application/gzip or application/octet-stream, not " +
                     std::string(content_type->substr(0, 80))));
               }
               std::string repository(context.request.QueryParam("repository").value_or(""));
               auto pushed = services.charts->PushChart(context.actor, context.Param("id"),
                                                        context.request.body, repository);
               if (!pushed.ok()) return ErrorResponse(pushed.error());
               return JsonResponse(201, PushToJson(*pushed));
             });
}

}  // namespace reghub::http
