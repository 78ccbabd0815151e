#include "service/chart_version.h"

#include <gtest/gtest.h>

namespace reghub::service {
namespace {

struct ParseCase {
  const char* tag;
  bool valid;
  const char* text;  // the version as shown, when valid
};

TEST(ChartVersion, ParsesStrictSemverTagsWithUnderscoreAsPlus) {
  const ParseCase cases[] = {
      {"0.1.0", true, "0.1.0"},
      {"1.2.3-rc.1", true, "1.2.3-rc.1"},
      {"1.0.0_build.5", true, "1.0.0+build.5"},
      {"1.0.0-alpha-1_sha.0abc", true, "1.0.0-alpha-1+sha.0abc"},
      {"10.20.30", true, "10.20.30"},
      {"latest", false, ""},
      {"v1.0.0", false, ""},
      {"1.0", false, ""},
      {"1.0.0.0", false, ""},
      {"01.0.0", false, ""},
      {"1.0.0-01", false, ""},
      {"1.0.0-", false, ""},
      {"1.0.0_", false, ""},
      {"1.0.0-rc..1", false, ""},
      {"1.0.0+a+b", false, ""},
      {"", false, ""},
  };
  for (const auto& c : cases) {
    auto version = ParseChartVersion(c.tag);
    EXPECT_EQ(version.has_value(), c.valid) << c.tag;
    if (version && c.valid) {
      EXPECT_EQ(version->text, c.text) << c.tag;
    }
  }
}

TEST(ChartVersion, SortsNewestFirstBySemverPrecedenceIgnoringOtherTags) {
  auto versions = ChartVersionsNewestFirst(
      {"0.1.0", "latest", "0.10.0", "0.2.0", "1.0.0-rc.1", "1.0.0-rc.10", "1.0.0-rc.2",
       "1.0.0-beta", "1.0.0", "1.0.0-alpha.1", "1.0.0-alpha.beta", "2.0.0_build.1", "v3.0.0"});
  std::vector<std::string> texts;
  for (const auto& version : versions) texts.push_back(version.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"2.0.0+build.1", "1.0.0", "1.0.0-rc.10", "1.0.0-rc.2",
                                             "1.0.0-rc.1", "1.0.0-beta", "1.0.0-alpha.beta",
                                             "1.0.0-alpha.1", "0.10.0", "0.2.0", "0.1.0"}));
}

TEST(ChartVersion, BuildMetadataDoesNotChangePrecedence) {
  auto a = ParseChartVersion("1.0.0_a");
  auto b = ParseChartVersion("1.0.0_b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(CompareChartVersions(*a, *b), 0);
}

}  // namespace
}  // namespace reghub::service
