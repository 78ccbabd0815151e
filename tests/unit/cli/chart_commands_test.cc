#include "cli/chart_commands.h"

#include <gtest/gtest.h>

namespace reghub::cli {
namespace {

TEST(ChartListTable, ShowsOneRowPerVersionWithItsMetadataAndMarksEmptyAndBrokenCharts) {
  Json listing = {
      {"charts",
       {{{"name", "web"},
         {"versions", {"1.1.0", "1.0.0"}},
         {"metadata",
          {{{"version", "1.1.0"}, {"appVersion", "3.2.1"}, {"description", "The web front end"}},
           {{"version", "1.0.0"}, {"error", "manifest not found"}}}}},
        {{"name", "empty"}, {"versions", Json::array()}, {"metadata", Json::array()}},
        {{"name", "broken"}, {"versions", Json::array()}, {"error", "denied"}}}}};
  std::string table = ChartListTable(listing);
  EXPECT_NE(table.find("CHART"), std::string::npos) << table;
  EXPECT_NE(table.find("APP VERSION"), std::string::npos) << table;
  EXPECT_NE(table.find("3.2.1"), std::string::npos) << table;
  EXPECT_NE(table.find("The web front end"), std::string::npos) << table;
  EXPECT_NE(table.find("error: manifest not found"), std::string::npos) << table;
  EXPECT_NE(table.find("no versions yet"), std::string::npos) << table;
  EXPECT_NE(table.find("error: denied"), std::string::npos) << table;
  EXPECT_LT(table.find("1.1.0"), table.find("1.0.0")) << table;
}

TEST(ChartPushSummary, NamesTheChartTheOciReferenceAndTheDigest) {
  Json pushed = {{"name", "web"},
                 {"version", "1.2.0+b.1"},
                 {"reference", "reg.example.com/charts/web:1.2.0_b.1"},
                 {"digest", "sha256:abc"},
                 {"appVersion", "3.2.1"}};
  std::string summary = ChartPushSummary(pushed);
  EXPECT_NE(summary.find("web 1.2.0+b.1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("oci://reg.example.com/charts/web:1.2.0_b.1"), std::string::npos) << summary;
  EXPECT_NE(summary.find("sha256:abc"), std::string::npos) << summary;
  EXPECT_NE(summary.find("3.2.1"), std::string::npos) << summary;
}

}  // namespace
}  // namespace reghub::cli
