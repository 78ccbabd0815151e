#include "service/chart_metadata.h"

#include <gtest/gtest.h>

namespace reghub::service {
namespace {

TEST(ChartVersionTag, WritesBuildMetadataWithAnUnderscore) {
  struct Case {
    const char* tag;
    const char* expected;
  };
  for (const Case& c : {Case{"1.2.3", "1.2.3"}, Case{"1.0.0-rc.1", "1.0.0-rc.1"},
                        Case{"1.0.0_build.5", "1.0.0_build.5"},
                        Case{"2.0.0-beta_sha.5114f85", "2.0.0-beta_sha.5114f85"}}) {
    auto version = ParseChartVersion(c.tag);
    ASSERT_TRUE(version.has_value()) << c.tag;
    EXPECT_EQ(ChartVersionTag(*version), c.expected) << c.tag;
  }
}

}  // namespace
}  // namespace reghub::service
