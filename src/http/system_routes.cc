#include "http/api.h"
#include "http/error_response.h"
#include "http/health_metrics.h"

namespace reghub::http {

void AddSystemRoutes(Router& router, ApiServices services, std::shared_ptr<RequestMetrics> metrics) {
  router.Add("GET", "/metrics", Permission::kPublic, [metrics, services](RouteContext&) {
    std::string text = metrics->RenderPrometheus();
    if (auto health = services.health->ListAll(); health.ok()) {
      text += RenderHealthMetrics(*health, services.health->clock().Now());
    }
    HttpResponse response = HttpResponse::Text(200, std::move(text));
    response.headers = {{"Content-Type", "text/plain; version=0.0.4; charset=utf-8"}};
    return response;
  });
  router.Add("GET", "/healthz", Permission::kPublic,
             [](RouteContext&) { return HttpResponse::Text(200, "ok\n"); });
  router.Add("GET", "/readyz", Permission::kPublic, [services](RouteContext&) {
    Status ready = services.readiness();
    if (!ready.ok()) return ErrorResponse(Error::Unavailable("not ready: " + ready.error().message));
    return HttpResponse::Text(200, "ready\n");
  });
  router.Add("GET", "/api/v1/openapi.json", Permission::kPublic, [](RouteContext&) {
    return HttpResponse::Json(200, std::string(OpenApiDocument()));
  });
}

}  // namespace reghub::http
