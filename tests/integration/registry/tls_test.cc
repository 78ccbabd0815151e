// TLS modes against docker-registry serving a certificate from a test CA.
#include <gtest/gtest.h>

#include <memory>

#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "support/docker_registry.h"
#include "support/test_ca.h"

namespace reghub::registry {
namespace {

using testing::DockerRegistry;
using testing::TestCa;

class TlsRegistry : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!DockerRegistry::Available()) return;
    ca_ = new TestCa();
    DockerRegistry::Options options;
    options.tls_ca = ca_;
    registry_ = new DockerRegistry(options);
  }
  static void TearDownTestSuite() {
    delete registry_;
    delete ca_;
    registry_ = nullptr;
    ca_ = nullptr;
  }
  void SetUp() override {
    if (!registry_) GTEST_SKIP() << "docker-registry is not installed";
  }
  Result<PingResult> PingWith(TlsSettings tls, std::string origin = "") {
    CurlHttpClient http(std::move(tls));
    RegistryClient client(origin.empty() ? registry_->origin() : origin, http, nullptr);
    return client.Ping();
  }

  static TestCa* ca_;
  static DockerRegistry* registry_;
};
TestCa* TlsRegistry::ca_ = nullptr;
DockerRegistry* TlsRegistry::registry_ = nullptr;

TEST_F(TlsRegistry, VerifyFailsForAnUnknownAuthorityAndSaysWhatToDo) {
  auto ping = PingWith({TlsMode::kVerify, "", ""});
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(ping.error().message.find(
                "certificate signed by an unknown authority: choose verify-with-ca and add the CA"),
            std::string::npos)
      << ping.error().message;
}

TEST_F(TlsRegistry, VerifyWithTheCaPasses) {
  auto ping = PingWith({TlsMode::kVerifyWithCa, ca_->cert_pem(), ""});
  EXPECT_TRUE(ping.ok()) << ping.error().message;
}

TEST_F(TlsRegistry, VerifyWithTheCaPassesForLocalhostToo) {
  auto ping = PingWith({TlsMode::kVerifyWithCa, ca_->cert_pem(), ""},
                       "https://localhost:" + std::to_string(registry_->port()));
  EXPECT_TRUE(ping.ok()) << ping.error().message;
}

TEST_F(TlsRegistry, VerifyWithAnotherCaFails) {
  TestCa other("another CA");
  auto ping = PingWith({TlsMode::kVerifyWithCa, other.cert_pem(), ""});
  ASSERT_FALSE(ping.ok());
  EXPECT_NE(ping.error().message.find("unknown authority"), std::string::npos)
      << ping.error().message;
}

TEST_F(TlsRegistry, VerifyWithABundleThatIsNotPemFailsClearly) {
  auto ping = PingWith({TlsMode::kVerifyWithCa, "not a certificate", ""});
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kFailedPrecondition) << ping.error().message;
}

TEST_F(TlsRegistry, InsecurePassesWithoutTheCa) {
  auto ping = PingWith({TlsMode::kInsecure, "", ""});
  EXPECT_TRUE(ping.ok()) << ping.error().message;
}

TEST_F(TlsRegistry, PlainHttpAgainstATlsRegistryFailsClearly) {
  auto ping = PingWith({TlsMode::kPlainHttp, "", ""},
                       "http://127.0.0.1:" + std::to_string(registry_->port()));
  ASSERT_FALSE(ping.ok());
  EXPECT_NE(ping.error().message.find("plain-http"), std::string::npos)
      << ErrorCodeName(ping.error().code) << ": " << ping.error().message;
}

}  // namespace
}  // namespace reghub::registry
