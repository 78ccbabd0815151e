#include "registry/token_flow.h"

#include <gtest/gtest.h>

#include "fakes.h"
#include "registry/text.h"

namespace reghub::registry {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

const system_clock::time_point kNow = system_clock::from_time_t(1767225600);  // 2026-01-01

struct TokenCase {
  const char* name;
  std::string body;
  std::string token;
  long long lifetime_from_now;  // seconds; expires_at - kNow
};

class TokenResponseTable : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenResponseTable, Parses) {
  auto parsed = ParseTokenResponse(GetParam().body, kNow);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->token, GetParam().token);
  EXPECT_EQ(std::chrono::duration_cast<seconds>(parsed->expires_at - kNow).count(),
            GetParam().lifetime_from_now);
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, TokenResponseTable,
    ::testing::Values(
        TokenCase{"TokenAndExpiry", R"({"token":"t1","expires_in":300})", "t1", 300},
        TokenCase{"PrefersTokenOverAccessToken", R"({"token":"t1","access_token":"a1","expires_in":300})", "t1", 300},
        TokenCase{"AccessTokenOnly", R"({"access_token":"a1","expires_in":3600})", "a1", 3600},
        TokenCase{"ExpiresInDefaultsTo60", R"({"token":"t"})", "t", 60},
        TokenCase{"ExpiresInAtLeast60", R"({"token":"t","expires_in":10})", "t", 60},
        TokenCase{"IssuedAtCounts", R"({"token":"t","expires_in":300,"issued_at":"2025-12-31T23:59:00Z"})", "t", 240},
        TokenCase{"IssuedAtWithFractionAndOffset",
                  R"({"token":"t","expires_in":300,"issued_at":"2026-01-01T01:00:00.123+01:00"})", "t", 300},
        TokenCase{"EmptyTokenFallsBackToAccessToken", R"({"token":"","access_token":"a"})", "a", 60}),
    [](const ::testing::TestParamInfo<TokenCase>& info) { return std::string(info.param.name); });

TEST(TokenResponse, RefusesAnswersWithoutAToken) {
  EXPECT_FALSE(ParseTokenResponse(R"({"expires_in":300})", kNow).ok());
  EXPECT_FALSE(ParseTokenResponse("<html>", kNow).ok());
}

Challenge BearerChallenge() {
  return {"bearer", {{"realm", "https://auth.example/token"}, {"service", "registry.example"}}};
}

HttpResponse TokenAnswer(const std::string& token, int expires_in) {
  return {200, {}, R"({"token":")" + token + R"(","expires_in":)" + std::to_string(expires_in) + "}"};
}

TEST(TokenFlow, SendsServiceOneScopePerResourceAndBasicCredentials) {
  FakeHttpClient http([](const HttpRequest&) { return TokenAnswer("tok", 300); });
  FakeClock clock;
  auto credentials = std::make_shared<StaticCredentialSource>(BasicCredentials{"u", SecretString("p")});
  TokenFlow flow(http, credentials, clock);
  auto token = flow.Token(BearerChallenge(), {"repository:a:pull", "repository:b/c:pull,push"});
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(*token, "tok");
  auto requests = http.requests();
  ASSERT_EQ(requests.size(), 1u);
  const HttpRequest& sent = requests[0];
  EXPECT_EQ(sent.method, "GET");
  EXPECT_EQ(sent.url,
            "https://auth.example/token?service=registry.example&scope=repository%3Aa%3Apull"
            "&scope=repository%3Ab%2Fc%3Apull%2Cpush&account=u");
  EXPECT_EQ(FirstHeader(sent.headers, "Authorization"), "Basic " + Base64Encode("u:p"));
}

TEST(TokenFlow, AnonymousRequestsSendNoAuthorization) {
  FakeHttpClient http([](const HttpRequest&) { return TokenAnswer("anon", 300); });
  TokenFlow flow(http, nullptr);
  ASSERT_TRUE(flow.Token(BearerChallenge(), {"repository:library/alpine:pull"}).ok());
  EXPECT_FALSE(FirstHeader(http.requests()[0].headers, "Authorization").has_value());
}

TEST(TokenFlow, UsesTheChallengeScopeWhenTheCallerHasNone) {
  FakeHttpClient http([](const HttpRequest&) { return TokenAnswer("t", 300); });
  TokenFlow flow(http, nullptr);
  Challenge challenge = BearerChallenge();
  challenge.params["scope"] = "repository:a:pull repository:b:push";
  ASSERT_TRUE(flow.Token(challenge, {}).ok());
  EXPECT_NE(http.requests()[0].url.find("scope=repository%3Aa%3Apull&scope=repository%3Ab%3Apush"),
            std::string::npos);
}

