#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/desired_state.h"

namespace reghub {
namespace {

using nlohmann::json;

TEST(DesiredStateToJson, ListsRegistriesWithInjectionAndOnlyTheCredentialKind) {
  Environment environment;
  environment.id = "e1";
  environment.name = "prod";
  environment.api_server_url = "https://k8s:6443";
  environment.namespaces = {"apps"};
  Registry registry;
  registry.id = "r1";
  registry.url = RegistryUrl{"registry.example.com", 5000};
  registry.revision = 3;
  registry.credentials.kind = CredentialKind::kBasic;
  registry.credentials.username = "robot-user";
  registry.credentials.fingerprint = "f1ngerprint";
  registry.mirrors = {{"docker.io", "hub"}};
  json state = DesiredStateToJson(
      environment, {{registry, {true, SecretSource::kGenerated, "reghub-registry"}}});
  EXPECT_EQ(state["environment"]["name"], "prod");
  EXPECT_EQ(state["environment"]["namespaces"], json({"apps"}));
  ASSERT_EQ(state["registries"].size(), 1u);
  const json& item = state["registries"][0];
  EXPECT_EQ(item["registry_id"], "r1");
  EXPECT_EQ(item["url"], "registry.example.com:5000");
  EXPECT_EQ(item["revision"], 3);
  EXPECT_EQ(item["credentials"], json({{"kind", "basic"}}));
  EXPECT_EQ(item["mirrors"][0]["upstream"], "docker.io");
  EXPECT_EQ(item["injection"]["secret_name"], "reghub-registry");
  std::string text = state.dump();
  EXPECT_EQ(text.find("robot-user"), std::string::npos);
  EXPECT_EQ(text.find("f1ngerprint"), std::string::npos);
}

TEST(ParseActuationReport, ReadsEveryEntry) {
  auto report = ParseActuationReport(json::parse(
      R"({"registries":[{"registry_id":"r1","revision":1},{"registry_id":"r2","revision":7}]})"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(*report, (std::vector<Actuation>{{"r1", 1}, {"r2", 7}}));
}

struct BadReportCase {
  std::string body;
  std::string field;
};

class ParseActuationReportRefuses : public ::testing::TestWithParam<BadReportCase> {};

TEST_P(ParseActuationReportRefuses, NamingTheField) {
  auto report = ParseActuationReport(json::parse(GetParam().body));
  ASSERT_FALSE(report.ok()) << GetParam().body;
  bool found = false;
  for (const auto& detail : report.error().details) found |= detail.field == GetParam().field;
  EXPECT_TRUE(found) << GetParam().body << " -> " << report.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseActuationReportRefuses,
    ::testing::Values(
        BadReportCase{R"({})", "registries"},
        BadReportCase{R"({"registries":{}})", "registries"},
        BadReportCase{R"({"registries":[]})", "registries"},
        BadReportCase{R"({"registries":[1]})", "registries[0]"},
        BadReportCase{R"({"registries":[{"revision":1}]})", "registries[0].registry_id"},
        BadReportCase{R"({"registries":[{"registry_id":"r1"}]})", "registries[0].revision"},
        BadReportCase{R"({"registries":[{"registry_id":"r1","revision":0}]})",
                      "registries[0].revision"},
        BadReportCase{R"({"registries":[{"registry_id":"r1","revision":-2}]})",
                      "registries[0].revision"},
        BadReportCase{R"({"registries":[{"registry_id":"r1","revision":1.5}]})",
                      "registries[0].revision"},
        BadReportCase{R"({"registries":[{"registry_id":"r1","revision":"1"}]})",
                      "registries[0].revision"},
        BadReportCase{R"({"registries":[{"registry_id":"","revision":1}]})",
                      "registries[0].registry_id"},
        BadReportCase{
            R"({"registries":[{"registry_id":"r1","revision":1},{"registry_id":"r1","revision":2}]})",
            "registries[1].registry_id"},
        BadReportCase{R"({"registries":[{"registry_id":"r1","revision":1,"x":1}]})",
                      "registries[0].x"},
        BadReportCase{R"({"registries":[{"registry_id":"r1","revision":18446744073709551615}]})",
                      "registries[0].revision"},
        BadReportCase{R"({"registries":[],"agent":"x"})", "agent"}));

TEST(ParseActuationReport, LimitsTheNumberOfEntries) {
  json entries = json::array();
  for (std::size_t i = 0; i <= kMaxActuationsPerReport; ++i) {
    entries.push_back({{"registry_id", "r" + std::to_string(i)}, {"revision", 1}});
  }
  auto report = ParseActuationReport({{"registries", entries}});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().details.at(0).field, "registries");
}

}  // namespace
}  // namespace reghub
