#include "http/api.h"
#include "http/error_response.h"

namespace reghub::http {

void AddSystemRoutes(Router& router, ApiServices services) {
  router.Add("GET", "/healthz", AuthPolicy::kPublic,
             [](RouteContext&) { return HttpResponse::Text(200, "ok\n"); });
  router.Add("GET", "/readyz", AuthPolicy::kPublic, [services](RouteContext&) {
    Status ready = services.readiness();
    if (!ready.ok()) return ErrorResponse(Error::Unavailable("not ready: " + ready.error().message));
    return HttpResponse::Text(200, "ready\n");
  });
  router.Add("GET", "/api/v1/openapi.json", AuthPolicy::kPublic, [](RouteContext&) {
    return HttpResponse::Json(200, std::string(OpenApiDocument()));
  });
}

}  // namespace reghub::http
