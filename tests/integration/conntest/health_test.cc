// Health checks end to end: the real hub (HubServer, scheduled rounds every
// second) checking real docker-registry processes: up, a stopped registry,
// refused credentials (htpasswd and token auth), a TLS certificate expiring
// within 30 days (the test CA's leaves live two days), the list filter and
// the health metrics on /metrics.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/registry_json.h"
#include "support/docker_registry.h"
#include "support/http_client.h"
#include "support/hub_server.h"
#include "support/test_ca.h"

namespace reghub {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::DockerRegistry;
using testing::HubServer;
using testing::HubServerOptions;
using testing::TestCa;
using testing::TokenIssuer;

constexpr const char* kGoodPassword = "s3cret-Registry-Pass";
constexpr const char* kBadPassword = "wrong-Password-123";

class HealthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    HubServerOptions options;
    options.extra_args = {"--health-interval", "1", "--health-concurrency", "4"};
    hub_ = new HubServer(options);
    start_error_ = hub_->Start();
    if (start_error_.empty()) token_ = hub_->AdminToken();
  }
  static void TearDownTestSuite() {
    delete hub_;
    hub_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(start_error_.empty()) << start_error_;
    ASSERT_FALSE(token_.empty());
    if (!DockerRegistry::Available()) GTEST_SKIP() << "docker-registry is not installed";
  }

  // Creates a registry; returns its id.
  std::string Create(json spec) {
    auto response = client_.SendJson("POST", hub_->Url("/api/v1/registries"), spec, token_);
    EXPECT_EQ(response.status, 201) << response.body;
    return response.Json().value("id", "");
  }
  static json Spec(const DockerRegistry& registry, json tls = {{"mode", "plain-http"}}) {
    return {{"url", registry.host_port()}, {"provider", "generic"}, {"access", "public"},
            {"tls", std::move(tls)}};
  }
  static json BasicSpec(const DockerRegistry& registry, const std::string& password,
                        json tls = {{"mode", "plain-http"}}) {
    json spec = Spec(registry, std::move(tls));
    spec["access"] = "private";
    spec["credentials"] = {{"kind", "basic"}, {"username", "ci"}, {"password", password}};
    return spec;
  }
  // POST /api/v1/registries/{id}/health: the check that ran.
  json CheckNow(const std::string& id) {
    auto response = client_.SendJson("POST", hub_->Url("/api/v1/registries/" + id + "/health"),
                                     json::object(), token_);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.Json();
  }
  json Health(const std::string& id, const std::string& query = "") {
    auto response = client_.Get(hub_->Url("/api/v1/registries/" + id + "/health" + query), token_);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.Json();
  }
  // Polls GET …/health until `status` (the scheduler's rounds run each second).
  json WaitForStatus(const std::string& id, const std::string& status) {
    json health;
    for (int i = 0; i < 100; ++i) {
      health = Health(id);
      if (health.value("status", "") == status) return health;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "registry " << id << " never became " << status << ": " << health.dump(2);
    return health;
  }
  std::string Metrics() { return client_.Get(hub_->Url("/metrics")).body; }

  static HubServer* hub_;
  static std::string start_error_;
  static std::string token_;
  testing::HttpClient client_{std::chrono::seconds(60)};
};
HubServer* HealthTest::hub_ = nullptr;
std::string HealthTest::start_error_;
std::string HealthTest::token_;

TEST_F(HealthTest, HealthyRegistryGoesUpOnTheScheduleAndShowsOnMetrics) {
  DockerRegistry open({});
  std::string id = Create(Spec(open));
  json health = WaitForStatus(id, "up");
  EXPECT_EQ(health.at("url"), open.host_port());
  ASSERT_TRUE(health.at("latest").is_object()) << health.dump(2);
  EXPECT_TRUE(health.at("latest").at("failed_step").is_null());
  EXPECT_TRUE(health.at("latest").at("certificate_not_after").is_null()) << "plain-http";
  EXPECT_FALSE(health.at("latest").at("credentials_refused"));
  EXPECT_GE(health.at("latest").at("latency_ms").get<int>(), 0);
  EXPECT_TRUE(health.at("last_success_at").is_string());
  const std::string label = "{registry=\"" + open.host_port() + "\"}";
  std::string metrics = Metrics();
  EXPECT_THAT(metrics, HasSubstr("reghub_registry_up" + label + " 1\n"));
  EXPECT_THAT(metrics, HasSubstr("reghub_registry_last_success_timestamp_seconds" + label + " "));
  EXPECT_THAT(metrics, HasSubstr("reghub_registry_check_latency_seconds" + label + " "));
  EXPECT_THAT(metrics, HasSubstr("reghub_registry_credentials_failing" + label + " 0\n"));
  EXPECT_THAT(metrics, HasSubstr("# TYPE reghub_registries_certificate_expiring_soon gauge\n"));
}

