#include <gtest/gtest.h>

#include "providers/docker_hub.h"
#include "providers/gcp.h"
#include "providers/registry_connection.h"
#include "registry/curl_http_client.h"
#include "registry/registry_client.h"
#include "registry/text.h"
#include "support/docker_registry.h"

namespace reghub::providers {
namespace {

using testing::LoopbackHttpServer;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

const std::string kKey =
    R"({"type":"service_account","project_id":"p","client_email":"ci@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"})";

TEST(GcpServiceAccount, UsesJsonKeyAsUsername) {
  auto credentials = GcpServiceAccountCredentials(SecretString(kKey));
  ASSERT_TRUE(credentials.ok()) << credentials.error().message;
  EXPECT_EQ(credentials->username, "_json_key");
  EXPECT_EQ(credentials->password.Reveal(), kKey);
}

TEST(GcpServiceAccount, Base64VariantEncodesTheKey) {
  auto credentials = GcpServiceAccountCredentials(SecretString(kKey), GcpKeyEncoding::kBase64);
  ASSERT_TRUE(credentials.ok());
  EXPECT_EQ(credentials->username, "_json_key_base64");
  EXPECT_EQ(registry::Base64Decode(credentials->password.Reveal()), kKey);
}

TEST(GcpServiceAccount, RejectsKeysThatAreNotServiceAccountKeys) {
  for (std::string bad : {std::string("not json"), std::string(R"({"type":"authorized_user","client_email":"a","private_key":"k"})"),
                          std::string(R"({"type":"service_account","client_email":"a"})")}) {
    auto credentials = GcpServiceAccountCredentials(SecretString(bad));
    ASSERT_FALSE(credentials.ok()) << bad;
    EXPECT_EQ(credentials.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(credentials.error().details.at(0).field, "credentials.json_key");
  }
}

TEST(GcpServiceAccount, AccessTokensUseOauth2accesstoken) {
  EXPECT_EQ(GcpAccessTokenCredentials(SecretString("ya29.x")).username, "oauth2accesstoken");
}

// The shape of a GCR/Artifact Registry token exchange: Basic _json_key at the
// Bearer realm, then the token on the registry.
TEST(GcpServiceAccount, AuthenticatesAtABearerRealmWithJsonKey) {
  std::string seen_authorization;
  LoopbackHttpServer gcr([&](const LoopbackRequest& request) {
    if (request.path == "/v2/token") {
      seen_authorization = request.Header("Authorization");
      return LoopbackResponse{200, {}, R"({"token":"gcr-token","expires_in":3600})"};
    }
    if (request.Header("Authorization") == "Bearer gcr-token") {
      return LoopbackResponse{200, {}, R"({"name":"p/app","tags":["1.0"]})"};
    }
    return LoopbackResponse{401, {{"WWW-Authenticate", R"(Bearer realm="/v2/token",service="gcr.io")"}}, ""};
  });
  registry::CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""});
  CredentialsInput input;
  input.kind = CredentialKind::kGcpServiceAccount;
  input.json_key = SecretString(kKey);
  auto connection = ConnectRegistry(Provider::kGcr, {"127.0.0.1", gcr.port()}, TlsMode::kPlainHttp,
                                    input, http);
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  EXPECT_EQ(connection->origin, gcr.origin());
  registry::RegistryClient client(connection->origin, http, connection->credentials);
  auto tags = client.ListTags("p/app");
  ASSERT_TRUE(tags.ok()) << tags.error().message;
  EXPECT_EQ(seen_authorization, "Basic " + registry::Base64Encode("_json_key:" + kKey));
}

TEST(DockerHub, MapsAliasesToTheApiHost) {
  for (const char* host : {"docker.io", "index.docker.io", "registry-1.docker.io", "Docker.IO"}) {
    EXPECT_EQ(RegistryApiHost(host), "registry-1.docker.io") << host;
  }
  EXPECT_EQ(RegistryApiHost("quay.io"), "quay.io");
}

TEST(DockerHub, PrefixesOfficialImagesWithLibrary) {
  EXPECT_EQ(NormalizeRepository("docker.io", "nginx"), "library/nginx");
  EXPECT_EQ(NormalizeRepository("docker.io", "bitnami/nginx"), "bitnami/nginx");
  EXPECT_EQ(NormalizeRepository("quay.io", "nginx"), "nginx");
}

TEST(DockerHub, ConnectionDialsRegistry1) {
  registry::CurlHttpClient http(TlsSettings{});
  auto connection = ConnectRegistry(Provider::kDockerHub, {"docker.io", 443}, TlsMode::kVerify,
                                    CredentialsInput{}, http);
  ASSERT_TRUE(connection.ok());
  EXPECT_EQ(connection->origin, "https://registry-1.docker.io");
}

struct RateCase {
  const char* name;
  registry::HeaderList headers;
  std::optional<long> limit, remaining, window;
  std::string source;
};

class RateLimitTable : public ::testing::TestWithParam<RateCase> {};

TEST_P(RateLimitTable, Parses) {
  auto rate = ParseRateLimit(GetParam().headers);
  if (!GetParam().limit && !GetParam().remaining) {
    EXPECT_FALSE(rate.has_value());
    return;
  }
  ASSERT_TRUE(rate.has_value());
  EXPECT_EQ(rate->limit, GetParam().limit);
  EXPECT_EQ(rate->remaining, GetParam().remaining);
  EXPECT_EQ(rate->window_seconds, GetParam().window);
  EXPECT_EQ(rate->source, GetParam().source);
}

INSTANTIATE_TEST_SUITE_P(
    Headers, RateLimitTable,
    ::testing::Values(
        RateCase{"Published", {{"ratelimit-limit", "100;w=21600"}, {"ratelimit-remaining", "20;w=21600"}, {"docker-ratelimit-source", "192.0.2.1"}},
                 100, 20, 21600, "192.0.2.1"},
        RateCase{"HeaderNamesAnyCase", {{"RateLimit-Limit", "200;w=3600"}, {"RateLimit-Remaining", "0;w=3600"}}, 200, 0, 3600, ""},
        RateCase{"NoWindow", {{"ratelimit-limit", "5000"}}, 5000, std::nullopt, std::nullopt, ""},
        RateCase{"SpacesTolerated", {{"ratelimit-remaining", " 7 ; w=60 "}}, std::nullopt, 7, 60, ""},
        RateCase{"Absent", {{"content-type", "x"}}, std::nullopt, std::nullopt, std::nullopt, ""}),
    [](const ::testing::TestParamInfo<RateCase>& info) { return std::string(info.param.name); });

TEST(RegistryConnection, EcrRegionAndFipsComeFromTheHost) {
  LoopbackHttpServer aws([](const LoopbackRequest&) {
    return LoopbackResponse{200, {}, R"({"authorizationData":[{"authorizationToken":")" +
                                         registry::Base64Encode("AWS:pw") + R"(","expiresAt":1.9e9}]})"};
  });
  registry::CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""});
  CredentialsInput input;
  input.kind = CredentialKind::kEcrAccessKey;
  input.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  input.secret_access_key = SecretString("secret");
  ConnectionOptions options;
  options.ecr_endpoint_override = aws.origin();
  auto connection = ConnectRegistry(Provider::kEcr, {"123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com", 443},
                                    TlsMode::kVerify, input, http, registry::SystemClock::Instance(), options);
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  auto credentials = connection->credentials->Get();
  ASSERT_TRUE(credentials.ok()) << credentials.error().message;
  EXPECT_EQ((*credentials)->username, "AWS");
  EXPECT_NE(aws.requests()[0].Header("Authorization").find("/us-gov-west-1/ecr/aws4_request"),
            std::string::npos);
}

