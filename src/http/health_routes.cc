// GET/POST /api/v1/registries/{id}/health and GET /api/v1/health.

#include <nlohmann/json.hpp>

#include "core/registry_json.h"
#include "http/api.h"
#include "http/error_response.h"
#include "http/request_parsing.h"
#include "service/health_service.h"

namespace reghub::http {
namespace {

using nlohmann::json;

constexpr int kDefaultHistory = 20;
constexpr int kMaxHistory = 100;

json TimestampOrNull(UnixSeconds seconds) {
  return seconds == 0 ? json(nullptr) : json(FormatTimestamp(seconds));
}

json CheckToJson(const store::HealthCheckRecord& check, UnixSeconds now) {
  json certificate_not_after = nullptr;
  if (check.certificate_not_after) {
    certificate_not_after = FormatTimestamp(*check.certificate_not_after);
  }
  return {{"checked_at", FormatTimestamp(check.checked_at)},
          {"status", check.ok ? "up" : "down"},
          {"failed_step", check.ok ? json(nullptr) : json(check.failed_step)},
          {"message", check.message},
          {"latency_ms", check.latency_ms},
          {"certificate_not_after", certificate_not_after},
          {"certificate_expires_soon", service::CertificateExpiresSoon(check, now)},
          {"credentials_refused", check.credentials_refused}};
}

json RegistryHealthToJson(const store::RegistryHealth& health, UnixSeconds now) {
  return {{"registry_id", health.registry_id},
          {"url", health.url},
          {"display_name", health.display_name},
          {"status", service::HealthStatusName(service::StatusOf(health.latest))},
          {"last_success_at", TimestampOrNull(health.latest ? health.latest->last_success_at : 0)},
          {"latest", health.latest ? CheckToJson(*health.latest, now) : json(nullptr)}};
}

Result<int> ParseHistoryLimit(const HttpRequest& request) {
  auto text = request.QueryParam("limit");
  if (!text) return kDefaultHistory;
  REGHUB_ASSIGN_OR_RETURN(std::int64_t limit, ParsePositiveInteger(*text, "limit"));
  if (limit > kMaxHistory) {
    return Error::InvalidField("limit", "must be at most " + std::to_string(kMaxHistory));
  }
  return static_cast<int>(limit);
}

Result<std::optional<service::HealthStatus>> ParseStatusFilter(const HttpRequest& request) {
  auto text = request.QueryParam("status");
  if (!text || text->empty()) return std::optional<service::HealthStatus>{};
  auto status = service::ParseHealthStatus(*text);
  if (!status) return Error::InvalidField("status", "must be one of up, down, unknown");
  return std::optional<service::HealthStatus>{*status};
}

}  // namespace

void AddHealthRoutes(Router& router, ApiServices services) {
  service::HealthService& health = *services.health;

  router.Add("GET", "/api/v1/registries/{id}/health", Permission::kRegistryView,
             [&health](RouteContext& context) {
               auto limit = ParseHistoryLimit(context.request);
               if (!limit.ok()) return ErrorResponse(limit.error());
               auto detail = health.Get(context.Param("id"), *limit);
               if (!detail.ok()) return ErrorResponse(detail.error());
               const UnixSeconds now = health.clock().Now();
               json body = RegistryHealthToJson(detail->registry, now);
               json history = json::array();
               for (const auto& check : detail->history) history.push_back(CheckToJson(check, now));
               body["history"] = std::move(history);
               return JsonResponse(200, body);
             });

  router.Add("POST", "/api/v1/registries/{id}/health", Permission::kRegistryConsume,
             [&health](RouteContext& context) {
               auto check = health.Check(context.Param("id"));
               if (!check.ok()) return ErrorResponse(check.error());
               return JsonResponse(200, CheckToJson(*check, health.clock().Now()));
             });

  router.Add("GET", "/api/v1/health", Permission::kAuthenticated,
             [&health](RouteContext& context) {
               auto status = ParseStatusFilter(context.request);
               if (!status.ok()) return ErrorResponse(status.error());
               auto list = health.List(context.actor, *status);
               if (!list.ok()) return ErrorResponse(list.error());
               const UnixSeconds now = health.clock().Now();
               json registries = json::array();
               for (const auto& entry : *list) registries.push_back(RegistryHealthToJson(entry, now));
               return JsonResponse(200, {{"registries", std::move(registries)}});
             });
}

}  // namespace reghub::http
