#include "registry/registry_errors.h"

#include <gtest/gtest.h>

#include "registry/reference.h"

namespace reghub::registry {
namespace {

struct ErrorCase {
  const char* name;
  int status;
  std::string body;
  ErrorCode code;
  std::string fragment;
};

class RegistryErrorTable : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(RegistryErrorTable, Maps) {
  Error error = RegistryResponseError({GetParam().status, {}, GetParam().body}, "manifest a:v1");
  EXPECT_EQ(error.code, GetParam().code) << error.message;
  EXPECT_NE(error.message.find(GetParam().fragment), std::string::npos) << error.message;
}

INSTANTIATE_TEST_SUITE_P(
    Responses, RegistryErrorTable,
    ::testing::Values(
        ErrorCase{"ManifestUnknown", 404,
                  R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"v1"}}]})",
                  ErrorCode::kNotFound, "manifest a:v1 not found on the registry (MANIFEST_UNKNOWN"},
        ErrorCase{"NameUnknownWithoutBody", 404, "", ErrorCode::kNotFound, "not found"},
        ErrorCase{"Denied", 403, R"({"errors":[{"code":"DENIED","message":"no"}]})",
                  ErrorCode::kPermissionDenied, "grant these credentials access"},
        ErrorCase{"TooManyRequests", 429, R"({"errors":[{"code":"TOOMANYREQUESTS"}]})",
                  ErrorCode::kUnavailable, "rate limiting"},
        ErrorCase{"Unsupported", 405, R"({"errors":[{"code":"UNSUPPORTED"}]})",
                  ErrorCode::kFailedPrecondition, "does not support"},
        ErrorCase{"ManifestInvalid", 400, R"({"errors":[{"code":"MANIFEST_INVALID","message":"bad"}]})",
                  ErrorCode::kInvalidArgument, "MANIFEST_INVALID: bad"},
        ErrorCase{"ServerError", 503, "oops", ErrorCode::kUnavailable, "HTTP 503"},
        ErrorCase{"NonJsonBodyIgnored", 500, "<html>", ErrorCode::kUnavailable, "HTTP 500"}),
    [](const ::testing::TestParamInfo<ErrorCase>& info) { return std::string(info.param.name); });

TEST(OciErrors, ParsesEveryEntry) {
  auto errors = ParseOciErrors(R"({"errors":[{"code":"A","message":"m"},{"code":"B"}]})");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].code, "A");
  EXPECT_EQ(errors[0].message, "m");
  EXPECT_EQ(errors[1].code, "B");
}

struct NameCase {
  std::string name;
  bool valid;
};

class RepositoryNameTable : public ::testing::TestWithParam<NameCase> {};
TEST_P(RepositoryNameTable, FollowsTheDistributionGrammar) {
  EXPECT_EQ(IsValidRepositoryName(GetParam().name), GetParam().valid) << GetParam().name;
}
INSTANTIATE_TEST_SUITE_P(
    Names, RepositoryNameTable,
    ::testing::Values(NameCase{"library/alpine", true}, NameCase{"a", true},
                      NameCase{"team/sub.group/app-name_x__y", true}, NameCase{"a--b", true},
                      NameCase{"Upper/case", false}, NameCase{"/leading", false},
                      NameCase{"trailing/", false}, NameCase{"a..b", false}, NameCase{"", false},
                      NameCase{"a/-b", false}));

class TagTable : public ::testing::TestWithParam<NameCase> {};
TEST_P(TagTable, FollowsTheDistributionGrammar) {
  EXPECT_EQ(IsValidTag(GetParam().name), GetParam().valid) << GetParam().name;
}
INSTANTIATE_TEST_SUITE_P(Tags, TagTable,
                         ::testing::Values(NameCase{"v1", true}, NameCase{"_x", true},
                                           NameCase{"0.1.0_build.1", true}, NameCase{"V1-rc.2", true},
                                           NameCase{".hidden", false}, NameCase{"-x", false},
                                           NameCase{"a+b", false}, NameCase{std::string(129, 'a'), false},
                                           NameCase{std::string(128, 'a'), true}));

TEST(CheckReference, AcceptsDigestsAndRejectsNonsense) {
  EXPECT_TRUE(CheckReference("a/b", "sha256:" + std::string(64, 'a')).ok());
  EXPECT_FALSE(CheckReference("a/b", "sha256:totallywrong").ok());
  EXPECT_FALSE(CheckReference("A/b", "v1").ok());
}

}  // namespace
}  // namespace reghub::registry
