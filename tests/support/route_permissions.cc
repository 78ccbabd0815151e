#include "support/route_permissions.h"

namespace reghub::testing {
namespace {

using service::Permission;

// One row per route; keep the groups in the order of the route files.
constexpr RoutePermission kRoutes[] = {
    // system
    {"GET", "/metrics", Permission::kPublic},
    {"GET", "/healthz", Permission::kPublic},
    {"GET", "/readyz", Permission::kPublic},
    {"GET", "/api/v1/openapi.json", Permission::kPublic},
    // auth
    {"POST", "/api/v1/auth/login", Permission::kPublic},
    {"POST", "/api/v1/auth/logout", Permission::kAuthenticated},
    {"GET", "/api/v1/auth/whoami", Permission::kAuthenticated},
    // web UI session (session_routes.cc)
    {"POST", "/api/v1/auth/session", Permission::kPublic},
    {"GET", "/api/v1/auth/session", Permission::kAuthenticated},
    {"DELETE", "/api/v1/auth/session", Permission::kAuthenticated},
    // registries
    {"GET", "/api/v1/registries", Permission::kAuthenticated},
    {"POST", "/api/v1/registries", Permission::kAuthenticated},
    {"GET", "/api/v1/registries/{id}", Permission::kRegistryView},
    {"PATCH", "/api/v1/registries/{id}", Permission::kRegistryAdminister},
    {"DELETE", "/api/v1/registries/{id}", Permission::kRegistryAdminister},
    {"GET", "/api/v1/registries/{id}/revisions", Permission::kRegistryView},
    {"GET", "/api/v1/registries/{id}/revisions/{revision}", Permission::kRegistryView},
    {"GET", "/api/v1/registries/{id}/diff", Permission::kRegistryView},
    // grants
    {"GET", "/api/v1/grants", Permission::kAuthenticated},
    {"PUT", "/api/v1/grants", Permission::kHubAdmin},
    {"GET", "/api/v1/registries/{id}/grants", Permission::kRegistryView},
    {"PUT", "/api/v1/registries/{id}/grants", Permission::kRegistryGrants},
    // audit
    {"GET", "/api/v1/audit", Permission::kHubAdmin},
    // users (user_routes.cc)
    {"GET", "/api/v1/users", Permission::kAuthenticated},
    {"POST", "/api/v1/users", Permission::kHubAdmin},
    {"GET", "/api/v1/users/{id}", Permission::kAuthenticated},
    {"PATCH", "/api/v1/users/{id}", Permission::kHubAdmin},
    {"DELETE", "/api/v1/users/{id}", Permission::kHubAdmin},
    {"PUT", "/api/v1/auth/password", Permission::kAuthenticated},
    // teams (team_routes.cc)
    {"GET", "/api/v1/teams", Permission::kAuthenticated},
    {"POST", "/api/v1/teams", Permission::kHubAdmin},
    {"GET", "/api/v1/teams/{id}", Permission::kAuthenticated},
    {"PATCH", "/api/v1/teams/{id}", Permission::kHubAdmin},
    {"DELETE", "/api/v1/teams/{id}", Permission::kHubAdmin},
    {"PUT", "/api/v1/teams/{id}/members", Permission::kHubAdmin},
    // API tokens (token_routes.cc)
    {"GET", "/api/v1/tokens", Permission::kAuthenticated},
    {"POST", "/api/v1/tokens", Permission::kAuthenticated},
    {"DELETE", "/api/v1/tokens/{id}", Permission::kAuthenticated},
    // connection tests
    {"POST", "/api/v1/registries/{id}/test", Permission::kRegistryConsume},
    {"POST", "/api/v1/connection-tests", Permission::kAuthenticated},
    // charts
    {"GET", "/api/v1/registries/{id}/charts", Permission::kRegistryView},
    {"POST", "/api/v1/registries/{id}/charts", Permission::kRegistryAdminister},
    // health
    {"GET", "/api/v1/registries/{id}/health", Permission::kRegistryView},
    {"POST", "/api/v1/registries/{id}/health", Permission::kRegistryConsume},
    {"GET", "/api/v1/health", Permission::kAuthenticated},
    // environments
    {"GET", "/api/v1/environments", Permission::kEnvironmentView},
    {"POST", "/api/v1/environments", Permission::kHubAdmin},
    {"GET", "/api/v1/environments/{id}", Permission::kEnvironmentView},
    {"PATCH", "/api/v1/environments/{id}", Permission::kEnvironmentEdit},
    {"DELETE", "/api/v1/environments/{id}", Permission::kHubAdmin},
    {"PUT", "/api/v1/environments/{id}/registries/{registry_id}", Permission::kEnvironmentEdit},
    {"DELETE", "/api/v1/environments/{id}/registries/{registry_id}", Permission::kEnvironmentEdit},
    {"GET", "/api/v1/registries/{id}/environments", Permission::kRegistryView},
    {"GET", "/api/v1/registries/{id}/injection", Permission::kRegistryView},
    {"PUT", "/api/v1/registries/{id}/injection", Permission::kRegistryAdminister},
    {"POST", "/api/v1/environments/{id}/agent-tokens", Permission::kEnvironmentEdit},
    {"GET", "/api/v1/environments/{id}/agent-tokens", Permission::kEnvironmentEdit},
    {"DELETE", "/api/v1/environments/{id}/agent-tokens/{token_id}", Permission::kEnvironmentEdit},
    {"GET", "/api/v1/environments/{id}/desired-state", Permission::kEnvironmentAgent},
    {"POST", "/api/v1/environments/{id}/actuations", Permission::kEnvironmentAgent},
};

}  // namespace

std::span<const RoutePermission> PinnedRoutePermissions() { return kRoutes; }

}  // namespace reghub::testing
