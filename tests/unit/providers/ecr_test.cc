// ECR GetAuthorizationToken against a loopback fixture that follows the
// published request and response shapes (AWS JSON 1.1, SigV4 for "ecr").
#include "providers/ecr.h"

#include <gtest/gtest.h>

#include "registry/curl_http_client.h"
#include "registry/text.h"
#include "support/docker_registry.h"
#include "unit/registry/fakes.h"

namespace reghub::providers {
namespace {

using testing::LoopbackHttpServer;
using testing::LoopbackRequest;
using testing::LoopbackResponse;

constexpr long long kNow = 1767225600;  // 2026-01-01T00:00:00Z, FakeClock's start

LoopbackResponse TokenAnswer(long long expires_at, const std::string& password = "ecr-password") {
  std::string token = registry::Base64Encode("AWS:" + password);
  return {200,
          {{"Content-Type", "application/x-amz-json-1.1"}},
          R"({"authorizationData":[{"authorizationToken":")" + token + R"(","expiresAt":)" +
              std::to_string(expires_at) +
              R"(.0,"proxyEndpoint":"https://123456789012.dkr.ecr.us-east-1.amazonaws.com"}]})"};
}

class EcrTest : public ::testing::Test {
 protected:
  EcrOptions Options(const LoopbackHttpServer& server) {
    EcrOptions options;
    options.region = "us-east-1";
    options.endpoint_override = server.origin();
    return options;
  }
  AwsCredentials Keys(std::string session_token = "") {
    return {"AKIAIOSFODNN7EXAMPLE", SecretString("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            SecretString(std::move(session_token))};
  }

  registry::CurlHttpClient http_{TlsSettings{TlsMode::kPlainHttp, "", ""}};
  registry::FakeClock clock_;
};

TEST_F(EcrTest, SendsASignedJson11GetAuthorizationToken) {
  LoopbackHttpServer aws([](const LoopbackRequest&) { return TokenAnswer(kNow + 43200); });
  EcrCredentialSource ecr(Keys(), Options(aws), http_, clock_);
  auto authorization = ecr.GetAuthorizationToken();
  ASSERT_TRUE(authorization.ok()) << authorization.error().message;

  ASSERT_EQ(aws.requests().size(), 1u);
  LoopbackRequest sent = aws.requests()[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.target, "/");
  EXPECT_EQ(sent.body, "{}");
  EXPECT_EQ(sent.Header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(sent.Header("X-Amz-Target"), "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken");
  EXPECT_EQ(sent.Header("X-Amz-Date"), "20260101T000000Z");
  EXPECT_EQ(sent.Header("X-Amz-Security-Token"), "");
  std::string auth = sent.Header("Authorization");
  EXPECT_EQ(auth.rfind("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/ecr/"
                       "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                       "Signature=", 0),
            0u)
      << auth;

  // The signature verifies over the request exactly as it arrived.
  SigV4Request received{"POST", "/", "", {}, sent.body};
  for (const auto& [name, value] : sent.headers) {
    std::string lower = registry::ToLowerAscii(name);
    if (lower == "content-type" || lower == "host" || lower == "x-amz-date" || lower == "x-amz-target") {
      received.headers.emplace_back(name, value);
    }
  }
  SigV4Signer verifier(Keys(), {"us-east-1", "ecr"});
  EXPECT_EQ(verifier.Authorization(received), auth);

  EXPECT_EQ(authorization->credentials.username, "AWS");
  EXPECT_EQ(authorization->credentials.password.Reveal(), "ecr-password");
  EXPECT_EQ(authorization->proxy_endpoint, "https://123456789012.dkr.ecr.us-east-1.amazonaws.com");
  EXPECT_EQ(std::chrono::system_clock::to_time_t(authorization->expires_at), kNow + 43200);
}

TEST_F(EcrTest, SignsTheSessionTokenOfTemporaryCredentials) {
  LoopbackHttpServer aws([](const LoopbackRequest&) { return TokenAnswer(kNow + 43200); });
  EcrCredentialSource ecr(Keys("FwoGZXIvYXdzEXAMPLE"), Options(aws), http_, clock_);
  ASSERT_TRUE(ecr.GetAuthorizationToken().ok());
  LoopbackRequest sent = aws.requests()[0];
  EXPECT_EQ(sent.Header("X-Amz-Security-Token"), "FwoGZXIvYXdzEXAMPLE");
  EXPECT_NE(sent.Header("Authorization")
                .find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target"),
            std::string::npos);
}

TEST_F(EcrTest, CachesTheTokenUntilShortlyBeforeExpiry) {
  int calls = 0;
  LoopbackHttpServer aws([&calls](const LoopbackRequest&) {
    ++calls;
    return TokenAnswer(kNow + 43200 * calls, "pw" + std::to_string(calls));
  });
  EcrCredentialSource ecr(Keys(), Options(aws), http_, clock_);
  EXPECT_EQ((*ecr.Get())->password.Reveal(), "pw1");
  EXPECT_EQ((*ecr.Get())->password.Reveal(), "pw1");
  clock_.Advance(std::chrono::seconds(43200 - 16 * 60));  // 16 minutes left: still cached
  EXPECT_EQ((*ecr.Get())->password.Reveal(), "pw1");
  clock_.Advance(std::chrono::seconds(2 * 60));            // 14 minutes left: refreshed
  EXPECT_EQ((*ecr.Get())->password.Reveal(), "pw2");
  EXPECT_EQ(ecr.fetch_count(), 2);
}

TEST_F(EcrTest, MapsARefusedKeyToUnauthenticatedWithoutLeakingTheSecret) {
  LoopbackHttpServer aws([](const LoopbackRequest&) {
    return LoopbackResponse{400, {}, R"({"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."})"};
  });
  EcrCredentialSource ecr(Keys(), Options(aws), http_, clock_);
  auto result = ecr.Get();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(result.error().message.find("UnrecognizedClientException"), std::string::npos);
  EXPECT_EQ(result.error().message.find("wJalrXUtnFEMI"), std::string::npos);
}

// A refused signature says plainly what to check: the secret key paired with
// the key id, the hub's clock, the region and endpoint.
TEST_F(EcrTest, ARefusedSignatureNamesTheSecretKeyTheClockAndTheRegion) {
  struct Case {
    const char* label;
    LoopbackResponse answer;
  };
  for (const Case& c :
       {Case{"JSON 1.1 InvalidSignatureException",
             {400, {}, R"({"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided."})"}},
        Case{"403 SignatureDoesNotMatch (XML)",
             {403, {}, "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request "
                       "signature we calculated does not match</Message></Error></ErrorResponse>"}},
        Case{"403 with only x-amzn-ErrorType",
             {403, {{"x-amzn-ErrorType", "InvalidSignatureException:http://internal.amazon.com/"}}, ""}}}) {
    LoopbackHttpServer aws([&c](const LoopbackRequest&) { return c.answer; });
    EcrCredentialSource ecr(Keys(), Options(aws), http_, clock_);
    auto result = ecr.GetAuthorizationToken();
    ASSERT_FALSE(result.ok()) << c.label;
    const std::string& message = result.error().message;
    EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated) << c.label;
    EXPECT_EQ(message.rfind("ECR rejected the signature", 0), 0u) << c.label << ": " << message;
    EXPECT_NE(message.find("secret access key is the one paired with access key id "
                           "AKIAIOSFODNN7EXAMPLE"), std::string::npos) << message;
    EXPECT_NE(message.find("the hub's clock is right (it reads 2026-01-01 00:00:00 UTC"),
              std::string::npos) << message;
    EXPECT_NE(message.find("region us-east-1, endpoint 127.0.0.1:"), std::string::npos) << message;
    EXPECT_EQ(message.find("wJalrXUtnFEMI"), std::string::npos) << message;
  }
}

TEST_F(EcrTest, ASkewedClockIsNamedAsTheCause) {
  LoopbackHttpServer aws([](const LoopbackRequest&) {
    return LoopbackResponse{400, {}, R"json({"__type":"InvalidSignatureException","message":"Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T002000Z - 5 min.)"})json"};
  });
  EcrCredentialSource ecr(Keys(), Options(aws), http_, clock_);
  auto result = ecr.GetAuthorizationToken();
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("the hub's clock is wrong; it reads 2026-01-01 00:00:00 UTC"),
            std::string::npos) << result.error().message;
  EXPECT_NE(result.error().message.find("NTP"), std::string::npos);
}

TEST_F(EcrTest, AnUnknownKeyIdNamesTheKeySessionTokenAndFipsRegion) {
  LoopbackHttpServer aws([](const LoopbackRequest&) {
    return LoopbackResponse{400, {}, R"({"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."})"};
  });
  EcrOptions options = Options(aws);
  options.fips = true;
  EcrCredentialSource ecr(Keys(), options, http_, clock_);
  auto result = ecr.GetAuthorizationToken();
  ASSERT_FALSE(result.ok());
  const std::string& message = result.error().message;
  EXPECT_EQ(message.rfind("AWS does not recognise access key id AKIAIOSFODNN7EXAMPLE", 0), 0u)
      << message;
  EXPECT_NE(message.find("session token"), std::string::npos) << message;
  EXPECT_NE(message.find("region us-east-1, FIPS endpoint"), std::string::npos) << message;
  EXPECT_NE(message.find("check the secret access key"), std::string::npos) << message;
}

TEST_F(EcrTest, MapsAccessDeniedToPermissionDenied) {
  LoopbackHttpServer aws([](const LoopbackRequest&) {
    return LoopbackResponse{400, {}, R"({"__type":"com.amazonaws.ecr#AccessDeniedException","message":"not allowed"})"};
  });
  EcrCredentialSource ecr(Keys(), Options(aws), http_, clock_);
  auto result = ecr.GetAuthorizationToken();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kPermissionDenied);
  EXPECT_NE(result.error().message.find("ecr:GetAuthorizationToken"), std::string::npos);
}

TEST(EcrEndpoints, StandardAndFips) {
  EXPECT_EQ(EcrApiEndpoint("us-east-1", false), "https://api.ecr.us-east-1.amazonaws.com");
  EXPECT_EQ(EcrApiEndpoint("us-gov-west-1", true), "https://ecr-fips.us-gov-west-1.amazonaws.com");
}

TEST(EcrResponse, RejectsAnswersWithoutAuthorizationData) {
  EXPECT_FALSE(ParseEcrAuthorizationResponse(R"({"authorizationData":[]})").ok());
  EXPECT_FALSE(ParseEcrAuthorizationResponse(
                   R"({"authorizationData":[{"authorizationToken":"bm8tY29sb24="}]})")
                   .ok());
}

}  // namespace
}  // namespace reghub::providers
