#include <gtest/gtest.h>

#include <string>

#include "cli/environment_output.h"

namespace reghub::cli {
namespace {

Json Environment() {
  return Json::parse(R"({"id":"e1","name":"prod","kind":"kubernetes","description":"",
    "api_server_url":"https://k8s:6443","namespaces":["apps","web"],"editor_teams":["ops"],
    "created_at":"2026-11-27T01:00:00Z","created_by":"admin","updated_at":"2026-11-27T01:00:00Z",
    "attachments":[{"registry_id":"r1","url":"quay.io","display_name":"","latest_revision":2,
      "actuated_revision":1,"actuated_at":"2026-11-27T01:05:00Z","up_to_date":false,
      "attached_at":"2026-11-27T01:01:00Z","attached_by":"admin",
      "injection":{"inject":true,"secret_source":"generated","secret_name":"reghub-quay.io"}},
     {"registry_id":"r2","url":"ghcr.io","latest_revision":1,"actuated_revision":0,
      "up_to_date":false,"injection":{"inject":false,"secret_source":"existing","secret_name":"rc"}}]})");
}

TEST(EnvironmentListTable, ShowsOneRowPerEnvironmentWithDashesForEmptyLists) {
  Json nodes = {{"id", "e2"}, {"name", "builders"}, {"kind", "nodes"}, {"api_server_url", ""},
                {"namespaces", Json::array()}, {"editor_teams", Json::array()}};
  std::string table = EnvironmentListTable(Json::array({Environment(), nodes}));
  EXPECT_EQ(table,
            "NAME      KIND        API SERVER        NAMESPACES  EDITOR TEAMS  ID\n"
            "prod      kubernetes  https://k8s:6443  apps, web   ops           e1\n"
            "builders  nodes       -                 -           -             e2\n");
}

TEST(EnvironmentDetails, ListsAttachmentsWithLatestAndActuatedRevisions) {
  std::string text = EnvironmentDetails(Environment());
  EXPECT_NE(text.find("API server:"), std::string::npos) << text;
  EXPECT_NE(text.find("REGISTRY  LATEST  ACTUATED  UP TO DATE  INJECT  SECRET"), std::string::npos)
      << text;
  EXPECT_NE(text.find("quay.io   2       1         no          yes     generated reghub-quay.io"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("ghcr.io   1       none yet  no          no      existing rc"),
            std::string::npos)
      << text;
}

TEST(EnvironmentDetails, SaysSoWhenNothingIsAttached) {
  Json environment = Environment();
  environment["attachments"] = Json::array();
  EXPECT_NE(EnvironmentDetails(environment).find("No registries attached."), std::string::npos);
}

TEST(AgentTokens, ListNeverAndShowTheNewTokenOnce) {
  Json tokens = Json::parse(R"([{"id":"t1","name":"agent","created_at":"2026-11-27T01:00:00Z",
                                 "created_by":"admin","expires_at":null}])");
  EXPECT_EQ(AgentTokensTable(tokens),
            "ID  NAME   CREATED BY  CREATED AT            EXPIRES\n"
            "t1  agent  admin       2026-11-27T01:00:00Z  never\n");
  Json created = tokens[0];
  created["token"] = "rh_secret";
  std::string text = CreatedAgentTokenText(created);
  EXPECT_NE(text.find("rh_secret"), std::string::npos);
  EXPECT_NE(text.find("shown only now"), std::string::npos);
}

TEST(InjectionPolicyDetails, ShowsThePolicyAndItsEffectPerEnvironment) {
  Json policy = Json::parse(R"({"registry_id":"r1","mode":"only","environments":["prod"],
    "secret":{"source":"existing","name":"regcred"},"default":false,
    "updated_at":"2026-11-27T01:00:00Z","updated_by":"admin",
    "effective":[{"environment":"prod","attached":true,"inject":true,"secret_source":"existing",
                  "secret_name":"regcred"},
                 {"environment":"dev","attached":false,"inject":false,"secret_source":"existing",
                  "secret_name":"regcred"}]})");
  std::string text = InjectionPolicyDetails(policy);
  EXPECT_NE(text.find("Mode:"), std::string::npos) << text;
  EXPECT_NE(text.find("existing regcred"), std::string::npos) << text;
  EXPECT_NE(text.find("prod         yes       yes     existing regcred"), std::string::npos) << text;
  EXPECT_NE(text.find("dev          no        no      existing regcred"), std::string::npos) << text;
}

TEST(DesiredStateTable, ShowsEachRegistryAtItsRevision) {
  Json state = Json::parse(R"({"environment":{"name":"prod","kind":"kubernetes"},
    "registries":[{"url":"quay.io","revision":3,"credentials":{"kind":"basic"},
                   "injection":{"inject":true,"secret_source":"generated","secret_name":"s"}}]})");
  EXPECT_EQ(DesiredStateTable(state),
            "Environment prod (kubernetes)\n"
            "REGISTRY  REVISION  CREDENTIALS  INJECT  SECRET\n"
            "quay.io   3         basic        yes     generated s\n");
}

}  // namespace
}  // namespace reghub::cli
