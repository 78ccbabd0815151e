#include "app/serve.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "app/logging.h"
#include "app/test_endpoints.h"
#include "http/api.h"
#include "http/body_limits.h"
#include "http/server.h"
#include "http/session_cookie.h"
#include "secrets/master_key.h"
#include "secrets/sealer.h"
#include "service/access_service.h"
#include "service/audit_service.h"
#include "service/auth_service.h"
#include "service/chart_service.h"
#include "service/connection_test_service.h"
#include "service/environment_service.h"
#include "service/health_scheduler.h"
#include "service/health_service.h"
#include "service/grant_service.h"
#include "service/registry_service.h"
#include "service/team_service.h"
#include "service/token_service.h"
#include "service/user_service.h"
#include "store/open_store.h"
#include "store/sql_environment_store.h"
#include "store/sql_health_store.h"
#include "store/sql_grant_store.h"
#include "store/sql_team_store.h"
#include "store/sql_store.h"

namespace reghub::app {
namespace {

namespace fs = std::filesystem;

Status PrepareDataDirectory(const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return Error::Unavailable("cannot create data directory " + dir.string() + ": " + error.message());
  // The directory holds the master key and the database: owner only.
  if (::chmod(dir.c_str(), 0700) != 0) {
    return Error::Unavailable("cannot set mode 0700 on data directory " + dir.string());
  }
  return Status::Ok();
}

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;
};

Result<ListenAddress> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    return Error::InvalidField("--listen", "expected host:port, e.g. 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string port_text = listen.substr(colon + 1);
  char* end = nullptr;
  long port = std::strtol(port_text.c_str(), &end, 10);
  if (*end != '\0' || port < 0 || port > 65535) {
    return Error::InvalidField("--listen", "port must be a number from 0 to 65535");
  }
  return ListenAddress{host, static_cast<std::uint16_t>(port)};
}

// Wraps the router with an access log line per request (never the body or headers).
http::RequestHandler WithAccessLog(const http::Router& router, bool enabled) {
  return [&router, enabled](const http::HttpRequest& request) {
    auto start = std::chrono::steady_clock::now();
    http::HttpResponse response = router.Dispatch(request);
    if (enabled) {
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
      spdlog::info("{} {} {} {}us from {}", request.method, request.path, response.status, micros,
                   request.remote_address);
    }
    return response;
  };
}

// Checks every registry each --health-interval, logging each round and the
// checks that could not run (a failed check is recorded, not logged).
service::HealthScheduler MakeHealthScheduler(const ServeOptions& options, service::SchedulerClock& clock,
                                    service::HealthService& health) {
  return service::HealthScheduler(
      {.interval = options.health_interval, .concurrency = options.health_concurrency}, clock,
      [&health] { return health.RegistryIds(); },
      [&health](const std::string& id) {
        auto check = health.Check(id);
        // not_found: the registry was deleted during the round.
        if (!check.ok() && check.error().code != ErrorCode::kNotFound) {
          spdlog::warn("health check of registry {} could not run: {}", id, check.error().message);
        }
      },
      [](const service::HealthRound& round) {
        if (!round.error.empty()) return spdlog::warn("health round failed: {}", round.error);
        spdlog::info("health round: {} of {} registries checked in {} ms", round.checked,
                     round.registries, round.duration.count());
      });
}

int Fail(const Error& error) {
  spdlog::error("{}", error.message);
  return 1;
}

}  // namespace

