#include "registry/www_authenticate.h"

#include <gtest/gtest.h>

namespace reghub::registry {
namespace {

struct ChallengeCase {
  const char* name;
  std::string header;
  std::vector<Challenge> expected;
};

class WwwAuthenticateTable : public ::testing::TestWithParam<ChallengeCase> {};

TEST_P(WwwAuthenticateTable, Parses) {
  EXPECT_EQ(ParseWwwAuthenticate(GetParam().header), GetParam().expected) << GetParam().header;
}

INSTANTIATE_TEST_SUITE_P(
    Headers, WwwAuthenticateTable,
    ::testing::Values(
        ChallengeCase{"DockerHubBearer",
                      R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push")",
                      {{"bearer",
                        {{"realm", "https://auth.docker.io/token"},
                         {"service", "registry.docker.io"},
                         {"scope", "repository:samalba/my-app:pull,push"}}}}},
        ChallengeCase{"Basic", R"(Basic realm="basic-realm")", {{"basic", {{"realm", "basic-realm"}}}}},
        ChallengeCase{"SchemeIsCaseInsensitive", R"(BEARER Realm="r")", {{"bearer", {{"realm", "r"}}}}},
        ChallengeCase{"InsufficientScope",
                      R"(Bearer realm="r",service="s",scope="repository:a:pull",error="insufficient_scope")",
                      {{"bearer",
                        {{"realm", "r"}, {"service", "s"}, {"scope", "repository:a:pull"},
                         {"error", "insufficient_scope"}}}}},
        ChallengeCase{"TwoChallengesOnOneLine",
                      R"(Basic realm="quay.io", Bearer realm="https://quay.io/v2/auth",service="quay.io")",
                      {{"basic", {{"realm", "quay.io"}}},
                       {"bearer", {{"realm", "https://quay.io/v2/auth"}, {"service", "quay.io"}}}}},
        ChallengeCase{"QuotedEscapes", R"(Bearer realm="a \"quoted\" \\ realm",service=plain)",
                      {{"bearer", {{"realm", R"(a "quoted" \ realm)"}, {"service", "plain"}}}}},
        ChallengeCase{"CommaInsideQuotes", R"(Bearer realm="r",scope="repository:a:pull,push")",
                      {{"bearer", {{"realm", "r"}, {"scope", "repository:a:pull,push"}}}}},
        ChallengeCase{"SpacesAroundEquals", R"(Bearer realm = "r" , service = s)",
                      {{"bearer", {{"realm", "r"}, {"service", "s"}}}}},
        ChallengeCase{"SchemeWithoutParams", "Negotiate", {{"negotiate", {}}}},
        ChallengeCase{"SchemeWithoutParamsThenAnother", R"(Negotiate, Basic realm="x")",
                      {{"negotiate", {}}, {"basic", {{"realm", "x"}}}}},
        ChallengeCase{"ParamKeysAreLowerCased", R"(Bearer REALM="r",Service="s")",
                      {{"bearer", {{"realm", "r"}, {"service", "s"}}}}},
        ChallengeCase{"SpaceSeparatedScopes",
                      R"(Bearer realm="r",scope="repository:a:pull repository:b:pull,push")",
                      {{"bearer", {{"realm", "r"}, {"scope", "repository:a:pull repository:b:pull,push"}}}}},
        ChallengeCase{"Empty", "", {}},
        ChallengeCase{"UnterminatedQuoteKeepsWhatThereIs", R"(Bearer realm="https://x)",
                      {{"bearer", {{"realm", "https://x"}}}}}),
    [](const ::testing::TestParamInfo<ChallengeCase>& info) { return std::string(info.param.name); });

TEST(WwwAuthenticate, CollectsChallengesFromSeveralHeaders) {
  auto challenges = ParseWwwAuthenticateHeaders(
      {R"(Basic realm="b")", R"(Bearer realm="https://t/token",service="svc")"});
  ASSERT_EQ(challenges.size(), 2u);
  ASSERT_NE(FindChallenge(challenges, "Bearer"), nullptr);
  EXPECT_EQ(FindChallenge(challenges, "bearer")->Param("service"), "svc");
  EXPECT_EQ(FindChallenge(challenges, "basic")->Param("realm"), "b");
  EXPECT_EQ(FindChallenge(challenges, "digest"), nullptr);
}

TEST(WwwAuthenticate, MissingParamIsEmpty) {
  auto challenges = ParseWwwAuthenticate(R"(Bearer realm="r")");
  ASSERT_EQ(challenges.size(), 1u);
  EXPECT_EQ(challenges[0].Param("scope"), "");
}

}  // namespace
}  // namespace reghub::registry
