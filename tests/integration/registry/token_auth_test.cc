// The Bearer token flow against docker-registry with token auth, served by
// the TokenIssuer fixture (RS256 JWTs with an x5c chain to the registry's
// rootcertbundle).
#include <gtest/gtest.h>

#include <memory>

#include "recording_http_client.h"
#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "seed.h"
#include "support/docker_registry.h"
#include "support/test_ca.h"

namespace reghub::registry {
namespace {

using testing::DockerRegistry;
using testing::TestCa;
using testing::TokenIssuer;

class TokenAuthRegistry : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!DockerRegistry::Available()) return;
    ca_ = new TestCa("token CA");
    TokenIssuer::User alice{"alice-pass", {{"*", {"*"}}}, /*catalog=*/true};
    TokenIssuer::User reader{"reader-pass", {{"shared/app", {"pull"}}}, false};
    issuer_ = new TokenIssuer(*ca_, "test-issuer", "test-registry",
                              {{"alice", alice}, {"reader", reader}});
    DockerRegistry::Options options;
    options.auth = DockerRegistry::Auth::kToken;
    options.token_issuer = issuer_;
    registry_ = new DockerRegistry(options);
  }
  static void TearDownTestSuite() {
    delete registry_;
    delete issuer_;
    delete ca_;
    registry_ = nullptr;
    issuer_ = nullptr;
    ca_ = nullptr;
  }
  void SetUp() override {
    if (!registry_) GTEST_SKIP() << "docker-registry is not installed";
  }
  std::unique_ptr<RegistryClient> Client(HttpClient& http, const char* user, const char* password,
                                         RegistrySessionOptions options = {}) {
    auto source = std::make_shared<StaticCredentialSource>(
        BasicCredentials{user, SecretString(password)});
    return std::make_unique<RegistryClient>(registry_->origin(), http, source,
                                            SystemClock::Instance(), options);
  }

  static TestCa* ca_;
  static TokenIssuer* issuer_;
  static DockerRegistry* registry_;
  CurlHttpClient http_{TlsSettings{TlsMode::kPlainHttp, "", ""}};
};
TestCa* TokenAuthRegistry::ca_ = nullptr;
TokenIssuer* TokenAuthRegistry::issuer_ = nullptr;
DockerRegistry* TokenAuthRegistry::registry_ = nullptr;

TEST_F(TokenAuthRegistry, GoodCredentialsPushPullAndListThroughTokens) {
  auto client = Client(http_, "alice", "alice-pass");
  auto ping = client->Ping();
  ASSERT_TRUE(ping.ok()) << ping.error().message;
  EXPECT_EQ(ping->auth, AuthScheme::kBearer);
  auto pushed = seed::PushImage(*client, "shared/app", "v2");
  seed::PushImage(*client, "shared/app", "v1");
  auto tags = client->ListTags("shared/app");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_EQ(*tags, (std::vector<std::string>{"v1", "v2"}));
  auto manifest = client->GetManifest("shared/app", "v2");
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  EXPECT_EQ(manifest->digest, pushed.digest);
  auto catalog = client->ListCatalog();
  ASSERT_TRUE(catalog.ok()) << catalog.error().message;
  EXPECT_NE(std::find(catalog->begin(), catalog->end(), "shared/app"), catalog->end());
}

TEST_F(TokenAuthRegistry, SendsOneScopeParameterPerResourceWithService) {
  auto client = Client(http_, "alice", "alice-pass");
  seed::PushImage(*client, "scoped/app", "v1");
  auto fresh = Client(http_, "alice", "alice-pass");
  ASSERT_TRUE(fresh->ListTags("scoped/app").ok());
  auto requests = issuer_->requests();
  ASSERT_FALSE(requests.empty());
  const auto& last = requests.back();
  EXPECT_EQ(last.QueryValues("service"), std::vector<std::string>{"test-registry"});
  EXPECT_EQ(last.QueryValues("scope"), std::vector<std::string>{"repository:scoped/app:pull"});
  EXPECT_EQ(last.Header("Authorization").rfind("Basic ", 0), 0u);
}

TEST_F(TokenAuthRegistry, ReusesTheTokenForTheSameScope) {
  auto client = Client(http_, "alice", "alice-pass");
  seed::PushImage(*client, "cache/app", "v1");
  int before = client->session().token_flow().fetch_count();
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(client->ListTags("cache/app").ok());
  int after = client->session().token_flow().fetch_count();
  EXPECT_LE(after - before, 1);
}

TEST_F(TokenAuthRegistry, BadCredentialsAreRefusedByTheTokenService) {
  auto client = Client(http_, "alice", "not-her-password");
  auto tags = client->ListTags("shared/app");
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(tags.error().message.find("credentials refused by the token service"),
            std::string::npos)
      << tags.error().message;
  EXPECT_EQ(tags.error().message.find("not-her-password"), std::string::npos);
}

TEST_F(TokenAuthRegistry, InsufficientScopeNamesTheScope) {
  auto alice = Client(http_, "alice", "alice-pass");
  seed::PushImage(*alice, "private/app", "v1");
  auto reader = Client(http_, "reader", "reader-pass");
  auto tags = reader->ListTags("private/app");
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(tags.error().message.find("insufficient scope for repository:private/app:pull"),
            std::string::npos)
      << tags.error().message;
}

TEST_F(TokenAuthRegistry, AReaderCanPullButNotPush) {
  auto alice = Client(http_, "alice", "alice-pass");
  seed::PushImage(*alice, "shared/app", "v1");
  auto reader = Client(http_, "reader", "reader-pass");
  auto manifest = reader->GetManifest("shared/app", "v1");
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  auto push = reader->PushBlob("shared/app", "reader blob");
  ASSERT_FALSE(push.ok());
  EXPECT_EQ(push.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(push.error().message.find("insufficient scope for repository:shared/app:pull,push"),
            std::string::npos)
      << push.error().message;
}

TEST_F(TokenAuthRegistry, FallsBackFromOAuth2PostToGetOn404) {
  RegistrySessionOptions options;
  options.token.use_oauth2_post = true;
  seed::PushImage(*Client(http_, "alice", "alice-pass"), "oauth/app", "v1");
  RecordingHttpClient recording(http_);
  auto client = Client(recording, "alice", "alice-pass", options);
  auto tags = client->ListTags("oauth/app");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  bool posted = false;
  bool got = false;
  for (const auto& sent : recording.sent()) {
    if (sent.url.find(issuer_->realm()) != 0) continue;
    posted = posted || sent.method == "POST";
    got = got || sent.method == "GET";
  }
  EXPECT_TRUE(posted);
  EXPECT_TRUE(got);
}

}  // namespace
}  // namespace reghub::registry
