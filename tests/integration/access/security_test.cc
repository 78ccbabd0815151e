// No privilege escalation (issue 3, item 8), the creator's window and the
// audit of grant changes, against a real hub.

#include <gtest/gtest.h>

#include "access_hub.h"
#include "core/registry_json.h"
#include "support/route_permissions.h"

namespace reghub::testing {
namespace {

class AccessSecurity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    hub_ = std::make_unique<AccessHub>();
    start_error_ = hub_->Start();
  }
  static void TearDownTestSuite() { hub_.reset(); }
  void SetUp() override { ASSERT_EQ(start_error_, "") << "the hub did not start"; }

  static HttpResponse Send(Caller caller, const std::string& method, const std::string& path,
                           const nlohmann::json& body = nullptr) {
    return hub_->Send(caller, method, path, body.is_null() ? "" : body.dump());
  }
  static std::string R() { return "/api/v1/registries/" + hub_->registry_r(); }

  static std::vector<std::string> ListedIds(Caller caller) {
    HttpResponse listed = Send(caller, "GET", "/api/v1/registries?page_size=500");
    EXPECT_EQ(listed.status, 200) << listed.body;
    std::vector<std::string> ids;
    for (const auto& registry : listed.Json().value("registries", nlohmann::json::array())) {
      ids.push_back(registry.value("id", ""));
    }
    return ids;
  }

  static inline std::unique_ptr<AccessHub> hub_;
  static inline std::string start_error_;
};

TEST_F(AccessSecurity, AnAssignerCannotEditTheRegistryOrItsGrants) {
  HttpResponse before = Send(Caller::kAssigner, "GET", R());
  ASSERT_EQ(before.status, 200);
  const int revision = before.Json().value("revision", 0);
  HttpResponse patched = Send(Caller::kAssigner, "PATCH", R(),
                              {{"revision", revision}, {"display_name", "taken over"}});
  EXPECT_EQ(patched.status, 403) << patched.body;
  nlohmann::json grants = AccessHub::GrantsOfR();
  grants["grants"].push_back({{"subject", {{"kind", "user"}, {"name", "assy"}}}, {"role", "administrator"}});
  HttpResponse escalated = Send(Caller::kAssigner, "PUT", R() + "/grants", grants);
  EXPECT_EQ(escalated.status, 403) << escalated.body;
  EXPECT_EQ(Send(Caller::kAssigner, "DELETE", R()).status, 403);
  EXPECT_EQ(Send(Caller::kAssigner, "PUT", "/api/v1/grants",
                 {{"grants", {{{"subject", {{"kind", "user"}, {"name", "assy"}}},
                               {"role", "hub-administrator"}}}}})
                .status,
            403);
  HttpResponse after = Send(Caller::kHubAdmin, "GET", R());
  EXPECT_EQ(after.Json().value("revision", 0), revision);
  EXPECT_NE(after.Json().value("display_name", ""), "taken over");
  const nlohmann::json own = Send(Caller::kHubAdmin, "GET", R() + "/grants").Json();
  for (const auto& grant : own["grants"]) {
    EXPECT_FALSE(grant["subject"]["name"] == "assy" && grant["role"] == "administrator");
  }
}

TEST_F(AccessSecurity, ViewersSeeNoCredentialMetadataBeyondTheKind) {
  for (Caller caller : {Caller::kViewer, Caller::kConsumer, Caller::kAssigner}) {
    HttpResponse one = Send(caller, "GET", R());
    ASSERT_EQ(one.status, 200) << CallerName(caller);
    EXPECT_EQ(one.Json()["credentials"], nlohmann::json({{"kind", "basic"}})) << CallerName(caller);
    EXPECT_EQ(one.body.find("matrix-robot"), std::string::npos);
    HttpResponse listed = Send(caller, "GET", "/api/v1/registries");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.find("matrix-robot"), std::string::npos) << CallerName(caller);
    const nlohmann::json registries = listed.Json()["registries"];
    ASSERT_FALSE(registries.empty());
    for (const auto& registry : registries) {
      EXPECT_EQ(registry["credentials"].size(), 1u) << CallerName(caller) << ": " << registry.dump();
    }
    HttpResponse revision = Send(caller, "GET", R() + "/revisions/1");
    ASSERT_EQ(revision.status, 200);
    EXPECT_EQ(revision.Json()["registry"]["credentials"], nlohmann::json({{"kind", "basic"}}));
  }
  for (Caller caller : {Caller::kRegistryAdmin, Caller::kHubAdmin}) {
    HttpResponse one = Send(caller, "GET", R());
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.Json()["credentials"].value("username", ""), "matrix-robot") << CallerName(caller);
    EXPECT_FALSE(one.Json()["credentials"].value("fingerprint", "").empty());
  }
  for (Caller caller : AllCallers()) {
    EXPECT_EQ(Send(caller, "GET", R()).body.find("matrix-password-not-shown"), std::string::npos);
  }
}

