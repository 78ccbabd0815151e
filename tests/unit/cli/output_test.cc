#include "cli/output.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace reghub::cli {
namespace {

TEST(RenderTable, AlignsColumnsToTheWidestCell) {
  std::string table =
      RenderTable({"ID", "URL", "REVISION"},
                  {{"a1", "registry.example.com:5000", "12"}, {"b", "quay.io", "1"}});
  EXPECT_EQ(table,
            "ID  URL                        REVISION\n"
            "a1  registry.example.com:5000  12\n"
            "b   quay.io                    1\n");
}

TEST(RenderTable, LeavesNoTrailingSpacesAndPadsShortRows) {
  std::string table = RenderTable({"A", "B", "C"}, {{"x"}, {"y", "", ""}});
  EXPECT_EQ(table, "A  B  C\nx\ny\n");
}

TEST(RenderTable, PrintsTheHeaderForNoRows) {
  EXPECT_EQ(RenderTable({"ID", "URL"}, {}), "ID  URL\n");
}

TEST(RenderFields, AlignsValuesAndIndentsContinuationLines) {
  std::string text =
      RenderFields({{"URL", "quay.io"}, {"Mirrors", "docker.io\nghcr.io"}, {"Empty", ""}});
  EXPECT_EQ(text,
            "URL:      quay.io\n"
            "Mirrors:  docker.io\n"
            "          ghcr.io\n"
            "Empty:\n");
}

TEST(RenderJson, IsIndentedAndKeepsKeyOrder) {
  Json value = Json::parse(R"({"url":"quay.io","id":"1"})");
  EXPECT_EQ(RenderJson(value), "{\n  \"url\": \"quay.io\",\n  \"id\": \"1\"\n}\n");
}

TEST(RenderYaml, LoadsBackAsTheSameValues) {
  Json value = Json::parse(R"({
    "url": "quay.io", "revision": 2, "default": false, "ratio": 1.5,
    "looks_like_bool": "true", "looks_like_number": "42", "looks_like_null": "null",
    "empty": "", "multi": "line one\nline two", "block": "a\nb\n", "nothing": null,
    "list": ["a", "yes"], "empty_list": [], "nested": {"mode": "verify"}
  })");
  YAML::Node loaded = YAML::Load(RenderYaml(value));
  EXPECT_EQ(loaded["url"].as<std::string>(), "quay.io");
  EXPECT_EQ(loaded["revision"].as<int>(), 2);
  EXPECT_EQ(loaded["default"].as<bool>(), false);
  EXPECT_EQ(loaded["ratio"].as<double>(), 1.5);
  // Strings that YAML would read as another type are quoted.
  EXPECT_EQ(loaded["looks_like_bool"].Tag(), "!");
  EXPECT_EQ(loaded["looks_like_number"].Tag(), "!");
  EXPECT_EQ(loaded["looks_like_null"].as<std::string>(), "null");
  EXPECT_FALSE(loaded["looks_like_null"].IsNull());
  EXPECT_EQ(loaded["empty"].as<std::string>(), "");
  EXPECT_EQ(loaded["multi"].as<std::string>(), "line one\nline two");
  EXPECT_EQ(loaded["block"].as<std::string>(), "a\nb\n");
  EXPECT_TRUE(loaded["nothing"].IsNull());
  EXPECT_EQ(loaded["list"][1].as<std::string>(), "yes");
  EXPECT_EQ(loaded["list"][1].Tag(), "!");
  EXPECT_TRUE(loaded["empty_list"].IsSequence());
  EXPECT_EQ(loaded["empty_list"].size(), 0u);
  EXPECT_EQ(loaded["nested"]["mode"].as<std::string>(), "verify");
}

TEST(RenderYaml, EmptyContainersStayOnTheKeysLine) {
  EXPECT_EQ(RenderYaml(Json::parse(R"({"mirrors":[],"tls":{},"repositories":["a"]})")),
            "mirrors: []\ntls: {}\nrepositories:\n  - a\n");
}

TEST(RenderYaml, ListsAreBlockSequences) {
  EXPECT_EQ(RenderYaml(Json::parse(R"([{"url":"a.io"},{"url":"b.io"}])")),
            "- url: a.io\n- url: b.io\n");
}

TEST(ParseOutputFormat, KnowsTheThreeFormats) {
  EXPECT_EQ(ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("yaml"), OutputFormat::kYaml);
  EXPECT_EQ(ParseOutputFormat("xml"), std::nullopt);
}

TEST(CellText, RendersScalarsAndJoinsLists) {
  EXPECT_EQ(CellText(Json("x")), "x");
  EXPECT_EQ(CellText(Json(nullptr)), "");
  EXPECT_EQ(CellText(Json(3)), "3");
  EXPECT_EQ(CellText(Json(true)), "true");
  EXPECT_EQ(CellText(Json::parse(R"(["a","b"])")), "a, b");
}

}  // namespace
}  // namespace reghub::cli