TEST(TokenFlow, CachesPerScopeUntilShortlyBeforeExpiry) {
  int issued = 0;
  FakeHttpClient http([&issued](const HttpRequest&) { return TokenAnswer("t" + std::to_string(++issued), 300); });
  FakeClock clock;
  TokenFlow flow(http, nullptr, clock);
  EXPECT_EQ(*flow.Token(BearerChallenge(), {"repository:a:pull"}), "t1");
  EXPECT_EQ(*flow.Token(BearerChallenge(), {"repository:a:pull"}), "t1");
  EXPECT_EQ(*flow.Token(BearerChallenge(), {"repository:b:pull"}), "t2");  // another scope
  clock.Advance(seconds(260));                                               // 40 s left: still used
  EXPECT_EQ(*flow.Token(BearerChallenge(), {"repository:a:pull"}), "t1");
  clock.Advance(seconds(15));                                                // 25 s left: refreshed
  EXPECT_EQ(*flow.Token(BearerChallenge(), {"repository:a:pull"}), "t3");
  EXPECT_EQ(flow.fetch_count(), 3);
}

TEST(TokenFlow, ScopeOrderDoesNotSplitTheCache) {
  FakeHttpClient http([](const HttpRequest&) { return TokenAnswer("t", 300); });
  TokenFlow flow(http, nullptr);
  ASSERT_TRUE(flow.Token(BearerChallenge(), {"repository:a:pull", "repository:b:pull"}).ok());
  ASSERT_TRUE(flow.Token(BearerChallenge(), {"repository:b:pull", "repository:a:pull"}).ok());
  EXPECT_EQ(http.requests().size(), 1u);
}

TEST(TokenFlow, InvalidateForcesANewToken) {
  FakeHttpClient http([](const HttpRequest&) { return TokenAnswer("t", 300); });
  TokenFlow flow(http, nullptr);
  ASSERT_TRUE(flow.Token(BearerChallenge(), {"repository:a:pull"}).ok());
  flow.Invalidate(BearerChallenge(), {"repository:a:pull"});
  ASSERT_TRUE(flow.Token(BearerChallenge(), {"repository:a:pull"}).ok());
  EXPECT_EQ(http.requests().size(), 2u);
}

TEST(TokenFlow, OAuth2PostSendsTheFormAndFallsBackToGetOn404) {
  FakeHttpClient http([](const HttpRequest& request) {
    if (request.method == "POST") return HttpResponse{404, {}, "not found"};
    return TokenAnswer("from-get", 300);
  });
  TokenFlowOptions options;
  options.use_oauth2_post = true;
  auto credentials = std::make_shared<StaticCredentialSource>(BasicCredentials{"u", SecretString("p w")});
  TokenFlow flow(http, credentials, SystemClock::Instance(), options);
  auto token = flow.Token(BearerChallenge(), {"repository:a:pull", "repository:b:push"});
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(*token, "from-get");
  auto requests = http.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].url, "https://auth.example/token");
  EXPECT_EQ(FirstHeader(requests[0].headers, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[0].body,
            "grant_type=password&service=registry.example&client_id=reghub&access_type=offline"
            "&scope=repository%3Aa%3Apull%20repository%3Ab%3Apush&username=u&password=p%20w");
  EXPECT_EQ(requests[1].method, "GET");
}

TEST(TokenFlow, OAuth2PostAnswerIsUsedWhenTheServiceSupportsIt) {
  FakeHttpClient http([](const HttpRequest&) {
    return HttpResponse{200, {}, R"({"access_token":"oauth","scope":"repository:a:pull","expires_in":900})"};
  });
  TokenFlowOptions options;
  options.use_oauth2_post = true;
  auto credentials = std::make_shared<StaticCredentialSource>(BasicCredentials{"u", SecretString("p")});
  TokenFlow flow(http, credentials, SystemClock::Instance(), options);
  EXPECT_EQ(*flow.Token(BearerChallenge(), {"repository:a:pull"}), "oauth");
  EXPECT_EQ(http.requests().size(), 1u);
}

TEST(TokenFlow, RefusedCredentialsSaySo) {
  FakeHttpClient http([](const HttpRequest&) { return HttpResponse{401, {}, "{}"}; });
  auto credentials = std::make_shared<StaticCredentialSource>(BasicCredentials{"u", SecretString("hunter2")});
  TokenFlow flow(http, credentials);
  auto token = flow.Token(BearerChallenge(), {"repository:a:pull"});
  ASSERT_FALSE(token.ok());
  EXPECT_EQ(token.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(token.error().message.find("credentials refused by the token service"), std::string::npos);
  EXPECT_EQ(token.error().message.find("hunter2"), std::string::npos);
}

TEST(TokenFlow, AChallengeWithoutRealmIsAnError) {
  FakeHttpClient http([](const HttpRequest&) { return TokenAnswer("t", 300); });
  TokenFlow flow(http, nullptr);
  EXPECT_FALSE(flow.Token(Challenge{"bearer", {}}, {"repository:a:pull"}).ok());
  EXPECT_TRUE(http.requests().empty());
}

}  // namespace
}  // namespace reghub::registry