int RunServe(const ServeOptions& options) {
  SetUpServerLogging();
  auto listen = ParseListen(options.listen);
  if (!listen.ok()) return Fail(listen.error());
  if (Status status = PrepareDataDirectory(options.data_dir); !status.ok()) return Fail(status.error());

  auto master_key = secrets::LoadOrCreateMasterKey(options.data_dir / "master.key");
  if (!master_key.ok()) return Fail(master_key.error());
  std::string database =
      options.database.empty() ? "sqlite:" + (options.data_dir / "reghub.db").string() : options.database;
  // The embedded database belongs to this process alone; a shared one
  // (PostgreSQL) is revalidated on every read.
  auto store = store::OpenStore(database, {.sole_writer = options.database.empty()});
  if (!store.ok()) return Fail(store.error());

  service::SystemClock clock;
  // Expired tokens are refused anyway; dropping them at start keeps the table small.
  if (Status purged = (*store)->DeleteExpiredTokens(clock.Now()); !purged.ok()) {
    return Fail(purged.error());
  }
  secrets::Sealer sealer(**master_key);
  // Failed logins are counted in this process only (replicas throttle separately).
  access::LoginThrottle login_throttle;
  service::AuthService auth(**store, clock, &login_throttle);
  store::SqlTeamStore team_store(dynamic_cast<store::SqlStore&>(**store).database());
  store::SqlGrantStore grant_store(dynamic_cast<store::SqlStore&>(**store).database());
  service::AccessService access(**store, grant_store, clock);
  // Hub administrators by flag or by a global grant administer accounts.
  auto is_hub_admin = [&access](const service::Actor& actor) {
    return access.Authorize(actor, service::Permission::kHubAdmin, "").ok();
  };
  service::UserService users(**store, team_store, clock, &login_throttle, is_hub_admin);
  service::TeamService teams(**store, team_store, clock, is_hub_admin);
  service::TokenService tokens(**store, clock, is_hub_admin);
  service::GrantService grants(**store, grant_store, clock);
  store::SqlEnvironmentStore environment_store(dynamic_cast<store::SqlStore&>(**store).database());
  service::EnvironmentService environments(
      **store, environment_store, clock,
      [&access](const service::Actor& actor, service::Permission permission,
                const std::string& resource_id) { return access.Check(actor, permission, resource_id); });
  service::RegistryService registries(**store, sealer, clock, &access);
  service::AuditService audit(**store);
  auto test_endpoints = TestEndpointsFromEnvironment();
  if (!test_endpoints.ok()) return Fail(test_endpoints.error());
  service::ConnectionTestOptions connection_test_options;
  connection_test_options.ecr_endpoint_override = test_endpoints->ecr;
  service::ConnectionTestService connection_tests(**store, sealer, connection_test_options);
  service::ChartServiceOptions chart_options;
  chart_options.ecr_endpoint_override = test_endpoints->ecr;
  service::ChartService charts(**store, sealer, chart_options);
  store::SqlHealthStore health_store(dynamic_cast<store::SqlStore&>(**store).database());
  // The health list shows only the registries the caller may view.
  service::HealthService health(
      **store, health_store, connection_tests, clock, {},
      [&access](const service::Actor& actor, const std::string& registry_id) {
        return access.Authorize(actor, service::Permission::kRegistryView, registry_id).ok();
      });

  const char* admin_password = std::getenv("REGHUB_ADMIN_PASSWORD");
  auto created = auth.EnsureAdministrator(SecretString(admin_password ? admin_password : ""));
  if (!created.ok()) return Fail(created.error());
  if (created->has_value()) {
    // Printed once, to the terminal only: the log never carries it.
    std::cout << "Created the administrator \"admin\" with the one-time password:\n\n    "
              << (*created)->Reveal()
              << "\n\nIt is not shown again: keep it somewhere safe.\n"
              << std::flush;
  }

  http::ApiServices services;
  services.auth = &auth;
  services.registries = &registries;
  services.audit = &audit;
  services.users = &users;
  services.teams = &teams;
  services.tokens = &tokens;
  services.connection_tests = &connection_tests;
  services.charts = &charts;
  services.health = &health;
  services.access = &access;
  services.grants = &grants;
  services.environments = &environments;
  services.csrf_key = http::DeriveCsrfKey((*master_key)->data(), secrets::kMasterKeyBytes);
  services.web_dir = options.web_dir;
  services.readiness = [&store]() -> Status {
    auto count = (*store)->CountUsers();
    if (!count.ok()) return count.error();
    return Status::Ok();
  };
  auto router = http::BuildApiRouter(services);
  http::HttpServer server({.address = listen->host,
                           .port = listen->port,
                           .threads = options.threads,
                           .body_limit_for = http::ApiBodyLimit},
                          WithAccessLog(*router, options.access_log));
  if (Status status = server.Bind(); !status.ok()) return Fail(status.error());

  std::string url = "http://" + options.listen.substr(0, options.listen.rfind(':')) + ":" +
                    std::to_string(server.port());
  std::cout << "reghub is serving on " << url << " (data in " << options.data_dir.string() << ")\n"
            << "Log in with: reghub login --server " << url << " --username admin\n"
            << std::flush;
  spdlog::info("listening on {}", url);
  service::SteadySchedulerClock scheduler_clock;
  service::HealthScheduler health_scheduler = MakeHealthScheduler(options, scheduler_clock, health);
  health_scheduler.Start();
  server.RunUntilSignalled();
  health_scheduler.Stop();
  spdlog::info("shut down");
  spdlog::default_logger()->flush();
  return 0;
}

}  // namespace reghub::app
