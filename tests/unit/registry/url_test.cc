#include "registry/url.h"

#include <gtest/gtest.h>

namespace reghub::registry {
namespace {

struct LinkCase {
  const char* name;
  std::string header;
  std::optional<std::string> next;
};

class NextLinkTable : public ::testing::TestWithParam<LinkCase> {};

TEST_P(NextLinkTable, FindsRelNext) { EXPECT_EQ(ParseNextLink(GetParam().header), GetParam().next); }

INSTANTIATE_TEST_SUITE_P(
    Headers, NextLinkTable,
    ::testing::Values(
        LinkCase{"RelativeFromDistribution", R"(</v2/_catalog?last=library%2Fapp&n=1>; rel="next")",
                 "/v2/_catalog?last=library%2Fapp&n=1"},
        LinkCase{"Absolute", R"(<https://r.example.com/v2/a/tags/list?n=2&last=b>; rel="next")",
                 "https://r.example.com/v2/a/tags/list?n=2&last=b"},
        LinkCase{"UnquotedRel", "</v2/x/tags/list?last=a>; rel=next", "/v2/x/tags/list?last=a"},
        LinkCase{"RelCaseInsensitive", R"(</p>; REL="Next")", "/p"},
        LinkCase{"OtherRelIgnored", R"(</first>; rel="first")", std::nullopt},
        LinkCase{"SeveralLinks", R"(</prev>; rel="prev", </next?n=1>; rel="next")", "/next?n=1"},
        LinkCase{"SeveralRelTypes", R"(</both>; rel="last next")", "/both"},
        LinkCase{"ExtraParams", R"(</p?n=1>; type="application/json"; rel="next")", "/p?n=1"},
        LinkCase{"NoLink", "", std::nullopt},
        LinkCase{"Garbage", "not a link", std::nullopt}),
    [](const ::testing::TestParamInfo<LinkCase>& info) { return std::string(info.param.name); });

struct ResolveCase {
  const char* name;
  std::string base;
  std::string reference;
  std::optional<std::string> expected;
};

class ResolveUrlTable : public ::testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveUrlTable, Resolves) {
  EXPECT_EQ(ResolveUrl(GetParam().base, GetParam().reference), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    References, ResolveUrlTable,
    ::testing::Values(
        ResolveCase{"AbsolutePath", "https://r:5000/v2/_catalog?n=1", "/v2/_catalog?last=a&n=1",
                    "https://r:5000/v2/_catalog?last=a&n=1"},
        ResolveCase{"Absolute", "https://r/v2/", "https://other/x?y=1", "https://other/x?y=1"},
        ResolveCase{"SchemeRelative", "https://r/v2/", "//cdn.example/blob", "https://cdn.example/blob"},
        ResolveCase{"RelativePath", "https://r/v2/a/tags/list?n=1", "list?n=1&last=x",
                    "https://r/v2/a/tags/list?n=1&last=x"},
        ResolveCase{"QueryOnly", "https://r/v2/a/tags/list?n=1", "?n=2", "https://r/v2/a/tags/list?n=2"},
        ResolveCase{"RelativeRealm", "http://127.0.0.1:5000/v2/", "/token", "http://127.0.0.1:5000/token"},
        ResolveCase{"BadBase", "not a url", "/x", std::nullopt},
        ResolveCase{"UnsupportedScheme", "https://r/", "ftp://x/y", std::nullopt}),
    [](const ::testing::TestParamInfo<ResolveCase>& info) { return std::string(info.param.name); });

TEST(ParseUrl, SplitsAuthorityPathAndQuery) {
  auto url = ParseUrl("HTTPS://[::1]:5000/v2/_catalog?n=1#frag");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->authority, "[::1]:5000");
  EXPECT_EQ(url->path, "/v2/_catalog");
  EXPECT_EQ(url->query, "n=1");
  EXPECT_EQ(url->Origin(), "https://[::1]:5000");
}

TEST(ParseUrl, DefaultsPathToSlash) { EXPECT_EQ(ParseUrl("http://h")->path, "/"); }

}  // namespace
}  // namespace reghub::registry
