// The connection test end to end: the real hub (HubServer) testing real
// docker-registry processes (open, htpasswd, TLS from a test CA, token auth)
// through POST /api/v1/connection-tests, POST /api/v1/registries/{id}/test
// and `reghub registry test`.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "integration/registry/seed.h"
#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "support/docker_registry.h"
#include "support/free_port.h"
#include "support/http_client.h"
#include "support/hub_server.h"
#include "support/temp_dir.h"
#include "support/test_ca.h"

namespace reghub {
namespace {

using nlohmann::json;
using testing::DockerRegistry;
using testing::HubServer;
using testing::TestCa;
using testing::TokenIssuer;

constexpr const char* kGoodPassword = "s3cret-Registry-Pass";
constexpr const char* kBadPassword = "wrong-Password-123";

std::string UrlOf(const DockerRegistry& registry) { return registry.host_port(); }

// Pushes a one-layer image to `repository` as `user` (anonymous when empty).
void Seed(const DockerRegistry& target, const std::string& repository, TlsSettings tls,
          const std::string& user = "", const std::string& password = "") {
  registry::CurlHttpClient http(std::move(tls));
  std::shared_ptr<registry::CredentialSource> source =
      user.empty() ? std::make_shared<registry::StaticCredentialSource>()
                   : std::make_shared<registry::StaticCredentialSource>(
                         registry::BasicCredentials{user, SecretString(password)});
  registry::RegistryClient client(target.origin(), http, source);
  registry::seed::PushImage(client, repository, "v1");
}

json Step(const json& report, const std::string& name) {
  for (const auto& step : report.at("steps")) {
    if (step.at("name") == name) return step;
  }
  ADD_FAILURE() << "no step " << name << " in " << report.dump(2);
  return json::object();
}

// Every step after `name` is skipped.
void ExpectSkippedAfter(const json& report, const std::string& name) {
  bool after = false;
  for (const auto& step : report.at("steps")) {
    if (after) {
      EXPECT_EQ(step.at("status"), "skipped") << step.dump();
    }
    if (step.at("name") == name) after = true;
  }
  EXPECT_TRUE(after) << "no step " << name;
}

class ConnectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    hub_ = new HubServer();
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

  // POST /api/v1/connection-tests; expects 200 and returns the report.
  json TestSpec(const json& spec, std::string* raw_body = nullptr) {
    testing::HttpClient client(std::chrono::seconds(60));
    auto response = client.SendJson("POST", hub_->Url("/api/v1/connection-tests"), spec, token_);
    EXPECT_EQ(response.status, 200) << response.body;
    if (raw_body) *raw_body = response.body;
    json report = response.Json();
    EXPECT_TRUE(report.is_object()) << response.body;
    return report.is_object() ? report : json{{"ok", false}, {"steps", json::array()}};
  }

  static json BasicSpec(const std::string& url, const std::string& user,
                        const std::string& password, const std::string& tls_mode = "plain-http") {
    return {{"url", url},
            {"provider", "generic"},
            {"access", "private"},
            {"credentials", {{"kind", "basic"}, {"username", user}, {"password", password}}},
            {"tls", {{"mode", tls_mode}}}};
  }