TEST_F(HealthTest, StoppingTheRegistryMakesTheNextCheckFailAtTcp) {
  auto registry = std::make_unique<DockerRegistry>(DockerRegistry::Options{});
  const std::string url = registry->host_port();
  std::string id = Create(Spec(*registry));
  json up = CheckNow(id);
  EXPECT_EQ(up.at("status"), "up") << up.dump(2);
  registry.reset();
  json down = CheckNow(id);
  EXPECT_EQ(down.at("status"), "down") << down.dump(2);
  EXPECT_EQ(down.at("failed_step"), "tcp");
  EXPECT_FALSE(down.at("message").get<std::string>().empty());
  EXPECT_FALSE(down.at("credentials_refused"));

  json health = Health(id, "?limit=100");
  EXPECT_EQ(health.at("status"), "down");
  EXPECT_TRUE(health.at("last_success_at").is_string()) << "the earlier success is remembered";
  ASSERT_GE(health.at("history").size(), 2u);
  EXPECT_EQ(health.at("history")[0].at("status"), "down");
  EXPECT_THAT(Metrics(), HasSubstr("reghub_registry_up{registry=\"" + url + "\"} 0\n"));

  auto list = client_.Get(hub_->Url("/api/v1/health?status=down"), token_);
  ASSERT_EQ(list.status, 200) << list.body;
  bool listed = false;
  const json body = list.Json();
  for (const auto& entry : body.at("registries")) {
    EXPECT_EQ(entry.at("status"), "down");
    listed = listed || entry.at("registry_id") == id;
  }
  EXPECT_TRUE(listed) << list.body;
}

TEST_F(HealthTest, WrongBasicPasswordIsFlaggedAsRefusedCredentials) {
  DockerRegistry basic({.auth = DockerRegistry::Auth::kHtpasswd,
                        .htpasswd_users = {{"ci", kGoodPassword}}});
  std::string good = Create(BasicSpec(basic, kGoodPassword));
  EXPECT_EQ(CheckNow(good).at("status"), "up");
  json spec = BasicSpec(basic, kBadPassword);
  spec["url"] = "localhost:" + std::to_string(basic.port());  // another URL, the same registry
  std::string bad = Create(spec);
  json check = CheckNow(bad);
  EXPECT_EQ(check.at("status"), "down") << check.dump(2);
  EXPECT_EQ(check.at("failed_step"), "auth_ping");
  EXPECT_TRUE(check.at("credentials_refused"));
  EXPECT_EQ(check.dump().find(kBadPassword), std::string::npos) << "never a secret";
  EXPECT_THAT(Metrics(), HasSubstr("reghub_registry_credentials_failing{registry=\"localhost:" +
                                   std::to_string(basic.port()) + "\"} 1\n"));
}

TEST_F(HealthTest, RefusedTokenExchangeIsFlaggedAsRefusedCredentials) {
  TestCa ca;
  TokenIssuer issuer(ca, "reghub-test-issuer", "reghub-test-registry",
                     {{"ci", {kGoodPassword, {{"*", {"pull"}}}}}});
  DockerRegistry token({.auth = DockerRegistry::Auth::kToken, .token_issuer = &issuer});
  std::string id = Create(BasicSpec(token, kBadPassword));
  json check = CheckNow(id);
  EXPECT_EQ(check.at("status"), "down") << check.dump(2);
  EXPECT_EQ(check.at("failed_step"), "credentials");
  EXPECT_TRUE(check.at("credentials_refused"));
  EXPECT_THAT(check.at("message").get<std::string>(), HasSubstr("token service"));
}

TEST_F(HealthTest, TlsCertificateExpiringWithinThirtyDaysIsFlagged) {
  TestCa ca;  // its server certificates are valid for two days
  DockerRegistry secure({.tls_ca = &ca});
  std::string id = Create(Spec(secure, {{"mode", "verify-with-ca"}, {"ca_pem", ca.cert_pem()}}));
  json check = CheckNow(id);
  EXPECT_EQ(check.at("status"), "up") << "a warning is still up: " << check.dump(2);
  ASSERT_TRUE(check.at("certificate_not_after").is_string()) << check.dump(2);
  auto not_after = ParseTimestamp(check.at("certificate_not_after").get<std::string>());
  ASSERT_TRUE(not_after.has_value());
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  EXPECT_GT(*not_after, now);
  EXPECT_LT(*not_after, now + 3 * 86400);
  EXPECT_TRUE(check.at("certificate_expires_soon"));
  std::string metrics = Metrics();
  EXPECT_THAT(metrics, HasSubstr("reghub_registry_certificate_expiry_timestamp_seconds{registry=\"" +
                                 secure.host_port() + "\"} " + std::to_string(*not_after) + "\n"));
  EXPECT_THAT(metrics, ::testing::Not(HasSubstr("reghub_registries_certificate_expiring_soon 0\n")));
}

TEST_F(HealthTest, BadQueriesAreRefusedAndUnknownRegistriesAreNotFound) {
  EXPECT_EQ(client_.Get(hub_->Url("/api/v1/health?status=sick"), token_).status, 400);
  EXPECT_EQ(client_.Get(hub_->Url("/api/v1/health"), "").status, 401);
  DockerRegistry open({});
  std::string id = Create(Spec(open));
  for (const char* query : {"?limit=0", "?limit=101", "?limit=ten", "?limit=-1"}) {
    auto response = client_.Get(hub_->Url("/api/v1/registries/" + id + "/health" + query), token_);
    EXPECT_EQ(response.status, 400) << query << ": " << response.body;
  }
  EXPECT_EQ(client_.Get(hub_->Url("/api/v1/registries/nope/health"), token_).status, 404);
  auto post = client_.SendJson("POST", hub_->Url("/api/v1/registries/nope/health"),
                               json::object(), token_);
  EXPECT_EQ(post.status, 404) << post.body;
}

}  // namespace
}  // namespace reghub
