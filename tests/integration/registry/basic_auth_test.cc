// The OCI client against docker-registry with htpasswd (bcrypt) Basic auth.
#include <gtest/gtest.h>

#include <memory>

#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "seed.h"
#include "support/docker_registry.h"

namespace reghub::registry {
namespace {

using testing::DockerRegistry;

class BasicAuthRegistry : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!DockerRegistry::Available()) return;
    DockerRegistry::Options options;
    options.auth = DockerRegistry::Auth::kHtpasswd;
    options.htpasswd_users = {{"alice", "s3cret-pass"}};
    registry_ = new DockerRegistry(options);
  }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }
  void SetUp() override {
    if (!registry_) GTEST_SKIP() << "docker-registry is not installed";
  }
  RegistryClient Client(std::optional<BasicCredentials> credentials) {
    auto source = credentials ? std::make_shared<StaticCredentialSource>(*credentials)
                              : std::make_shared<StaticCredentialSource>();
    return RegistryClient(registry_->origin(), http_, source);
  }

  static DockerRegistry* registry_;
  CurlHttpClient http_{TlsSettings{TlsMode::kPlainHttp, "", ""}};
};
DockerRegistry* BasicAuthRegistry::registry_ = nullptr;

TEST_F(BasicAuthRegistry, AcceptsGoodCredentials) {
  auto client = Client(BasicCredentials{"alice", SecretString("s3cret-pass")});
  auto ping = client.Ping();
  ASSERT_TRUE(ping.ok()) << ping.error().message;
  EXPECT_EQ(ping->auth, AuthScheme::kBasic);
  auto pushed = seed::PushImage(client, "basic/app", "v1");
  auto tags = client.ListTags("basic/app");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_EQ(*tags, std::vector<std::string>{"v1"});
  auto manifest = client.GetManifest("basic/app", "v1");
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  EXPECT_EQ(manifest->digest, pushed.digest);
}

TEST_F(BasicAuthRegistry, RefusesAWrongPasswordWithAnActionableMessage) {
  auto client = Client(BasicCredentials{"alice", SecretString("wrong-password")});
  auto ping = client.Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(ping.error().message.find("credentials refused by the registry"), std::string::npos)
      << ping.error().message;
  EXPECT_EQ(ping.error().message.find("wrong-password"), std::string::npos);
}

TEST_F(BasicAuthRegistry, AsksForCredentialsWhenNoneAreGiven) {
  auto client = Client(std::nullopt);
  auto ping = client.Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(ping.error().message.find("requires credentials"), std::string::npos)
      << ping.error().message;
}

}  // namespace
}  // namespace reghub::registry
