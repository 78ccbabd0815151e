#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/environment.h"
#include "core/environment_json.h"

namespace reghub {
namespace {

using nlohmann::json;

Environment Kubernetes() {
  Environment environment;
  environment.name = "prod-eu";
  environment.kind = EnvironmentKind::kKubernetes;
  environment.api_server_url = "https://k8s.example.com:6443";
  environment.namespaces = {"default", "apps"};
  return environment;
}

// The fields an invalid_argument error names.
std::vector<std::string> Fields(const Status& status) {
  std::vector<std::string> fields;
  if (status.ok()) return fields;
  for (const auto& detail : status.error().details) fields.push_back(detail.field);
  return fields;
}

struct UrlCase {
  std::string url;
  bool valid;
};

class ApiServerUrl : public ::testing::TestWithParam<UrlCase> {};

TEST_P(ApiServerUrl, AcceptsOnlyHttpsUrlsWithAHost) {
  auto problem = CheckApiServerUrl(GetParam().url);
  EXPECT_EQ(!problem.has_value(), GetParam().valid)
      << GetParam().url << ": " << problem.value_or("accepted");
}

INSTANTIATE_TEST_SUITE_P(
    Table, ApiServerUrl,
    ::testing::Values(UrlCase{"https://k8s.example.com", true},
                      UrlCase{"https://k8s.example.com:6443", true},
                      UrlCase{"https://10.0.0.1:6443/", true},
                      UrlCase{"https://[fd00::1]:6443", true},
                      UrlCase{"https://rancher.example.com/k8s/clusters/c-abc", true},
                      UrlCase{"", false}, UrlCase{"http://k8s.example.com", false},
                      UrlCase{"k8s.example.com:6443", false}, UrlCase{"https://", false},
                      UrlCase{"https://:6443", false}, UrlCase{"https://k8s.example.com:0", false},
                      UrlCase{"https://k8s.example.com:65536", false},
                      UrlCase{"https://k8s.example.com:port", false},
                      UrlCase{"https://user:pw@k8s.example.com", false},
                      UrlCase{"https://k8s.example.com/?a=b", false},
                      UrlCase{"https://k8s.example.com/#x", false},
                      UrlCase{"https://k8s example.com", false},
                      UrlCase{"https://k8s.example.com\n", false},
                      UrlCase{"https://[fd00::1", false}, UrlCase{"https://a..b", false},
                      UrlCase{"https://" + std::string(2100, 'a'), false}));

TEST(ValidateEnvironment, AcceptsAKubernetesClusterAndANodeFleet) {
  EXPECT_TRUE(ValidateEnvironment(Kubernetes()).ok());
  Environment nodes;
  nodes.name = "build-machines";
  nodes.kind = EnvironmentKind::kNodes;
  nodes.editor_teams = {"platform"};
  EXPECT_TRUE(ValidateEnvironment(nodes).ok());
}

TEST(ValidateEnvironment, KubernetesRequiresTheApiServerUrl) {
  Environment environment = Kubernetes();
  environment.api_server_url = "";
  EXPECT_EQ(Fields(ValidateEnvironment(environment)), std::vector<std::string>{"api_server_url"});
}

TEST(ValidateEnvironment, NodesRefuseKubernetesFields) {
  Environment environment = Kubernetes();
  environment.kind = EnvironmentKind::kNodes;
  Status status = ValidateEnvironment(environment);
  EXPECT_EQ(Fields(status), (std::vector<std::string>{"api_server_url", "namespaces"}));
  EXPECT_NE(status.error().details[0].message.find("not used by kind \"nodes\""),
            std::string::npos);
}

TEST(ValidateEnvironment, ReportsEveryBadFieldAtOnce) {
  Environment environment = Kubernetes();
  environment.name = "Prod EU";
  environment.namespaces = {"default", "Bad_NS", "default"};
  environment.editor_teams = {"ops", "", "ops"};
  environment.description = std::string("line\x01", 5);
  Status status = ValidateEnvironment(environment);
  EXPECT_EQ(Fields(status),
            (std::vector<std::string>{"name", "description", "namespaces[1]", "namespaces[2]",
                                      "editor_teams[1]", "editor_teams[2]"}));
  EXPECT_NE(status.error().message.find("(and 5 more problems)"), std::string::npos);
}

TEST(ValidateEnvironment, LimitsListLengths) {
  Environment environment = Kubernetes();
  environment.namespaces.assign(kMaxNamespaces + 1, "ns");
  EXPECT_EQ(Fields(ValidateEnvironment(environment)), std::vector<std::string>{"namespaces"});
}

TEST(ParseEnvironmentPatch, ReadsEveryField) {
  auto patch = ParseEnvironmentPatch(json::parse(R"({"name":"prod","kind":"kubernetes",
      "description":"EU\ncluster","api_server_url":"https://k8s:6443","namespaces":["a"],
      "editor_teams":["ops"]})"));
  ASSERT_TRUE(patch.ok()) << patch.error().message;
  EXPECT_EQ(*patch->name, "prod");
  EXPECT_EQ(*patch->kind, EnvironmentKind::kKubernetes);
  EXPECT_EQ(*patch->description, "EU\ncluster");
  EXPECT_EQ(*patch->namespaces, std::vector<std::string>{"a"});
  EXPECT_EQ(*patch->editor_teams, std::vector<std::string>{"ops"});
}

TEST(ParseEnvironmentPatch, RefusesUnknownServerMadeAndMistypedFields) {
  auto patch = ParseEnvironmentPatch(json::parse(
      R"({"id":"x","colour":"red","name":3,"kind":"cluster","namespaces":"default",
          "editor_teams":[1],"description":null})"));
  ASSERT_FALSE(patch.ok());
  std::map<std::string, std::string> messages;
  for (const auto& detail : patch.error().details) messages[detail.field] = detail.message;
  EXPECT_EQ(messages["id"], "unknown field (set by the server)");
  EXPECT_EQ(messages["colour"], "unknown field");
  EXPECT_EQ(messages["name"], "must be a string");
  EXPECT_NE(messages["kind"].find("\"kubernetes\", \"nodes\""), std::string::npos);
  EXPECT_EQ(messages["namespaces"], "must be an array of strings");
  EXPECT_EQ(messages["editor_teams[0]"], "must be a string");
  EXPECT_EQ(messages["description"], "must be a string");
}

TEST(BuildEnvironment, RequiresNameAndKind) {
  auto built = BuildEnvironment({});
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(Fields(built.error()), (std::vector<std::string>{"name", "kind"}));
}

TEST(ApplyEnvironmentPatch, ReplacesGivenFieldsAndKeepsTheKind) {
  Environment current = Kubernetes();
  EnvironmentPatch patch;
  patch.description = "new";
  patch.namespaces = std::vector<std::string>{};
  auto next = ApplyEnvironmentPatch(current, patch);
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->description, "new");
  EXPECT_TRUE(next->namespaces.empty());
  EXPECT_EQ(next->api_server_url, current.api_server_url);

  patch.kind = EnvironmentKind::kNodes;
  auto changed_kind = ApplyEnvironmentPatch(current, patch);
  ASSERT_FALSE(changed_kind.ok());
  EXPECT_EQ(Fields(changed_kind.error()), std::vector<std::string>{"kind"});
}

TEST(EnvironmentToJson, ShowsEveryFieldWithTimestamps) {
  Environment environment = Kubernetes();
  environment.id = "e1";
  environment.created_at = 1'790'000'000;
  environment.updated_at = 1'790'000'060;
  environment.created_by = "admin";
  json rendered = EnvironmentToJson(environment);
  EXPECT_EQ(rendered["kind"], "kubernetes");
  EXPECT_EQ(rendered["namespaces"], json({"default", "apps"}));
  EXPECT_EQ(rendered["created_at"], "2026-09-21T14:13:20Z");
  EXPECT_EQ(rendered["editor_teams"], json::array());
}

}  // namespace
}  // namespace reghub
