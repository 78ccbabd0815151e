#pragma once

#include <filesystem>
#include <functional>
#include <memory>

#include "http/router.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/chart_service.h"
#include "service/connection_test_service.h"
#include "service/environment_service.h"
#include "service/health_service.h"
#include "service/grant_service.h"
#include "service/registry_service.h"
#include "service/team_service.h"
#include "service/token_service.h"
#include "service/user_service.h"

namespace reghub::http {

// The services the API exposes. Handlers only map JSON to calls of these.
// Every pointer must be set (they are pointers only so that callers can fill
// them by name, in any order); the services outlive the router.
struct ApiServices {
  service::AuthService* auth = nullptr;
  service::RegistryService* registries = nullptr;
  service::AuditService* audit = nullptr;
  service::ConnectionTestService* connection_tests = nullptr;
  service::ChartService* charts = nullptr;
  service::EnvironmentService* environments = nullptr;
  service::HealthService* health = nullptr;   // health checks, and their part of /metrics
  service::AccessService* access = nullptr;   // the authorizer of every route
  service::GrantService* grants = nullptr;
  service::UserService* users = nullptr;
  service::TeamService* teams = nullptr;
  service::TokenService* tokens = nullptr;
  std::function<Status()> readiness;   // for /readyz: the database answers
  // The web UI: the key of its CSRF tokens (32 bytes, DeriveCsrfKey; empty: a
  // random key for this process) and the built UI served at / (empty: none).
  std::string csrf_key;
  std::filesystem::path web_dir;
};

// The router with every route of the REST API, /healthz, /readyz and the
// OpenAPI document.
std::unique_ptr<Router> BuildApiRouter(ApiServices services);

// Route groups, one file each.
// /healthz, /readyz, /metrics (the request metrics, Prometheus text) and the OpenAPI document.
void AddSystemRoutes(Router& router, ApiServices services, std::shared_ptr<RequestMetrics> metrics);
void AddAuthRoutes(Router& router, ApiServices services);
// POST/GET/DELETE /api/v1/auth/session: the web UI's cookie session (session_cookie.h).
class CsrfTokens;
void AddSessionRoutes(Router& router, ApiServices services, std::shared_ptr<const CsrfTokens> csrf);
void AddRegistryRoutes(Router& router, ApiServices services);
// GET/PUT /api/v1/grants (global) and /api/v1/registries/{id}/grants.
void AddGrantRoutes(Router& router, ApiServices services);
void AddAuditRoutes(Router& router, ApiServices services);
// /api/v1/users and PUT /api/v1/auth/password.
void AddUserRoutes(Router& router, ApiServices services);
// /api/v1/teams and /api/v1/teams/{id}/members.
void AddTeamRoutes(Router& router, ApiServices services);
// /api/v1/tokens: the caller's API tokens.
void AddTokenRoutes(Router& router, ApiServices services);
void AddConnectionTestRoutes(Router& router, ApiServices services);
void AddChartRoutes(Router& router, ApiServices services);
// /api/v1/environments (CRUD, attachments; agent routes included) and
// /api/v1/registries/{id}/environments and /injection.
void AddEnvironmentRoutes(Router& router, ApiServices services);
// /api/v1/environments/{id}/agent-tokens, /desired-state and /actuations.
void AddAgentRoutes(Router& router, ApiServices services);
// GET/POST /api/v1/registries/{id}/health and GET /api/v1/health.
void AddHealthRoutes(Router& router, ApiServices services);

// The embedded OpenAPI 3 document (src/http/openapi.json).
std::string_view OpenApiDocument();

}  // namespace reghub::http