TEST(RegistryConnection, InstanceRoleSignsWithTheHubsOwnIdentity) {
  registry::CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""});
  testing::LoopbackHttpServer aws([](const testing::LoopbackRequest& request) {
    bool signed_by_role =
        request.Header("Authorization").find("Credential=ASIAROLEEXAMPLE/") != std::string::npos &&
        request.Header("X-Amz-Security-Token") == "role-session";
    return signed_by_role
               ? testing::LoopbackResponse{200, {}, R"({"authorizationData":[{"authorizationToken":"QVdTOnB3","expiresAt":4102444800}]})"}
               : testing::LoopbackResponse{400, {}, R"({"__type":"UnrecognizedClientException"})"};
  });
  CredentialsInput input;
  input.kind = CredentialKind::kEcrInstanceRole;
  ConnectionOptions options;
  options.ecr_endpoint_override = aws.origin();
  options.instance_identity = std::make_shared<StaticAwsCredentialProvider>(
      AwsCredentials{"ASIAROLEEXAMPLE", SecretString("role-secret"), SecretString("role-session")});
  auto connection = ConnectRegistry(Provider::kEcr, {"123456789012.dkr.ecr.us-east-1.amazonaws.com", 443},
                                    TlsMode::kVerify, input, http, registry::SystemClock::Instance(),
                                    options);
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  auto basic = connection->credentials->Get();
  ASSERT_TRUE(basic.ok()) << basic.error().message;
  EXPECT_EQ((*basic)->username, "AWS");
  EXPECT_EQ((*basic)->password.Reveal(), "pw");
  EXPECT_NE(aws.requests().at(0).Header("Authorization").find("/us-east-1/ecr/aws4_request"),
            std::string::npos);
}

}  // namespace
}  // namespace reghub::providers
