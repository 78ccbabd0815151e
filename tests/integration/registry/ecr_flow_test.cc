// The ECR flow end to end: a loopback stand-in for the ECR API mints a
// password (GetAuthorizationToken), and a real docker-registry whose htpasswd
// holds "AWS" with that password plays the ECR registry host, which takes the
// token as Basic credentials.
#include <gtest/gtest.h>

#include "providers/ecr.h"
#include "providers/registry_connection.h"
#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "registry/text.h"
#include "seed.h"
#include "support/docker_registry.h"

namespace reghub::registry {
namespace {

using testing::DockerRegistry;
using testing::LoopbackHttpServer;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

TEST(EcrFlow, PullsWithAMintedTokenAndMintsItOnce) {
  if (!DockerRegistry::Available()) GTEST_SKIP() << "docker-registry is not installed";
  const std::string password = "eyJwYXlsb2FkIjoiZWNyIn0-minted";
  LoopbackHttpServer ecr_api([&](const LoopbackRequest& request) {
    if (request.Header("X-Amz-Target") != "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken" ||
        request.Header("Authorization").rfind("AWS4-HMAC-SHA256 ", 0) != 0) {
      return LoopbackResponse{400, {}, R"({"__type":"MissingAuthenticationTokenException"})"};
    }
    long long expires = std::time(nullptr) + 12 * 3600;
    return LoopbackResponse{200, {}, R"({"authorizationData":[{"authorizationToken":")" +
                                         Base64Encode("AWS:" + password) + R"(","expiresAt":)" +
                                         std::to_string(expires) + "}]}"};
  });
  DockerRegistry::Options options;
  options.auth = DockerRegistry::Auth::kHtpasswd;
  options.htpasswd_users = {{"AWS", password}};
  DockerRegistry registry(options);

  CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""});
  CredentialsInput input;
  input.kind = CredentialKind::kEcrAccessKey;
  input.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  input.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  input.region = "us-east-1";
  providers::ConnectionOptions connection_options;
  connection_options.ecr_endpoint_override = ecr_api.origin();
  auto connection = providers::ConnectRegistry(Provider::kEcr, {"127.0.0.1", registry.port()},
                                               TlsMode::kPlainHttp, input, http,
                                               SystemClock::Instance(), connection_options);
  ASSERT_TRUE(connection.ok()) << connection.error().message;

  RegistryClient client(connection->origin, http, connection->credentials);
  auto ping = client.Ping();
  ASSERT_TRUE(ping.ok()) << ping.error().message;
  auto pushed = seed::PushImage(client, "ecr/app", "v1");
  auto manifest = client.GetManifest("ecr/app", "v1");
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  EXPECT_EQ(manifest->digest, pushed.digest);
  EXPECT_EQ(ecr_api.requests().size(), 1u);  // cached for every later request
}

}  // namespace
}  // namespace reghub::registry