TEST_F(AccessSecurity, AConsumerOfOneRegistryCannotActOnAnother) {
  EXPECT_EQ(Send(Caller::kOtherConsumer, "GET", "/api/v1/registries/" + hub_->registry_r2()).status, 200);
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", R()},
                                                        {"GET", R() + "/grants"},
                                                        {"GET", R() + "/revisions"},
                                                        {"POST", R() + "/test"},
                                                        {"PATCH", R()},
                                                        {"DELETE", R()}}) {
    HttpResponse response = Send(Caller::kOtherConsumer, method, path, nlohmann::json::object());
    EXPECT_EQ(response.status, 404) << method << " " << path << ": " << response.body;
    // The same answer as for a registry that does not exist.
    EXPECT_EQ(response.Json()["error"]["message"], "registry " + hub_->registry_r() + " not found");
  }
  std::vector<std::string> listed = ListedIds(Caller::kOtherConsumer);
  EXPECT_EQ(listed, std::vector<std::string>{hub_->registry_r2()});
  HttpResponse by_url = Send(Caller::kOtherConsumer, "GET", "/api/v1/registries?url=127.0.0.1:1");
  ASSERT_EQ(by_url.status, 200);
  EXPECT_TRUE(by_url.Json()["registries"].empty());
}

TEST_F(AccessSecurity, AnAgentTokenCannotReadAnotherEnvironmentOrAnythingElse) {
  int agent_routes = 0;
  for (const auto& route : PinnedRoutePermissions()) {
    if (route.permission != service::Permission::kEnvironmentAgent) continue;
    std::string path(route.pattern);
    path.replace(path.find("{id}"), 4, hub_->environment_e2());
    HttpResponse other = hub_->Send(Caller::kAgent, std::string(route.method), path, "{}");
    EXPECT_EQ(other.status, 403) << route.method << " " << path << ": " << other.body;
    ++agent_routes;
  }
  RecordProperty("agent_routes", agent_routes);
  for (const std::string& path : {std::string("/api/v1/registries"), std::string("/api/v1/grants"),
                                  R(), std::string("/api/v1/auth/whoami")}) {
    HttpResponse response = Send(Caller::kAgent, "GET", path);
    EXPECT_EQ(response.status, 403) << path << ": " << response.body;
  }
}

