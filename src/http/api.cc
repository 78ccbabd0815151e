#include "http/api.h"

namespace reghub::http {
namespace {

// "Bearer <token>", scheme case-insensitive.
std::string_view BearerToken(const HttpRequest& request) {
  auto header = request.Header("authorization");
  if (!header || header->size() < 7) return {};
  std::string scheme(header->substr(0, 7));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  std::string_view token = header->substr(7);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  return token;
}

}  // namespace

std::unique_ptr<Router> BuildApiRouter(ApiServices services) {
  auto metrics = std::make_shared<RequestMetrics>();
  auto router = std::make_unique<Router>(
      [&auth = *services.auth](const HttpRequest& request) -> Result<service::Actor> {
        std::string_view token = BearerToken(request);
        if (token.empty()) {
          return Error::Unauthenticated(
              "authentication required: send Authorization: Bearer <token>");
        }
        return auth.Authenticate(token, request.remote_address);
      },
      metrics);
  AddSystemRoutes(*router, services, metrics);
  AddAuthRoutes(*router, services);
  AddRegistryRoutes(*router, services);
  AddAuditRoutes(*router, services);
  AddConnectionTestRoutes(*router, services);
  AddChartRoutes(*router, services);
  return router;
}

}  // namespace reghub::http
