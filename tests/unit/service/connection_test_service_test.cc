// ConnectionTestService's decisions with a fake network and a fake registry:
// certificate problems, expiry warnings, odd /v2/ answers, missing credentials.
#include "service/connection_test_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <map>

#include "secrets/master_key.h"
#include "store/open_store.h"

namespace reghub::service {
namespace {

class FakeProbe final : public registry::NetworkProbe {
 public:
  Result<std::vector<std::string>> Resolve(const std::string&) override {
    return std::vector<std::string>{"192.0.2.10"};
  }
  Result<std::string> Connect(const std::string&, std::uint16_t,
                              std::chrono::milliseconds) override {
    return std::string("192.0.2.10");
  }
  Result<registry::TlsProbeResult> Handshake(const std::string&, std::uint16_t, const TlsSettings&,
                                             std::chrono::milliseconds) override {
    return tls;
  }
  registry::TlsProbeResult tls;
};

// Answers GET /v2/ with a scripted response (200 once authenticated), POSTs
// (ECR's GetAuthorizationToken) with `ecr`; everything else 404.
class FakeRegistry final : public registry::HttpClient {
 public:
  Result<registry::HttpResponse> Send(const registry::HttpRequest& request) override {
    if (request.method == "POST") return ecr;
    if (request.url.ends_with("/v2/")) {
      if (registry::FirstHeader(request.headers, "Authorization")) {
        return registry::HttpResponse{200, {}, "{}"};
      }
      return ping;
    }
    return registry::HttpResponse{404, {}, ""};
  }
  registry::HttpResponse ping{200, {}, ""};
  registry::HttpResponse ecr{404, {}, ""};
};

registry::TlsProbeResult GoodCertificate(std::int64_t days_left) {
  registry::TlsProbeResult tls;
  tls.protocol = "TLSv1.3";
  tls.subject = "CN=reg.example.com";
  tls.issuer = "CN=Example CA";
  tls.chain = {tls.subject};
  tls.not_after = static_cast<std::int64_t>(std::time(nullptr)) + days_left * 86400 + 3600;
  tls.chain_trusted = true;
  tls.host_name_matches = true;
  return tls;
}

class ConnectionTestDecisions : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("reghub-conntest-" + std::to_string(::getpid()) + ".db");
    auto store = store::OpenStore("sqlite:" + path_.string());
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    sealer_ = std::make_unique<secrets::Sealer>(key_);
    ConnectionTestOptions options;
    options.probe = probe_;
    options.http_factory = [this](const TlsSettings&) {
      auto client = std::make_unique<FakeRegistry>();
      client->ping = ping_;
      client->ecr = ecr_;
      return client;
    };
    service_ = std::make_unique<ConnectionTestService>(*store_, *sealer_, options);
    registry_.url = {"reg.example.com", 443};
    registry_.access = Access::kPublic;
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path_.string() + suffix);
    }
  }
  const ConnectionTestStep& StepNamed(const ConnectionTestReport& report, std::string_view name) {
    for (const auto& step : report.steps) {
      if (step.name == name) return step;
    }
    static ConnectionTestStep none;
    ADD_FAILURE() << "no step " << name;
    return none;
  }

  std::filesystem::path path_;
  secrets::MasterKey key_ = secrets::MasterKey::Generate();
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<secrets::Sealer> sealer_;
  std::shared_ptr<FakeProbe> probe_ = std::make_shared<FakeProbe>();
  registry::HttpResponse ping_{200, {}, ""};
  registry::HttpResponse ecr_{404, {}, ""};
  std::unique_ptr<ConnectionTestService> service_;
  Registry registry_;
};

TEST_F(ConnectionTestDecisions, ATrustedLongLivedCertificatePassesEveryStep) {
  probe_->tls = GoodCertificate(200);
  auto report = service_->Run(registry_, {});
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(StepNamed(report, "tls").status, StepStatus::kOk);
  EXPECT_EQ(StepNamed(report, "tls").details.at("days_until_expiry"), 200);
  EXPECT_EQ(StepNamed(report, "repositories").status, StepStatus::kSkipped);
}

TEST_F(ConnectionTestDecisions, ACertificateExpiringWithin30DaysIsAWarning) {
  probe_->tls = GoodCertificate(10);
  auto report = service_->Run(registry_, {});
  EXPECT_TRUE(report.ok);
  EXPECT_EQ(StepNamed(report, "tls").status, StepStatus::kWarning);
  EXPECT_NE(StepNamed(report, "tls").message.find("expires in 10 days"), std::string::npos)
      << StepNamed(report, "tls").message;
}

TEST_F(ConnectionTestDecisions, AnExpiredCertificateFailsAndTheRestIsSkipped) {
  probe_->tls = GoodCertificate(-3);
  probe_->tls.chain_trusted = false;
  probe_->tls.trust_problem = registry::TlsTrustProblem::kExpired;
  auto report = service_->Run(registry_, {});
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(StepNamed(report, "tls").status, StepStatus::kFailed);
  EXPECT_NE(StepNamed(report, "tls").message.find("expired on"), std::string::npos);
  EXPECT_EQ(StepNamed(report, "ping").status, StepStatus::kSkipped);
  EXPECT_EQ(StepNamed(report, "auth_ping").status, StepStatus::kSkipped);
}