TEST_F(AccessSecurity, TheCreatorSetsTheFirstGrantsWithinTheWindow) {
  // "nobody" creates a registry: for five minutes they administer it.
  HttpResponse created = Send(Caller::kNobody, "POST", "/api/v1/registries",
                              {{"url", "127.0.0.1:3"},
                               {"provider", "generic"},
                               {"access", "public"},
                               {"credentials", {{"kind", "none"}}},
                               {"repositories", {"team/app"}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.Json().value("id", "");
  const std::string path = "/api/v1/registries/" + id;
  auto deadline = ParseTimestamp(created.Json().value("permissions_deadline", ""));
  auto created_at = ParseTimestamp(created.Json().value("created_at", ""));
  ASSERT_TRUE(deadline && created_at);
  EXPECT_EQ(*deadline - *created_at, 300);

  EXPECT_EQ(ListedIds(Caller::kNobody), std::vector<std::string>{id});
  HttpResponse grants = Send(Caller::kNobody, "GET", path + "/grants");
  ASSERT_EQ(grants.status, 200) << grants.body;
  EXPECT_EQ(grants.Json()["pending"], true);
  EXPECT_EQ(grants.Json()["permissions_deadline"], created.Json()["permissions_deadline"]);
  HttpResponse set = Send(Caller::kNobody, "PUT", path + "/grants",
                          {{"grants", {{{"subject", {{"kind", "team"}, {"name", "assigners"}}},
                                        {"role", "viewer"}},
                                       {{"subject", {{"kind", "user"}, {"name", "nobody"}}},
                                        {"role", "administrator"}}}}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["grants"][0]["subject"]["name"], "nobody");
  EXPECT_EQ(set.Json()["grants"][0]["inherited"], false);
  EXPECT_FALSE(set.Json()["grants"][0]["subject"].value("id", "").empty());
  // The team's member now sees it, another user still does not.
  EXPECT_EQ(Send(Caller::kAssigner, "GET", path).status, 200);
  EXPECT_EQ(Send(Caller::kViewer, "GET", path).status, 404);
  EXPECT_EQ(Send(Caller::kViewer, "PUT", path + "/grants", {{"grants", nlohmann::json::array()}}).status,
            404);
  // hub-administrator is a global role only.
  HttpResponse hub_role = Send(Caller::kNobody, "PUT", path + "/grants",
                               {{"grants", {{{"subject", {{"kind", "user"}, {"name", "nobody"}}},
                                             {"role", "hub-administrator"}}}}});
  EXPECT_EQ(hub_role.status, 400);
  EXPECT_NE(hub_role.body.find("grants[0].role"), std::string::npos);
}

TEST_F(AccessSecurity, GrantChangesAreAuditedWithTheGrantsBeforeAndAfter) {
  const std::string r2 = "/api/v1/registries/" + hub_->registry_r2();
  nlohmann::json grants = {{"grants", {{{"subject", {{"kind", "user"}, {"name", "otto"}}}, {"role", "assigner"}}}}};
  ASSERT_EQ(Send(Caller::kHubAdmin, "PUT", r2 + "/grants", grants).status, 200);
  nlohmann::json global = {{"grants", {{{"subject", {{"kind", "team"}, {"name", "assigners"}}}, {"role", "viewer"}}}}};
  ASSERT_EQ(Send(Caller::kHubAdmin, "PUT", "/api/v1/grants", global).status, 200);
  HttpResponse audit = Send(Caller::kHubAdmin, "GET", "/api/v1/audit?page_size=20");
  ASSERT_EQ(audit.status, 200);
  bool registry_seen = false, global_seen = false;
  const nlohmann::json entries = audit.Json()["entries"];
  for (const auto& entry : entries) {
    if (entry.value("action", "") == "registry.grants.replace" &&
        entry.value("target_id", "") == hub_->registry_r2() && !registry_seen) {
      registry_seen = true;
      EXPECT_EQ(entry["details"]["before"][0]["role"], "consumer");
      EXPECT_EQ(entry["details"]["after"][0]["role"], "assigner");
      EXPECT_EQ(entry["details"]["after"][0]["subject"]["name"], "otto");
    }
    if (entry.value("action", "") == "grants.replace" && !global_seen) {
      global_seen = true;
      EXPECT_EQ(entry["details"]["after"][0]["subject"]["name"], "assigners");
    }
  }
  EXPECT_TRUE(registry_seen) << audit.body.substr(0, 2000);
  EXPECT_TRUE(global_seen);
  // The global viewer grant now shows R2 to the assigners' member, marked inherited.
  EXPECT_EQ(Send(Caller::kAssigner, "GET", r2).status, 200);
  HttpResponse listed = Send(Caller::kAssigner, "GET", r2 + "/grants");
  ASSERT_EQ(listed.status, 200);
  bool inherited = false;
  const nlohmann::json listed_grants = listed.Json()["grants"];
  for (const auto& grant : listed_grants) inherited = inherited || grant["inherited"] == true;
  EXPECT_TRUE(inherited);
  // whoami shows the global roles held through the team, and who is a hub administrator.
  const nlohmann::json assigner = Send(Caller::kAssigner, "GET", "/api/v1/auth/whoami").Json();
  EXPECT_EQ(assigner["global_roles"], nlohmann::json::array({"viewer"}));
  EXPECT_EQ(assigner["hub_administrator"], false);
  const nlohmann::json admin = Send(Caller::kHubAdmin, "GET", "/api/v1/auth/whoami").Json();
  EXPECT_EQ(admin["hub_administrator"], true);
  // Restore: no global grants (other tests of this suite expect none).
  ASSERT_EQ(Send(Caller::kHubAdmin, "PUT", "/api/v1/grants", {{"grants", nlohmann::json::array()}}).status,
            200);
}

}  // namespace
}  // namespace reghub::testing
