#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "http/api.h"
#include "secrets/master_key.h"
#include "secrets/sealer.h"
#include "store/open_store.h"
#include "store/sql_environment_store.h"
#include "store/sql_health_store.h"
#include "store/sql_grant_store.h"
#include "store/sql_team_store.h"
#include "store/sql_store.h"
#include "support/route_permissions.h"

namespace reghub::http {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The real router, built over real services on a throw-away SQLite file.
class ApiRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("reghub-openapi-" + std::to_string(::getpid()) + ".db");
    auto store = store::OpenStore("sqlite:" + path_.string());
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    sealer_ = std::make_unique<secrets::Sealer>(key_);
    auth_ = std::make_unique<service::AuthService>(*store_, clock_);
    registries_ = std::make_unique<service::RegistryService>(*store_, *sealer_, clock_);
    audit_ = std::make_unique<service::AuditService>(*store_);
    connection_tests_ = std::make_unique<service::ConnectionTestService>(*store_, *sealer_);
    charts_ = std::make_unique<service::ChartService>(*store_, *sealer_);
    health_store_ = std::make_unique<store::SqlHealthStore>(
        dynamic_cast<store::SqlStore&>(*store_).database());
    health_ = std::make_unique<service::HealthService>(*store_, *health_store_,
                                                       *connection_tests_, clock_);
    grant_store_ = std::make_unique<store::SqlGrantStore>(
        dynamic_cast<store::SqlStore&>(*store_).database());
    access_ = std::make_unique<service::AccessService>(*store_, *grant_store_, clock_);
    grants_ = std::make_unique<service::GrantService>(*store_, *grant_store_, clock_);
    environment_store_ = std::make_unique<store::SqlEnvironmentStore>(
        dynamic_cast<store::SqlStore&>(*store_).database());
    environments_ = std::make_unique<service::EnvironmentService>(
        *store_, *environment_store_, clock_,
        [this](const service::Actor& actor, service::Permission permission, const std::string& id) {
          return access_->Check(actor, permission, id);
        });
    ApiServices services;
    team_store_ = std::make_unique<store::SqlTeamStore>(
        dynamic_cast<store::SqlStore&>(*store_).database());
    users_ = std::make_unique<service::UserService>(*store_, *team_store_, clock_);
    teams_ = std::make_unique<service::TeamService>(*store_, *team_store_, clock_);
    tokens_ = std::make_unique<service::TokenService>(*store_, clock_);
    services.users = users_.get();
    services.teams = teams_.get();
    services.tokens = tokens_.get();
    services.auth = auth_.get();
    services.registries = registries_.get();
    services.audit = audit_.get();
    services.connection_tests = connection_tests_.get();
    services.charts = charts_.get();
    services.health = health_.get();
    services.access = access_.get();
    services.grants = grants_.get();
    services.environments = environments_.get();
    services.readiness = [] { return Status::Ok(); };
    router_ = BuildApiRouter(services);
  }
  void TearDown() override {
    router_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix);
  }

  std::set<std::pair<std::string, std::string>> RouterOperations() const {
    std::set<std::pair<std::string, std::string>> operations;
    for (const auto& route : router_->Routes()) operations.insert({route.pattern, Lower(route.method)});
    return operations;
  }

  std::set<std::pair<std::string, std::string>> DocumentedOperations() const {
    auto document = nlohmann::json::parse(OpenApiDocument());
    std::set<std::pair<std::string, std::string>> operations;
    for (const auto& [path, item] : document.at("paths").items()) {
      for (const auto& [method, operation] : item.items()) operations.insert({path, method});
    }
    return operations;
  }

  std::filesystem::path path_;
  secrets::MasterKey key_ = secrets::MasterKey::Generate();
  service::SystemClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<secrets::Sealer> sealer_;
  std::unique_ptr<service::AuthService> auth_;
  std::unique_ptr<service::RegistryService> registries_;
  std::unique_ptr<service::AuditService> audit_;
  std::unique_ptr<service::ConnectionTestService> connection_tests_;
  std::unique_ptr<service::ChartService> charts_;
  std::unique_ptr<store::SqlHealthStore> health_store_;
  std::unique_ptr<service::HealthService> health_;
  std::unique_ptr<store::SqlGrantStore> grant_store_;
  std::unique_ptr<service::AccessService> access_;
  std::unique_ptr<service::GrantService> grants_;
  std::unique_ptr<store::SqlEnvironmentStore> environment_store_;
  std::unique_ptr<service::EnvironmentService> environments_;
  std::unique_ptr<store::SqlTeamStore> team_store_;
  std::unique_ptr<service::UserService> users_;
  std::unique_ptr<service::TeamService> teams_;
  std::unique_ptr<service::TokenService> tokens_;
  std::unique_ptr<Router> router_;
};

TEST_F(ApiRoutes, DocumentIsOpenApi3) {
  auto document = nlohmann::json::parse(OpenApiDocument());
  EXPECT_TRUE(document.at("openapi").get<std::string>().starts_with("3."));
  EXPECT_FALSE(document.at("paths").empty());
}

TEST_F(ApiRoutes, EveryRouteIsDocumented) {
  auto documented = DocumentedOperations();
  for (const auto& operation : RouterOperations()) {
    EXPECT_TRUE(documented.count(operation))
        << operation.second << " " << operation.first << " is served but missing from openapi.json";
  }
}

TEST_F(ApiRoutes, EveryDocumentedRouteExists) {
  auto served = RouterOperations();
  for (const auto& operation : DocumentedOperations()) {
    EXPECT_TRUE(served.count(operation))
        << operation.second << " " << operation.first << " is in openapi.json but not served";
  }
}

TEST_F(ApiRoutes, EveryReferencedSchemaIsDefined) {
  auto document = nlohmann::json::parse(OpenApiDocument());
  const auto& components = document.at("components");
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      if (auto ref = node.find("$ref"); ref != node.end()) {
        std::string target = ref->get<std::string>();
        const std::string prefix = "#/components/";
        ASSERT_TRUE(target.starts_with(prefix)) << target;
        auto slash = target.find('/', prefix.size());
        std::string kind = target.substr(prefix.size(), slash - prefix.size());
        std::string name = target.substr(slash + 1);
        EXPECT_TRUE(components.at(kind).contains(name)) << target << " is not defined";
      }
      for (const auto& [key, child] : node.items()) walk(child);
    } else if (node.is_array()) {
      for (const auto& child : node) walk(child);
    }
  };
  walk(document);
}

TEST_F(ApiRoutes, EveryRouteDeclaresThePinnedPermission) {
  std::map<std::string, service::Permission> pinned;
  for (const auto& row : reghub::testing::PinnedRoutePermissions()) {
    pinned.emplace(std::string(row.method) + " " + std::string(row.pattern), row.permission);
  }
  std::set<std::string> served;
  for (const auto& route : router_->Routes()) {
    const std::string key = route.method + " " + route.pattern;
    served.insert(key);
    auto found = pinned.find(key);
    if (found == pinned.end()) {
      ADD_FAILURE() << key << " declares " << service::PermissionName(route.permission)
                    << " but has no row in tests/support/route_permissions.cc";
      continue;
    }
    EXPECT_EQ(service::PermissionName(route.permission), service::PermissionName(found->second))
        << key;
  }
  for (const auto& [key, permission] : pinned) {
    EXPECT_TRUE(served.count(key)) << key << " is pinned but not served";
  }
}

}  // namespace
}  // namespace reghub::http
