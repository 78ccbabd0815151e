// The hub's own AWS identity (ecr-instance-role): environment variables first,
// then IMDSv2 against a loopback fixture that follows the published protocol.
#include "providers/aws_identity.h"

#include <gtest/gtest.h>

#include <map>

#include "providers/ecr.h"
#include "registry/curl_http_client.h"
#include "registry/text.h"
#include "support/imds_fixture.h"
#include "unit/registry/fakes.h"

namespace reghub::providers {
namespace {

using testing::ImdsFixture;
using testing::LoopbackHttpServer;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

class InstanceIdentityTest : public ::testing::Test {
 protected:
  // Options that read `env_` instead of the process environment.
  InstanceIdentityOptions Options() {
    InstanceIdentityOptions options;
    options.getenv = [this](const char* name) -> std::optional<std::string> {
      auto it = env_.find(name);
      if (it == env_.end()) return std::nullopt;
      return it->second;
    };
    return options;
  }
  void UseImds(const ImdsFixture& imds) {
    env_["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = imds.endpoint();
  }
  // FakeClock's "now" plus `seconds`, as IMDS writes it.
  static std::string Expiring(long long seconds) {
    long long at = 1767225600 + seconds;  // 2026-01-01T00:00:00Z + seconds
    std::time_t t = static_cast<std::time_t>(at);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return text;
  }

  std::map<std::string, std::string> env_;
  registry::CurlHttpClient http_{TlsSettings{TlsMode::kPlainHttp, "", ""}};
  registry::FakeClock clock_;
};

TEST_F(InstanceIdentityTest, EnvironmentKeysComeFirstWithTheirSessionToken) {
  ImdsFixture imds;
  UseImds(imds);
  env_["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE";
  env_["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env_["AWS_SESSION_TOKEN"] = "env-session";
  InstanceIdentity identity(http_, clock_, Options());
  auto credentials = identity.Get();
  ASSERT_TRUE(credentials.ok()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "AKIAENVEXAMPLE");
  EXPECT_EQ(credentials->secret_access_key.Reveal(), "env-secret");
  EXPECT_EQ(credentials->session_token.Reveal(), "env-session");
  EXPECT_TRUE(imds.requests().empty());
}

TEST_F(InstanceIdentityTest, HalfAnEnvironmentKeyIsRefusedNamingTheMissingVariable) {
  env_["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE";
  InstanceIdentity identity(http_, clock_, Options());
  auto credentials = identity.Get();
  ASSERT_FALSE(credentials.ok());
  EXPECT_EQ(credentials.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(credentials.error().message.find("not AWS_SECRET_ACCESS_KEY"), std::string::npos)
      << credentials.error().message;
}

TEST_F(InstanceIdentityTest, ImdsV2TakesASessionTokenThenTheRoleThenItsCredentials) {
  ImdsFixture imds("hub-role");
  UseImds(imds);
  InstanceIdentity identity(http_, clock_, Options());
  auto credentials = identity.Get();
  ASSERT_TRUE(credentials.ok()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIAIMDSEXAMPLE00001");
  EXPECT_EQ(credentials->secret_access_key.Reveal(), "imdsSecretKeyEXAMPLE/abcdefghijklmnop1234");
  EXPECT_EQ(credentials->session_token.Reveal(), "IQoJb3JpZ2luX2VjEXAMPLEimds");

  auto requests = imds.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].path, "/latest/api/token");
  EXPECT_EQ(requests[0].Header("X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(requests[1].method, "GET");
  EXPECT_EQ(requests[1].path, "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(requests[1].Header("X-aws-ec2-metadata-token"), "imds-session-1");
  EXPECT_EQ(requests[2].path, "/latest/meta-data/iam/security-credentials/hub-role");
  EXPECT_EQ(requests[2].Header("X-aws-ec2-metadata-token"), "imds-session-1");
}

TEST_F(InstanceIdentityTest, CachesCredentialsUntilFiveMinutesBeforeExpiration) {
  ImdsFixture imds;
  ImdsFixture::Credentials first;
  first.expiration = Expiring(3600);
  imds.set_credentials(first);
  UseImds(imds);
  InstanceIdentity identity(http_, clock_, Options());
  ASSERT_TRUE(identity.Get().ok());
  ASSERT_TRUE(identity.Get().ok());
  clock_.Advance(std::chrono::seconds(3600 - 6 * 60));  // 6 minutes left: cached
  ASSERT_TRUE(identity.Get().ok());
  EXPECT_EQ(imds.credential_fetches(), 1);

  ImdsFixture::Credentials second;
  second.access_key_id = "ASIAROTATED000000002";
  second.expiration = Expiring(7200);
  imds.set_credentials(second);
  clock_.Advance(std::chrono::seconds(2 * 60));         // 4 minutes left: fetched again
  auto rotated = identity.Get();
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;
  EXPECT_EQ(rotated->access_key_id, "ASIAROTATED000000002");
  EXPECT_EQ(imds.credential_fetches(), 2);
  EXPECT_EQ(imds.tokens_issued(), 1);                   // the session token was reused
  EXPECT_EQ(identity.metadata_fetches(), 2);
}

TEST_F(InstanceIdentityTest, ARefusedSessionTokenIsRenewedOnce) {
  ImdsFixture imds;
  ImdsFixture::Credentials short_lived;
  short_lived.expiration = Expiring(600);
  imds.set_credentials(short_lived);
  UseImds(imds);
  InstanceIdentity identity(http_, clock_, Options());
  ASSERT_TRUE(identity.Get().ok());
  imds.RevokeTokens();
  clock_.Advance(std::chrono::seconds(400));  // inside the refresh margin
  auto again = identity.Get();
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(imds.tokens_issued(), 2);
  EXPECT_EQ(imds.credential_fetches(), 2);
}

TEST_F(InstanceIdentityTest, NoInstanceProfileSaysToAttachARole) {
  ImdsFixture imds("");
  UseImds(imds);
  InstanceIdentity identity(http_, clock_, Options());
  auto credentials = identity.Get();
  ASSERT_FALSE(credentials.ok());
  EXPECT_EQ(credentials.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(credentials.error().message.find("no IAM role is attached"), std::string::npos)
      << credentials.error().message;
}

TEST_F(InstanceIdentityTest, AnUnreachableMetadataServiceSaysWhatToSet) {
  env_["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:1";
  InstanceIdentity identity(http_, clock_, Options());
  auto credentials = identity.Get();
  ASSERT_FALSE(credentials.ok());
  EXPECT_EQ(credentials.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(credentials.error().message.find("http://127.0.0.1:1"), std::string::npos);
  EXPECT_NE(credentials.error().message.find("AWS_ACCESS_KEY_ID"), std::string::npos)
      << credentials.error().message;
}

TEST_F(InstanceIdentityTest, DisabledMetadataServiceIsNotCalled) {
  ImdsFixture imds;
  UseImds(imds);
  env_["AWS_EC2_METADATA_DISABLED"] = "true";
  InstanceIdentity identity(http_, clock_, Options());
  auto credentials = identity.Get();
  ASSERT_FALSE(credentials.ok());
  EXPECT_NE(credentials.error().message.find("AWS_EC2_METADATA_DISABLED"), std::string::npos);
  EXPECT_TRUE(imds.requests().empty());
}

TEST_F(InstanceIdentityTest, MalformedCredentialsAreRefusedWithoutQuotingThem) {
  ImdsFixture imds;
  ImdsFixture::Credentials bad;
  bad.expiration = "next tuesday";
  imds.set_credentials(bad);
  UseImds(imds);
  InstanceIdentity identity(http_, clock_, Options());
  auto credentials = identity.Get();
  ASSERT_FALSE(credentials.ok());
  EXPECT_NE(credentials.error().message.find("valid Expiration"), std::string::npos);
  EXPECT_EQ(credentials.error().message.find(bad.secret_access_key), std::string::npos);
}

TEST(AwsTimestamp, ParsesImdsExpirations) {
  struct Case {
    const char* text;
    long long seconds;  // -1: refused
  };
  for (const Case& c : {Case{"2026-01-01T00:00:00Z", 1767225600},
                        Case{"2026-01-01T01:02:03Z", 1767225600 + 3723},
                        Case{"2026-01-01T00:00:00.000Z", 1767225600},
                        Case{"2026-02-30T00:00:00Z", -1}, Case{"2026-01-01 00:00", -1},
                        Case{"2026-01-01T00:00:00+02:00", -1}, Case{"", -1}}) {
    auto parsed = ParseAwsTimestamp(c.text);
    if (c.seconds < 0) {
      EXPECT_FALSE(parsed.has_value()) << c.text;
    } else {
      ASSERT_TRUE(parsed.has_value()) << c.text;
      EXPECT_EQ(std::chrono::system_clock::to_time_t(*parsed), c.seconds) << c.text;
    }
  }
}

TEST_F(InstanceIdentityTest, EcrSignsGetAuthorizationTokenWithTheRolesTemporaryCredentials) {
  ImdsFixture imds;
  UseImds(imds);
  LoopbackHttpServer aws([](const LoopbackRequest&) {
    return LoopbackResponse{200, {}, R"({"authorizationData":[{"authorizationToken":")" +
                                         registry::Base64Encode("AWS:pw") +
                                         R"(","expiresAt":1767268800}]})"};
  });
  auto identity = std::make_shared<InstanceIdentity>(http_, clock_, Options());
  EcrOptions options;
  options.region = "us-east-1";
  options.endpoint_override = aws.origin();
  EcrCredentialSource ecr(identity, options, http_, clock_);
  auto basic = ecr.Get();
  ASSERT_TRUE(basic.ok()) << basic.error().message;
  EXPECT_EQ((*basic)->password.Reveal(), "pw");
  ASSERT_EQ(aws.requests().size(), 1u);
  EXPECT_NE(aws.requests()[0].Header("Authorization").find("Credential=ASIAIMDSEXAMPLE00001/"),
            std::string::npos);
  EXPECT_EQ(aws.requests()[0].Header("X-Amz-Security-Token"), "IQoJb3JpZ2luX2VjEXAMPLEimds");
}

}  // namespace
}  // namespace reghub::providers
