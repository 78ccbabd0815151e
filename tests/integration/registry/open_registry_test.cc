// The OCI client against a real, open docker-registry (distribution 2.8).
#include <gtest/gtest.h>

#include <memory>

#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "recording_http_client.h"
#include "seed.h"
#include "support/docker_registry.h"

namespace reghub::registry {
namespace {

using testing::DockerRegistry;

class OpenRegistry : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!DockerRegistry::Available()) return;
    registry_ = new DockerRegistry({});
  }
  static void TearDownTestSuite() {
    delete registry_;
    registry_ = nullptr;
  }
  void SetUp() override {
    if (!registry_) GTEST_SKIP() << "docker-registry is not installed";
    client_ = std::make_unique<RegistryClient>(registry_->origin(), http_, nullptr);
  }

  static DockerRegistry* registry_;
  CurlHttpClient http_{TlsSettings{TlsMode::kPlainHttp, "", ""}};
  std::unique_ptr<RegistryClient> client_;
};
DockerRegistry* OpenRegistry::registry_ = nullptr;

TEST_F(OpenRegistry, PingsWithoutAuthentication) {
  auto ping = client_->Ping();
  ASSERT_TRUE(ping.ok()) << ping.error().message;
  EXPECT_EQ(ping->auth, AuthScheme::kNone);
  EXPECT_EQ(ping->api_version, "registry/2.0");
}

TEST_F(OpenRegistry, ListsTagsSortedWhateverOrderTheRegistryUses) {
  for (const char* tag : {"v1", "a1", "v2", "v10", "b"}) seed::PushImage(*client_, "sorted/app", tag);
  auto tags = client_->ListTags("sorted/app");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_EQ(*tags, (std::vector<std::string>{"a1", "b", "v1", "v10", "v2"}));
}

TEST_F(OpenRegistry, ListsTheCatalogFollowingRelativeLinks) {
  for (const char* repo : {"catalog/one", "catalog/two", "catalog/three"}) {
    seed::PushImage(*client_, repo, "v1");
  }
  RecordingHttpClient recording(http_);
  RegistryClient client(registry_->origin(), recording, nullptr);
  auto all = client.ListCatalog(/*page_size=*/1);
  ASSERT_TRUE(all.ok()) << all.error().message;
  // One page per repository: the relative Link was followed from page to page.
  EXPECT_GE(recording.CountContaining("/v2/_catalog"), 3);
  EXPECT_GE(recording.CountContaining("last="), 2);
  for (const char* repo : {"catalog/one", "catalog/three", "catalog/two"}) {
    EXPECT_NE(std::find(all->begin(), all->end(), repo), all->end()) << repo;
  }
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end()));
  auto in_one_page = client_->ListCatalog(1000);
  ASSERT_TRUE(in_one_page.ok());
  EXPECT_EQ(*all, *in_one_page);
}

TEST_F(OpenRegistry, GetsAManifestAndVerifiesItsDigest) {
  auto pushed = seed::PushImage(*client_, "pull/app", "1.0", "some layer bytes");
  auto by_tag = client_->GetManifest("pull/app", "1.0");
  ASSERT_TRUE(by_tag.ok()) << by_tag.error().message;
  EXPECT_EQ(by_tag->media_type, media_types::kOciManifest);
  EXPECT_EQ(by_tag->digest, pushed.digest);
  EXPECT_EQ(by_tag->digest, Sha256Digest(by_tag->body));
  auto by_digest = client_->GetManifest("pull/app", pushed.digest);
  ASSERT_TRUE(by_digest.ok()) << by_digest.error().message;
  EXPECT_EQ(by_digest->body, by_tag->body);

  auto head = client_->HeadManifest("pull/app", "1.0");
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head->digest, pushed.digest);
  EXPECT_EQ(head->size, static_cast<std::int64_t>(by_tag->body.size()));
}

TEST_F(OpenRegistry, GetsABlobVerifiedAgainstItsDigest) {
  seed::PushImage(*client_, "blob/app", "v1", "blob content here");
  auto blob = client_->GetBlob("blob/app", Sha256Digest("blob content here"));
  ASSERT_TRUE(blob.ok()) << blob.error().message;
  EXPECT_EQ(*blob, "blob content here");
}

TEST_F(OpenRegistry, ReportsMissingManifestsAndRepositoriesAsNotFound) {
  auto missing = client_->GetManifest("nothing/here", "v1");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_NE(missing.error().message.find("manifest nothing/here:v1"), std::string::npos);
  auto tags = client_->ListTags("nothing/here");
  ASSERT_FALSE(tags.ok());
  EXPECT_EQ(tags.error().code, ErrorCode::kNotFound);
}

TEST_F(OpenRegistry, RejectsAMalformedDigestReference) {
  // distribution 2.8 answers 500 to this; the client refuses it before sending.
  auto result = client_->GetManifest("pull/app", "sha256:totallywrong");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument) << result.error().message;
  EXPECT_EQ(client_->HeadManifest("pull/app", ".INVALID_MANIFEST_NAME").error().code,
            ErrorCode::kInvalidArgument);
}

TEST_F(OpenRegistry, PingFailsClearlyWhenNothingListens) {
  CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""});
  RegistryClient nowhere("http://127.0.0.1:1", http, nullptr);
  auto ping = nowhere.Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(ping.error().message.find("cannot connect to 127.0.0.1:1"), std::string::npos)
      << ping.error().message;
}

}  // namespace
}  // namespace reghub::registry
