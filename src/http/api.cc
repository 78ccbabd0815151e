#include "http/api.h"

#include "http/session_cookie.h"
#include "http/static_routes.h"

namespace reghub::http {
std::unique_ptr<Router> BuildApiRouter(ApiServices services) {
  auto metrics = std::make_shared<RequestMetrics>();
  auto csrf = std::make_shared<const CsrfTokens>(services.csrf_key);
  auto router = std::make_unique<Router>(
      [&auth = *services.auth, csrf](const HttpRequest& request) -> Result<service::Actor> {
        return AuthenticateRequest(request, auth, *csrf);
      },
      metrics);
  AddSystemRoutes(*router, services, metrics);
  AddAuthRoutes(*router, services);
  AddSessionRoutes(*router, services, csrf);
  AddRegistryRoutes(*router, services);
  AddAuditRoutes(*router, services);
  AddConnectionTestRoutes(*router, services);
  AddChartRoutes(*router, services);
  if (!services.web_dir.empty()) router->SetFallback(WebUiHandler(services.web_dir));
  return router;
}

}  // namespace reghub::http
