// ECR with the hub's own identity (ecr-instance-role), end to end through the
// connection test: an IMDSv2 fixture hands out role credentials, a loopback
// stand-in for the ECR API checks the SigV4 signature's key id and session
// token and mints a password, and a real docker-registry whose htpasswd holds
// "AWS" with that password plays the ECR registry host. The registry is
// reached on a loopback port, so the service is run in-process (the hub only
// takes ECR URLs, which cannot point at loopback); the hub's refusal of a
// non-loopback ECR endpoint override is checked against the real binary.
#include <gtest/gtest.h>

#include <filesystem>

#include "providers/aws_identity.h"
#include "registry/curl_http_client.h"
#include "registry/text.h"
#include "secrets/master_key.h"
#include "service/connection_test_service.h"
#include "store/open_store.h"
#include "support/docker_registry.h"
#include "support/hub_server.h"
#include "support/imds_fixture.h"
#include "support/temp_dir.h"

namespace reghub {
namespace {

using testing::DockerRegistry;
using testing::ImdsFixture;
using testing::LoopbackHttpServer;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

constexpr const char* kEcrPassword = "eyJwYXlsb2FkIjoiaW5zdGFuY2Utcm9sZSJ9";

class EcrInstanceRole : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!DockerRegistry::Available()) GTEST_SKIP() << "docker-registry is not installed";
    auto store = store::OpenStore("sqlite:" + (dir_.path() / "reghub.db").string());
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    registry_ = std::make_unique<DockerRegistry>(DockerRegistry::Options{
        .auth = DockerRegistry::Auth::kHtpasswd, .htpasswd_users = {{"AWS", kEcrPassword}}});
  }

  // The connection test with the identity read from `imds` (no AWS_* keys).
  service::ConnectionTestReport Run(const ImdsFixture& imds, const LoopbackHttpServer& ecr) {
    providers::InstanceIdentityOptions identity_options;
    std::string endpoint = imds.endpoint();
    identity_options.getenv = [endpoint](const char* name) -> std::optional<std::string> {
      if (std::string(name) == "AWS_EC2_METADATA_SERVICE_ENDPOINT") return endpoint;
      return std::nullopt;
    };
    service::ConnectionTestOptions options;
    options.ecr_endpoint_override = ecr.origin();
    options.instance_identity =
        std::make_shared<providers::InstanceIdentity>(imds_http_, registry::SystemClock::Instance(),
                                                      identity_options);
    service::ConnectionTestService service(*store_, sealer_, options);
    Registry registry;
    registry.url = {"127.0.0.1", registry_->port()};
    registry.provider = Provider::kEcr;
    registry.access = Access::kPrivate;
    registry.tls.mode = TlsMode::kPlainHttp;
    registry.repositories = {"team/app"};
    CredentialsInput credentials;
    credentials.kind = CredentialKind::kEcrInstanceRole;
    credentials.region = "eu-central-1";
    return service.Run(registry, credentials);
  }

  static const service::ConnectionTestStep& Step(const service::ConnectionTestReport& report,
                                                 std::string_view name) {
    for (const auto& step : report.steps) {
      if (step.name == name) return step;
    }
    static service::ConnectionTestStep none;
    ADD_FAILURE() << "no step " << name;
    return none;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  secrets::MasterKey key_ = secrets::MasterKey::Generate();
  secrets::Sealer sealer_{key_};
  registry::CurlHttpClient imds_http_{TlsSettings{TlsMode::kPlainHttp, "", ""}};
  std::unique_ptr<DockerRegistry> registry_;
};

// Mints the password only for a request signed with the role's key and
// carrying its session token.
LoopbackResponse EcrApi(const LoopbackRequest& request) {
  const ImdsFixture::Credentials role;
  if (request.Header("Authorization").find("Credential=" + role.access_key_id + "/") ==
          std::string::npos ||
      request.Header("Authorization").find("/eu-central-1/ecr/aws4_request") == std::string::npos ||
      request.Header("X-Amz-Security-Token") != role.token) {
    return {400, {}, R"({"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."})"};
  }
  long long expires = std::time(nullptr) + 12 * 3600;
  return {200, {}, R"({"authorizationData":[{"authorizationToken":")" +
                       registry::Base64Encode(std::string("AWS:") + kEcrPassword) +
                       R"(","expiresAt":)" + std::to_string(expires) + "}]}"};
}

TEST_F(EcrInstanceRole, TheRolesCredentialsMintTheTokenThatOpensTheRegistry) {
  ImdsFixture imds;
  LoopbackHttpServer ecr(EcrApi);
  auto report = Run(imds, ecr);
  EXPECT_TRUE(report.ok);
  const auto& credentials = Step(report, "credentials");
  EXPECT_EQ(credentials.status, service::StepStatus::kOk) << credentials.message;
  EXPECT_NE(credentials.message.find("the hub's own AWS identity"), std::string::npos)
      << credentials.message;
  EXPECT_EQ(Step(report, "auth_ping").status, service::StepStatus::kOk)
      << Step(report, "auth_ping").message;
  EXPECT_EQ(Step(report, "repository:team/app").status, service::StepStatus::kWarning);
  EXPECT_EQ(imds.credential_fetches(), 1);
  EXPECT_EQ(imds.tokens_issued(), 1);
}

TEST_F(EcrInstanceRole, NoRoleOnTheInstanceFailsTheCredentialsStepSayingWhatToAttach) {
  ImdsFixture imds("");
  LoopbackHttpServer ecr(EcrApi);
  auto report = Run(imds, ecr);
  EXPECT_FALSE(report.ok);
  const auto& credentials = Step(report, "credentials");
  EXPECT_EQ(credentials.status, service::StepStatus::kFailed);
  EXPECT_NE(credentials.message.find("attach an instance profile"), std::string::npos)
      << credentials.message;
  EXPECT_TRUE(ecr.requests().empty());
}

TEST_F(EcrInstanceRole, ARefusedSignatureFailsTheCredentialsStepNamingWhatToCheck) {
  ImdsFixture imds;
  LoopbackHttpServer ecr([](const LoopbackRequest&) {
    return LoopbackResponse{400, {}, R"({"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided."})"};
  });
  auto report = Run(imds, ecr);
  EXPECT_FALSE(report.ok);
  const auto& credentials = Step(report, "credentials");
  EXPECT_EQ(credentials.status, service::StepStatus::kFailed);
  for (const char* part : {"ECR rejected the signature", "secret access key",
                           "ASIAIMDSEXAMPLE00001", "the hub's clock", "region eu-central-1"}) {
    EXPECT_NE(credentials.message.find(part), std::string::npos) << part << ": "
                                                                  << credentials.message;
  }
  EXPECT_EQ(credentials.message.find(ImdsFixture::Credentials().secret_access_key),
            std::string::npos);
  EXPECT_EQ(Step(report, "auth_ping").status, service::StepStatus::kSkipped);
}

TEST(EcrTestEndpoint, TheHubRefusesToStartWithANonLoopbackEcrEndpoint) {
  testing::HubServer hub({.extra_env = {{"REGHUB_TEST_ECR_ENDPOINT", "https://api.ecr.example.com"}}});
  std::string error = hub.Start();
  EXPECT_NE(error, "");
  EXPECT_NE(hub.LogText().find("REGHUB_TEST_ECR_ENDPOINT is for tests only"), std::string::npos)
      << hub.LogText();

  testing::HubServer loopback({.extra_env = {{"REGHUB_TEST_ECR_ENDPOINT", "http://127.0.0.1:9"}}});
  EXPECT_EQ(loopback.Start(), "");
}

}  // namespace
}  // namespace reghub
