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
      metrics,
      [&access = *services.access](const service::Actor& actor, Permission permission,
                                   const RouteContext& context) {
        // A route's resource is its {id}: a registry or an environment.
        auto id = context.params.find("id");
        return access.Authorize(actor, permission, id == context.params.end() ? "" : id->second);
      });
  AddSystemRoutes(*router, services, metrics);
  AddAuthRoutes(*router, services);
  AddSessionRoutes(*router, services, csrf);
  AddRegistryRoutes(*router, services);
  AddGrantRoutes(*router, services);
  AddAuditRoutes(*router, services);
  AddUserRoutes(*router, services);
  AddTeamRoutes(*router, services);
  AddTokenRoutes(*router, services);
  AddConnectionTestRoutes(*router, services);
  AddChartRoutes(*router, services);
  AddEnvironmentRoutes(*router, services);
  AddHealthRoutes(*router, services);
  if (!services.web_dir.empty()) router->SetFallback(WebUiHandler(services.web_dir));
  return router;
}

}  // namespace reghub::http