  static HubServer* hub_;
  static std::string start_error_;
  static std::string token_;
};
HubServer* ConnectionTest::hub_ = nullptr;
std::string ConnectionTest::start_error_;
std::string ConnectionTest::token_;

TEST_F(ConnectionTest, OpenRegistryPassesEveryStep) {
  DockerRegistry open({});
  Seed(open, "team/app", {TlsMode::kPlainHttp, "", ""});
  json report = TestSpec({{"url", UrlOf(open)},
                          {"provider", "generic"},
                          {"access", "public"},
                          {"tls", {{"mode", "plain-http"}}},
                          {"repositories", {"team/app"}}});
  EXPECT_TRUE(report.at("ok")) << report.dump(2);
  EXPECT_EQ(Step(report, "dns").at("status"), "ok");
  EXPECT_EQ(Step(report, "dns").at("details").at("addresses"), json::array({"127.0.0.1"}));
  EXPECT_EQ(Step(report, "tcp").at("status"), "ok");
  EXPECT_EQ(Step(report, "tls").at("status"), "skipped");
  EXPECT_EQ(Step(report, "ping").at("status"), "ok");
  EXPECT_EQ(Step(report, "credentials").at("status"), "skipped");
  EXPECT_EQ(Step(report, "auth_ping").at("status"), "ok");
  json repository = Step(report, "repository:team/app");
  EXPECT_EQ(repository.at("status"), "ok") << repository.dump();
  EXPECT_EQ(repository.at("details").at("tags"), 1);
  EXPECT_GE(report.at("duration_ms").get<int>(), 0);
}

TEST_F(ConnectionTest, HtpasswdGoodCredentialsPassAndReadTheChartRepository) {
  DockerRegistry basic(
      {.auth = DockerRegistry::Auth::kHtpasswd, .htpasswd_users = {{"ci", kGoodPassword}}});
  Seed(basic, "charts/app", {TlsMode::kPlainHttp, "", ""}, "ci", kGoodPassword);
  json spec = BasicSpec(UrlOf(basic), "ci", kGoodPassword);
  spec["usage"] = {{"chart_repository", true}, {"chart_repositories", {"charts/app"}}};
  std::string body;
  json report = TestSpec(spec, &body);
  EXPECT_TRUE(report.at("ok")) << report.dump(2);
  EXPECT_EQ(Step(report, "ping").at("details").at("scheme"), "basic");
  EXPECT_EQ(Step(report, "credentials").at("status"), "ok");
  EXPECT_EQ(Step(report, "auth_ping").at("status"), "ok");
  EXPECT_EQ(Step(report, "repository:charts/app").at("status"), "ok");
  EXPECT_EQ(body.find(kGoodPassword), std::string::npos) << "the password was echoed";
}

TEST_F(ConnectionTest, HtpasswdBadCredentialsFailAtTheAuthenticatedPing) {
  DockerRegistry basic(
      {.auth = DockerRegistry::Auth::kHtpasswd, .htpasswd_users = {{"ci", kGoodPassword}}});
  std::string body;
  json report = TestSpec(BasicSpec(UrlOf(basic), "ci", kBadPassword), &body);
  EXPECT_FALSE(report.at("ok"));
  json auth = Step(report, "auth_ping");
  EXPECT_EQ(auth.at("status"), "failed");
  EXPECT_NE(auth.at("message").get<std::string>().find("credentials refused"), std::string::npos)
      << auth.dump();
  ExpectSkippedAfter(report, "auth_ping");
  EXPECT_EQ(body.find(kBadPassword), std::string::npos) << "the password was echoed";
}

class TlsConnectionTest : public ConnectionTest {
 protected:
  json TlsSpec(const DockerRegistry& target, json tls) {
    return TestSpec({{"url", UrlOf(target)},
                     {"provider", "generic"},
                     {"access", "public"},
                     {"tls", std::move(tls)}});
  }
  TestCa ca_;
};

TEST_F(TlsConnectionTest, VerifyFailsAtTlsWithTheUnknownAuthorityMessage) {
  DockerRegistry secure({.tls_ca = &ca_});
  json report = TlsSpec(secure, {{"mode", "verify"}});
  EXPECT_FALSE(report.at("ok"));
  json tls = Step(report, "tls");
  EXPECT_EQ(tls.at("status"), "failed");
  EXPECT_EQ(tls.at("message"),
            "certificate signed by an unknown authority: choose verify-with-ca and add the CA");
  EXPECT_EQ(tls.at("details").at("trusted"), false);
  EXPECT_EQ(
      tls.at("details").at("issuer").get<std::string>().find("reghub test CA") != std::string::npos,
      true)
      << tls.dump();
  ExpectSkippedAfter(report, "tls");
}

TEST_F(TlsConnectionTest, VerifyWithTheCaPassesAndReportsTheCertificate) {
  DockerRegistry secure({.tls_ca = &ca_});
  json report = TlsSpec(secure, {{"mode", "verify-with-ca"}, {"ca_pem", ca_.cert_pem()}});
  EXPECT_TRUE(report.at("ok")) << report.dump(2);
  json tls = Step(report, "tls");
  EXPECT_EQ(tls.at("details").at("trusted"), true);
  EXPECT_EQ(tls.at("details").at("host_name_matches"), true);
  // The test CA issues for two days: under 30 days left is a warning, not a failure.
  EXPECT_EQ(tls.at("status"), "warning") << tls.dump();
  EXPECT_LE(tls.at("details").at("days_until_expiry").get<int>(), 2);
  EXPECT_NE(tls.at("message").get<std::string>().find("expires in"), std::string::npos);
  EXPECT_EQ(Step(report, "auth_ping").at("status"), "ok");
}

TEST_F(TlsConnectionTest, InsecurePassesWithAWarning) {
  DockerRegistry secure({.tls_ca = &ca_});
  json report = TlsSpec(secure, {{"mode", "insecure"}});
  EXPECT_TRUE(report.at("ok")) << report.dump(2);
  EXPECT_EQ(Step(report, "tls").at("status"), "warning");
  EXPECT_EQ(Step(report, "auth_ping").at("status"), "ok");
}

class TokenConnectionTest : public ConnectionTest {
 protected:
  void SetUp() override {
    ConnectionTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    TokenIssuer::User ci{kGoodPassword, {{"*", {"*"}}}, false};
    TokenIssuer::User reader{kGoodPassword, {{"shared/app", {"pull"}}}, false};
    issuer_ = std::make_unique<TokenIssuer>(
        ca_, "test-issuer", "test-registry",
        std::map<std::string, TokenIssuer::User>{{"ci", ci}, {"reader", reader}});
    registry_ = std::make_unique<DockerRegistry>(DockerRegistry::Options{
        .auth = DockerRegistry::Auth::kToken, .token_issuer = issuer_.get()});
  }
  json TokenSpec(const std::string& user, const std::string& password,
                 const std::vector<std::string>& repositories) {
    json spec = BasicSpec(UrlOf(*registry_), user, password);
    spec["usage"] = {{"chart_repository", true}, {"chart_repositories", repositories}};
    return TestSpec(spec);
  }
  TestCa ca_{"token CA"};
  std::unique_ptr<TokenIssuer> issuer_;
  std::unique_ptr<DockerRegistry> registry_;
};

TEST_F(TokenConnectionTest, GoodCredentialsPass) {
  Seed(*registry_, "shared/app", {TlsMode::kPlainHttp, "", ""}, "ci", kGoodPassword);
  json report = TokenSpec("ci", kGoodPassword, {"shared/app"});
  EXPECT_TRUE(report.at("ok")) << report.dump(2);
  json ping = Step(report, "ping");
  EXPECT_EQ(ping.at("details").at("scheme"), "bearer");
  EXPECT_EQ(ping.at("details").at("realm"), issuer_->realm());
  EXPECT_EQ(ping.at("details").at("service"), "test-registry");
  EXPECT_EQ(Step(report, "credentials").at("status"), "ok");
  EXPECT_EQ(Step(report, "repository:shared/app").at("status"), "ok");
}

TEST_F(TokenConnectionTest, BadCredentialsAreRefusedByTheTokenService) {
  json report = TokenSpec("ci", kBadPassword, {"shared/app"});
  EXPECT_FALSE(report.at("ok"));
  json credentials = Step(report, "credentials");
  EXPECT_EQ(credentials.at("status"), "failed");
  EXPECT_NE(
      credentials.at("message").get<std::string>().find("credentials refused by the token service"),
      std::string::npos)
      << credentials.dump();
  ExpectSkippedAfter(report, "credentials");
}

TEST_F(TokenConnectionTest, InsufficientScopeFailsAtTheListedRepository) {
  json report = TokenSpec("reader", kGoodPassword, {"private/app"});
  EXPECT_FALSE(report.at("ok"));
  EXPECT_EQ(Step(report, "auth_ping").at("status"), "ok");
  json repository = Step(report, "repository:private/app");
  EXPECT_EQ(repository.at("status"), "failed");
  EXPECT_NE(repository.at("message").get<std::string>().find("insufficient scope"),
            std::string::npos)
      << repository.dump();
}

TEST_F(ConnectionTest, UnreachablePortFailsAtTcp) {
  std::uint16_t port = testing::PickFreePort();
  ASSERT_NE(port, 0);
  json report = TestSpec({{"url", "127.0.0.1:" + std::to_string(port)},
                          {"provider", "generic"},
                          {"access", "public"},
                          {"tls", {{"mode", "plain-http"}}}});
  EXPECT_FALSE(report.at("ok"));
  EXPECT_EQ(Step(report, "dns").at("status"), "ok");
  json tcp = Step(report, "tcp");
  EXPECT_EQ(tcp.at("status"), "failed");
  EXPECT_NE(tcp.at("message").get<std::string>().find("cannot connect"), std::string::npos)
      << tcp.dump();
  ExpectSkippedAfter(report, "tcp");
}

TEST_F(ConnectionTest, UnknownHostFailsAtDns) {
  json report =
      TestSpec({{"url", "nonexistent.invalid"}, {"provider", "generic"}, {"access", "public"}});
  EXPECT_FALSE(report.at("ok"));
  json dns = Step(report, "dns");
  EXPECT_EQ(dns.at("status"), "failed");
  EXPECT_NE(dns.at("message").get<std::string>().find("cannot resolve host nonexistent.invalid"),
            std::string::npos)
      << dns.dump();
  ExpectSkippedAfter(report, "dns");
}

TEST_F(ConnectionTest, InvalidSpecIsRefusedLikeACreate) {
  testing::HttpClient client;
  auto response = client.SendJson("POST", hub_->Url("/api/v1/connection-tests"),
                                  {{"url", "https://x.example"}, {"provider", "generic"}}, token_);
  EXPECT_EQ(response.status, 400) << response.body;
  auto anonymous = client.SendJson("POST", hub_->Url("/api/v1/connection-tests"),
                                   {{"url", "x.example"}, {"provider", "generic"}});
  EXPECT_EQ(anonymous.status, 401);
}

TEST_F(ConnectionTest, SavedRegistryIsTestedWithItsStoredCredentials) {
  DockerRegistry basic(
      {.auth = DockerRegistry::Auth::kHtpasswd, .htpasswd_users = {{"ci", kGoodPassword}}});
  testing::HttpClient client(std::chrono::seconds(60));
  auto created = client.SendJson("POST", hub_->Url("/api/v1/registries"),
                                 BasicSpec(UrlOf(basic), "ci", kGoodPassword), token_);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json().at("id");

  auto tested = client.SendJson("POST", hub_->Url("/api/v1/registries/" + id + "/test"),
                                json::object(), token_);
  ASSERT_EQ(tested.status, 200) << tested.body;
  json report = tested.Json();
  EXPECT_TRUE(report.at("ok")) << report.dump(2);
  EXPECT_EQ(Step(report, "auth_ping").at("status"), "ok");
  EXPECT_EQ(tested.body.find(kGoodPassword), std::string::npos);

  auto missing = client.SendJson("POST", hub_->Url("/api/v1/registries/no-such-id/test"),
                                 json::object(), token_);
  EXPECT_EQ(missing.status, 404) << missing.body;

  // The CLI: a table of the steps, exit 0 when the test passes, 1 when it fails.
  testing::TempDir home;
  std::string env = "HOME=" + home.path().string() + " REGHUB_SERVER=" + hub_->base_url() +
                    " REGHUB_TOKEN=" + token_ + " ";
  std::string output;
  int status = testing::RunCommand(env + REGHUB_BINARY " registry test " + id, &output);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("auth_ping"), std::string::npos) << output;
  EXPECT_NE(output.find("connection test passed"), std::string::npos) << output;

  std::uint16_t port = testing::PickFreePort();
  status =
      testing::RunCommand(env + REGHUB_BINARY " registry test 127.0.0.1:" + std::to_string(port) +
                              " --tls plain-http -o json",
                          &output);
  EXPECT_EQ(status, 1) << output;
  json cli_report = json::parse(output, nullptr, false);
  ASSERT_TRUE(cli_report.is_object()) << output;
  EXPECT_EQ(Step(cli_report, "tcp").at("status"), "failed");
}

}  // namespace
}  // namespace reghub
