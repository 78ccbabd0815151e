// RegistryClient and RegistrySession against loopback fixtures that play
// registries behaving in ways docker-registry 2.8 does not (redirects to
// another host, wrong digests, paginated tags, expiring tokens).
#include "registry/registry_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "registry/curl_http_client.h"
#include "registry/digest.h"
#include "registry/media_types.h"
#include "support/docker_registry.h"

namespace reghub::registry {
namespace {

using testing::LoopbackHttpServer;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

std::shared_ptr<CredentialSource> Alice() {
  return std::make_shared<StaticCredentialSource>(BasicCredentials{"alice", SecretString("pw")});
}

LoopbackResponse Challenge401() {
  return {401, {{"WWW-Authenticate", R"(Basic realm="test")"}}, ""};
}

class RegistryClientTest : public ::testing::Test {
 protected:
  CurlHttpClient http_{TlsSettings{TlsMode::kPlainHttp, "", ""}};
};

TEST_F(RegistryClientTest, NeverForwardsAuthorizationToAnotherHostOnRedirect) {
  LoopbackHttpServer storage([](const LoopbackRequest&) { return LoopbackResponse{200, {}, "blob-bytes"}; });
  std::string storage_url = "http://localhost:" + std::to_string(storage.port()) + "/storage/blob";
  LoopbackHttpServer registry([&](const LoopbackRequest& request) {
    if (request.Header("Authorization").empty()) return Challenge401();
    return LoopbackResponse{307, {{"Location", storage_url}}, ""};
  });
  RegistryClient client(registry.origin(), http_, Alice());
  auto blob = client.GetBlob("team/app", Sha256Digest("blob-bytes"));
  ASSERT_TRUE(blob.ok()) << blob.error().message;
  EXPECT_EQ(*blob, "blob-bytes");
  ASSERT_EQ(storage.requests().size(), 1u);
  EXPECT_EQ(storage.requests()[0].Header("Authorization"), "");
}

TEST_F(RegistryClientTest, KeepsAuthorizationOnASameOriginRedirect) {
  LoopbackHttpServer registry([](const LoopbackRequest& request) {
    if (request.Header("Authorization").empty()) return Challenge401();
    if (request.path == "/v2/team/app/blobs/" + Sha256Digest("x")) {
      return LoopbackResponse{302, {{"Location", "/moved/blob"}}, ""};
    }
    return LoopbackResponse{200, {}, "x"};
  });
  RegistryClient client(registry.origin(), http_, Alice());
  auto blob = client.GetBlob("team/app", Sha256Digest("x"));
  ASSERT_TRUE(blob.ok()) << blob.error().message;
  auto requests = registry.requests();
  EXPECT_EQ(requests.back().path, "/moved/blob");
  EXPECT_NE(requests.back().Header("Authorization"), "");
}

TEST_F(RegistryClientTest, RejectsAManifestWhoseDigestHeaderDisagreesWithTheBody) {
  LoopbackHttpServer registry([](const LoopbackRequest&) {
    return LoopbackResponse{200,
                            {{"Content-Type", std::string(media_types::kOciManifest)},
                             {"Docker-Content-Digest", Sha256Digest("something else")}},
                            R"({"schemaVersion":2})"};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  auto manifest = client.GetManifest("team/app", "v1");
  ASSERT_FALSE(manifest.ok());
  EXPECT_NE(manifest.error().message.find("does not match"), std::string::npos);
}

TEST_F(RegistryClientTest, RejectsAManifestFetchedByDigestWhoseBodyDiffers) {
  LoopbackHttpServer registry([](const LoopbackRequest&) {
    return LoopbackResponse{200, {{"Content-Type", std::string(media_types::kOciManifest)}},
                            R"({"schemaVersion":2})"};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  auto manifest = client.GetManifest("team/app", Sha256Digest("another body"));
  ASSERT_FALSE(manifest.ok());
  EXPECT_NE(manifest.error().message.find("requested digest"), std::string::npos);
}

TEST_F(RegistryClientTest, RejectsABodyMediaTypeThatDiffersFromContentType) {
  LoopbackHttpServer registry([](const LoopbackRequest&) {
    return LoopbackResponse{200, {{"Content-Type", std::string(media_types::kOciIndex)}},
                            R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"})"};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  EXPECT_FALSE(client.GetManifest("team/app", "v1").ok());
}

TEST_F(RegistryClientTest, SendsAnAcceptForEveryManifestAndIndexType) {
  std::string body = R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json"})";
  LoopbackHttpServer registry([&](const LoopbackRequest&) {
    return LoopbackResponse{200, {{"Content-Type", std::string(media_types::kDockerManifestList) + "; charset=utf-8"}}, body};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  auto manifest = client.GetManifest("library/alpine", "3");
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  EXPECT_EQ(manifest->media_type, media_types::kDockerManifestList);
  std::string accept = registry.requests()[0].Header("Accept");
  for (auto type : {media_types::kOciManifest, media_types::kOciIndex, media_types::kDockerManifest,
                    media_types::kDockerManifestList}) {
    EXPECT_NE(accept.find(type), std::string::npos) << type;
  }
}

TEST_F(RegistryClientTest, FollowsRelativeTagLinksAndSortsTags) {
  LoopbackHttpServer registry([](const LoopbackRequest& request) {
    if (request.query.find("last=") == std::string::npos) {
      return LoopbackResponse{200, {{"Link", R"(</v2/team/app/tags/list?n=2&last=v9>; rel="next")"}},
                              R"({"name":"team/app","tags":["v9","v10"]})"};
    }
    if (request.query.find("last=v9") != std::string::npos) {
      return LoopbackResponse{200, {{"Link", R"(<list?n=2&last=a>; rel="next")"}},
                              R"({"name":"team/app","tags":["b","a"]})"};
    }
    return LoopbackResponse{200, {}, R"({"name":"team/app","tags":["0.1.0_build"]})"};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  auto tags = client.ListTags("team/app", 2);
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_EQ(*tags, (std::vector<std::string>{"0.1.0_build", "a", "b", "v10", "v9"}));
  EXPECT_EQ(registry.requests().size(), 3u);
  EXPECT_EQ(registry.requests()[0].query, "n=2");
}

TEST_F(RegistryClientTest, StopsOnAPaginationLoop) {
  LoopbackHttpServer registry([](const LoopbackRequest&) {
    return LoopbackResponse{200, {{"Link", R"(</v2/team/app/tags/list?n=1>; rel="next")"}},
                            R"({"tags":["a"]})"};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  auto tags = client.ListTags("team/app", 1);
  ASSERT_FALSE(tags.ok());
  EXPECT_NE(tags.error().message.find("loops"), std::string::npos);
}

TEST_F(RegistryClientTest, RetriesOnceWithAFreshTokenWhenACachedTokenIsRejected) {
  int tokens = 0;
  LoopbackHttpServer auth([&tokens](const LoopbackRequest&) {
    return LoopbackResponse{200, {}, R"({"token":"t)" + std::to_string(++tokens) + R"(","expires_in":300})"};
  });
  std::atomic<bool> revoked{false};
  LoopbackHttpServer registry([&](const LoopbackRequest& request) {
    std::string accepted = revoked ? "Bearer t2" : "Bearer t1";
    if (request.Header("Authorization") == accepted) {
      return LoopbackResponse{200, {}, R"({"tags":["v1"]})"};
    }
    std::string challenge = R"(Bearer realm=")" + auth.origin() + R"(/token",service="svc")";
    if (!request.Header("Authorization").empty()) challenge += R"(,error="invalid_token")";
    return LoopbackResponse{401, {{"WWW-Authenticate", challenge}}, ""};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  ASSERT_TRUE(client.ListTags("team/app").ok());
  revoked = true;  // the registry no longer accepts the cached t1
  auto tags = client.ListTags("team/app");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_EQ(*tags, std::vector<std::string>{"v1"});
  EXPECT_EQ(tokens, 2);
}

TEST_F(RegistryClientTest, ResolvesARelativeRealmAgainstTheRegistry) {
  LoopbackHttpServer registry([](const LoopbackRequest& request) {
    if (request.path == "/token") return LoopbackResponse{200, {}, R"({"token":"rel"})"};
    if (request.Header("Authorization") == "Bearer rel") return LoopbackResponse{200, {}, "{}"};
    return LoopbackResponse{401, {{"WWW-Authenticate", R"(Bearer realm="/token",service="svc")"}}, ""};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  auto ping = client.Ping();
  EXPECT_TRUE(ping.ok()) << ping.error().message;
}

TEST_F(RegistryClientTest, ReportsRateLimitingWithRetryAfter) {
  LoopbackHttpServer registry([](const LoopbackRequest&) {
    return LoopbackResponse{429, {{"Retry-After", "30"}},
                            R"({"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]})"};
  });
  RegistryClient client(registry.origin(), http_, nullptr);
  auto manifest = client.GetManifest("library/nginx", "latest");
  ASSERT_FALSE(manifest.ok());
  EXPECT_EQ(manifest.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(manifest.error().message.find("retry after 30 s"), std::string::npos);
}

TEST_F(RegistryClientTest, PingOfSomethingThatIsNotARegistryExplainsIt) {
  LoopbackHttpServer web([](const LoopbackRequest&) { return LoopbackResponse{404, {}, "<html>"}; });
  RegistryClient client(web.origin(), http_, nullptr);
  auto ping = client.Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(ping.error().message.find("no registry API"), std::string::npos);
}

TEST_F(RegistryClientTest, EveryCallHasATimeout) {
  LoopbackHttpServer slow([](const LoopbackRequest&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return LoopbackResponse{200, {}, "{}"};
  });
  RegistrySessionOptions options;
  options.timeout = std::chrono::milliseconds(300);
  RegistryClient client(slow.origin(), http_, nullptr, SystemClock::Instance(), options);
  auto started = std::chrono::steady_clock::now();
  auto ping = client.Ping();
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(ping.error().message.find("timed out after 300 ms"), std::string::npos)
      << ping.error().message;
  EXPECT_LT(elapsed, std::chrono::milliseconds(1200));
}

TEST(RegistryClientOrigin, BuildsTheOriginFromUrlAndTlsMode) {
  EXPECT_EQ(RegistryClient::OriginFor({"reg.example.com", 443}, TlsMode::kVerify),
            "https://reg.example.com:443");
  EXPECT_EQ(RegistryClient::OriginFor({"localhost", 5000}, TlsMode::kPlainHttp),
            "http://localhost:5000");
  EXPECT_EQ(RegistryClient::OriginFor({"::1", 5000}, TlsMode::kInsecure), "https://[::1]:5000");
}

}  // namespace
}  // namespace reghub::registry