TEST_F(ConnectionTestDecisions, AHostNameMismatchFailsWithWhatToDo) {
  probe_->tls = GoodCertificate(200);
  probe_->tls.host_name_matches = false;
  auto report = service_->Run(registry_, {});
  EXPECT_EQ(StepNamed(report, "tls").status, StepStatus::kFailed);
  EXPECT_EQ(StepNamed(report, "tls").message,
            "the certificate is not valid for reg.example.com: use a name listed in the "
            "certificate or reissue it");
}

TEST_F(ConnectionTestDecisions, VerifyWithCaNamesTheBundleWhenTheIssuerIsUnknown) {
  registry_.tls.mode = TlsMode::kVerifyWithCa;
  probe_->tls = GoodCertificate(200);
  probe_->tls.chain_trusted = false;
  probe_->tls.trust_problem = registry::TlsTrustProblem::kUnknownAuthority;
  auto report = service_->Run(registry_, {});
  EXPECT_NE(StepNamed(report, "tls").message.find("not signed by the CA in the stored bundle"),
            std::string::npos);
}

TEST_F(ConnectionTestDecisions, ANonRegistryAnswerFailsThePing) {
  probe_->tls = GoodCertificate(200);
  ping_ = {404, {}, "<html>"};
  auto report = service_->Run(registry_, {});
  EXPECT_EQ(StepNamed(report, "ping").status, StepStatus::kFailed);
  EXPECT_NE(StepNamed(report, "ping").message.find("not an OCI registry API"), std::string::npos);
}

TEST_F(ConnectionTestDecisions, BasicChallengeWithoutCredentialsFailsTheCredentialsStep) {
  probe_->tls = GoodCertificate(200);
  ping_ = {401, {{"WWW-Authenticate", "Basic realm=\"registry\""}}, ""};
  auto report = service_->Run(registry_, {});
  EXPECT_EQ(StepNamed(report, "ping").details.at("scheme"), "basic");
  EXPECT_EQ(StepNamed(report, "credentials").status, StepStatus::kFailed);
  EXPECT_EQ(StepNamed(report, "credentials").message,
            "the registry requires credentials: add a username and password");
}

Registry EcrRegistry() {
  Registry registry;
  registry.url = {"123456789012.dkr.ecr.eu-west-1.amazonaws.com", 443};
  registry.provider = Provider::kEcr;
  return registry;
}

CredentialsInput EcrKey() {
  CredentialsInput credentials;
  credentials.kind = CredentialKind::kEcrAccessKey;
  credentials.access_key_id = "AKIDEXAMPLE";
  credentials.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  return credentials;
}

TEST_F(ConnectionTestDecisions, EcrRefusingTheSignatureFailsTheCredentialsStep) {
  probe_->tls = GoodCertificate(200);
  ping_ = {401, {{"WWW-Authenticate", "Basic realm=\"https://123456789012.dkr.ecr\""}}, ""};
  ecr_ = {400, {}, R"({"__type":"InvalidSignatureException","message":"bad signature"})"};
  auto report = service_->Run(EcrRegistry(), EcrKey());
  EXPECT_FALSE(report.ok);
  const auto& credentials = StepNamed(report, "credentials");
  EXPECT_EQ(credentials.status, StepStatus::kFailed);
  EXPECT_NE(credentials.message.find("ECR rejected the signature (InvalidSignatureException: "
                                     "bad signature): check that the secret access key is the "
                                     "one paired with access key id AKIDEXAMPLE"),
            std::string::npos)
      << credentials.message;
  EXPECT_NE(credentials.message.find("the hub's clock is right"), std::string::npos);
  EXPECT_NE(credentials.message.find("region eu-west-1, endpoint"), std::string::npos);
  EXPECT_EQ(credentials.message.find("wJalrXUtnFEMI"), std::string::npos);
}

TEST_F(ConnectionTestDecisions, EcrTokenIsExchangedAndUsedForTheAuthenticatedPing) {
  probe_->tls = GoodCertificate(200);
  ping_ = {401, {{"WWW-Authenticate", "Basic realm=\"https://123456789012.dkr.ecr\""}}, ""};
  // base64("AWS:ecr-token")
  ecr_ = {200,
          {},
          R"({"authorizationData":[{"authorizationToken":"QVdTOmVjci10b2tlbg==",)"
          R"("expiresAt":4102444800,"proxyEndpoint":"https://123456789012.dkr.ecr"}]})"};
  auto report = service_->Run(EcrRegistry(), EcrKey());
  EXPECT_TRUE(report.ok) << StepNamed(report, "credentials").message << " / "
                         << StepNamed(report, "auth_ping").message;
  EXPECT_EQ(StepNamed(report, "credentials").message,
            "ECR issued an authorization token for Basic authentication");
  EXPECT_EQ(StepNamed(report, "auth_ping").status, StepStatus::kOk);
}

}  // namespace
}  // namespace reghub::service
