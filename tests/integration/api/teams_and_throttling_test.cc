// Teams and login throttling against the real hub.
#include <gtest/gtest.h>

#include <string>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class TeamsApi : public SharedHubTest<TeamsApi> {
 protected:
  std::string CreateUser(const std::string& username) {
    HttpResponse created =
        api().Post("/api/v1/users", {{"username", username}, {"password", NewSecret("pw")}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", "");
  }
  HttpResponse SetMembers(const std::string& team_id, const nlohmann::json& members) {
    return api().Raw("PUT", "/api/v1/teams/" + team_id + "/members",
                     nlohmann::json{{"members", members}}.dump());
  }
};

TEST_F(TeamsApi, TeamsAreCreatedGivenMembersListedAndDeleted) {
  std::string alice = CreateUser("t-alice");
  CreateUser("t-bob");
  HttpResponse created =
      api().Post("/api/v1/teams", {{"name", "platform"}, {"description", "Platform team"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json()["id"];
  HttpResponse members = SetMembers(id, {"t-bob", "t-alice"});
  ASSERT_EQ(members.status, 200) << members.body;
  nlohmann::json team = members.Json();
  EXPECT_EQ(team["member_count"], 2);
  ASSERT_EQ(team["members"].size(), 2u);
  EXPECT_EQ(team["members"][0]["username"], "t-alice");
  EXPECT_EQ(team["members"][0]["id"], alice);

  nlohmann::json listed = api().Get("/api/v1/teams").Json();
  bool found = false;
  for (const auto& item : listed["teams"]) {
    if (item["id"] == id) {
      found = true;
      EXPECT_EQ(item["member_count"], 2);
      EXPECT_EQ(item["description"], "Platform team");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(api().Get("/api/v1/users/" + alice).Json()["teams"], nlohmann::json::array({"platform"}));

  HttpResponse renamed = api().Patch("/api/v1/teams/" + id, {{"name", "platform-eng"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json()["name"], "platform-eng");
  ASSERT_EQ(SetMembers(id, {"t-bob"}).status, 200);
  EXPECT_EQ(api().Get("/api/v1/teams/" + id).Json()["member_count"], 1);

  bool audited = false;
  for (const auto& entry : ListAllAudit(api())) {
    if (entry["action"] == "team.members_set" && entry["target_id"] == id &&
        entry["details"]["removed"] == nlohmann::json::array({"t-alice"})) {
      audited = true;
    }
  }
  EXPECT_TRUE(audited) << "membership changes are audited with who was added and removed";
  ASSERT_EQ(api().Delete("/api/v1/teams/" + id).status, 204);
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/teams/" + id), 404, "not_found"));
  EXPECT_TRUE(api().Get("/api/v1/users/" + alice).Json()["teams"].empty());
}

TEST_F(TeamsApi, OnlyAdministratorsChangeTeamsButEveryoneReadsThem) {
  std::string password = NewSecret("pw-reader");
  ASSERT_EQ(api().Post("/api/v1/users", {{"username", "t-reader"}, {"password", password}}).status,
            201);
  std::string id = api().Post("/api/v1/teams", {{"name", "readers"}}).Json()["id"];
  std::string token = hub().Login("t-reader", password);
  RememberSecret(token);
  ApiClient reader(hub(), token);
  EXPECT_EQ(reader.Get("/api/v1/teams").status, 200);
  EXPECT_EQ(reader.Get("/api/v1/teams/" + id).status, 200);
  EXPECT_TRUE(IsApiError(reader.Post("/api/v1/teams", {{"name", "mine"}}), 403, "permission_denied"));
  EXPECT_TRUE(IsApiError(reader.Patch("/api/v1/teams/" + id, {{"name", "x"}}), 403,
                         "permission_denied"));
  EXPECT_TRUE(IsApiError(reader.Raw("PUT", "/api/v1/teams/" + id + "/members",
                                    R"({"members":["t-reader"]})"),
                         403, "permission_denied"));
  EXPECT_TRUE(IsApiError(reader.Delete("/api/v1/teams/" + id), 403, "permission_denied"));
  EXPECT_EQ(api().Get("/api/v1/teams/" + id).Json()["member_count"], 0);
}

TEST_F(TeamsApi, BadTeamInputIsRefusedWithFieldMessagesAndChangesNothing) {
  std::string id = api().Post("/api/v1/teams", {{"name", "bad-input"}}).Json()["id"];
  std::size_t audit_before = ListAllAudit(api()).size();
  EXPECT_TRUE(ErrorNamesField(api().Post("/api/v1/teams", {{"name", "Bad Name"}}), "name"));
  EXPECT_TRUE(ErrorNamesField(api().Post("/api/v1/teams", {{"name", std::string(65, 'x')}}), "name"));
  EXPECT_TRUE(ErrorNamesField(api().Post("/api/v1/teams", {{"description", "no name"}}), "name"));
  EXPECT_TRUE(ErrorNamesField(api().Post("/api/v1/teams", {{"name", "x"}, {"owner", "me"}}), "owner"));
  EXPECT_TRUE(ErrorNamesField(
      api().Post("/api/v1/teams", {{"name", "x"}, {"description", std::string(2001, 'd')}}),
      "description"));
  HttpResponse taken = api().Post("/api/v1/teams", {{"name", "bad-input"}});
  EXPECT_TRUE(IsApiError(taken, 409, "already_exists"));
  HttpResponse unknown = SetMembers(id, {"nobody-here"});
  EXPECT_TRUE(IsApiError(unknown, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(unknown, "members[0]"));
  EXPECT_TRUE(ErrorNamesField(SetMembers(id, {"ok", 42}), "members[1]"));
  EXPECT_TRUE(ErrorNamesField(SetMembers(id, "alice"), "members"));
  EXPECT_TRUE(ErrorNamesField(api().Raw("PUT", "/api/v1/teams/" + id + "/members", "{}"), "members"));
  EXPECT_EQ(ListAllAudit(api()).size(), audit_before);
  EXPECT_EQ(api().Get("/api/v1/teams/" + id).Json()["member_count"], 0);
}

// Throttling counts failures per source address across all tests of a hub,
// so each test here gets a hub of its own.
class LoginThrottling : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(hub_.Start(), ""); }
  HttpResponse Login(const std::string& username, const std::string& password) {
    return client_.SendJson("POST", hub_.Url("/api/v1/auth/login"),
                            {{"username", username}, {"password", password}});
  }
  HubServer hub_;
  HttpClient client_;
};

TEST_F(LoginThrottling, FiveFailuresForAUserGive429WithRetryAfterEvenForTheRightPassword) {
  std::string wrong = NewSecret("wrong");
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(IsApiError(Login("admin", wrong), 401, "unauthenticated")) << "attempt " << i;
  }
  HttpResponse throttled = Login("admin", hub_.admin_password());
  EXPECT_TRUE(IsApiError(throttled, 429, "too_many_requests"));
  std::string retry_after = throttled.Header("retry-after");
  ASSERT_FALSE(retry_after.empty());
  EXPECT_GT(std::stoi(retry_after), 800);
  EXPECT_LE(std::stoi(retry_after), 900);
  EXPECT_NE(throttled.Json()["error"]["message"].get<std::string>().find("try again in"),
            std::string::npos);
  // Another user from the same address is not throttled yet.
  EXPECT_TRUE(IsApiError(Login("someone", wrong), 401, "unauthenticated"));
  EXPECT_EQ(SecretsIn(hub_.LogText()), std::vector<std::string>{});
}

TEST_F(LoginThrottling, TwentyFailuresFromOneAddressThrottleEveryUsernameAndAreAudited) {
  std::string admin_token = hub_.AdminToken();
  ASSERT_FALSE(admin_token.empty());
  std::string wrong = NewSecret("wrong");
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(Login("user" + std::to_string(i), wrong).status, 401) << "attempt " << i;
  }
  EXPECT_TRUE(IsApiError(Login("fresh-user", wrong), 429, "too_many_requests"));
  HttpResponse admin = Login("admin", hub_.admin_password());
  EXPECT_TRUE(IsApiError(admin, 429, "too_many_requests"));
  EXPECT_NE(admin.Json()["error"]["message"].get<std::string>().find("127.0.0.1"),
            std::string::npos);
  ApiClient api(hub_, admin_token);
  bool audited = false;
  for (const auto& entry : ListAllAudit(api)) {
    if (entry["action"] == "auth.login_throttled" && entry["details"]["username"] == "admin") {
      audited = true;
    }
  }
  EXPECT_TRUE(audited);
}

}  // namespace
}  // namespace reghub::testing
