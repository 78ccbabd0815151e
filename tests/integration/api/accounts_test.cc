// Users, API tokens and passwords against the real hub: who can do what,
// that disabling a user or revoking a token takes effect on the very next
// request, and that no password or token ever comes back.
#include <gtest/gtest.h>

#include <string>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class AccountsApi : public SharedHubTest<AccountsApi> {
 protected:
  // Creates a user with a fresh password and returns {id, password}.
  std::pair<std::string, std::string> CreateUser(const std::string& username,
                                                 bool is_admin = false) {
    std::string password = NewSecret("pw-" + username);
    HttpResponse created = api().Post("/api/v1/users", {{"username", username},
                                                        {"password", password},
                                                        {"display_name", "User " + username},
                                                        {"is_admin", is_admin}});
    EXPECT_EQ(created.status, 201) << created.body;
    return {created.Json().value("id", ""), password};
  }

  std::string LoginAs(const std::string& username, const std::string& password) {
    std::string token = hub().Login(username, password);
    if (!token.empty()) RememberSecret(token);
    return token;
  }

  long WhoamiStatus(const std::string& token) {
    HttpClient client;
    return client.Get(hub().Url("/api/v1/auth/whoami"), token).status;
  }

  HttpResponse Put(ApiClient& client, const std::string& path, const nlohmann::json& body) {
    return client.Raw("PUT", path, body.dump());
  }

  // True when some audit entry has `action` on `target_id`.
  bool Audited(const std::string& action, const std::string& target_id) {
    for (const auto& entry : ListAllAudit(api())) {
      if (entry["action"] == action && entry["target_id"] == target_id) return true;
    }
    return false;
  }
};

TEST_F(AccountsApi, AnAdministratorCreatesAUserWhoCanLogIn) {
  auto [id, password] = CreateUser("alice-login");
  HttpResponse got = api().Get("/api/v1/users/" + id);
  ASSERT_EQ(got.status, 200) << got.body;
  nlohmann::json user = got.Json();
  EXPECT_EQ(user["username"], "alice-login");
  EXPECT_EQ(user["display_name"], "User alice-login");
  EXPECT_EQ(user["is_admin"], false);
  EXPECT_EQ(user["disabled"], false);
  EXPECT_TRUE(user["teams"].is_array());
  EXPECT_FALSE(user.contains("password"));
  EXPECT_FALSE(user.contains("password_hash"));
  std::string token = LoginAs("alice-login", password);
  ASSERT_FALSE(token.empty());
  ApiClient alice(hub(), token);
  HttpResponse whoami = alice.Get("/api/v1/auth/whoami");
  EXPECT_EQ(whoami.Json()["username"], "alice-login");
  // Any signed-in user may list users; only administrators may create them.
  EXPECT_EQ(alice.Get("/api/v1/users").status, 200);
  EXPECT_TRUE(IsApiError(alice.Post("/api/v1/users", {{"username", "mallory"},
                                                       {"password", NewSecret("pw")}}),
                         403, "permission_denied"));
  EXPECT_TRUE(IsApiError(alice.Patch("/api/v1/users/" + id, {{"is_admin", true}}), 403,
                         "permission_denied"));
  EXPECT_TRUE(Audited("user.create", id));
}

TEST_F(AccountsApi, DisablingAUserRefusesTheirTokenOnTheNextRequest) {
  auto [id, password] = CreateUser("bob-disabled");
  std::string token = LoginAs("bob-disabled", password);
  ASSERT_EQ(WhoamiStatus(token), 200);
  HttpResponse disabled = api().Patch("/api/v1/users/" + id, {{"disabled", true}});
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.Json()["disabled"], true);
  EXPECT_EQ(WhoamiStatus(token), 401);
  EXPECT_EQ(hub().Login("bob-disabled", password), "");
  ASSERT_EQ(api().Patch("/api/v1/users/" + id, {{"disabled", false}}).status, 200);
  EXPECT_EQ(WhoamiStatus(token), 200) << "enabling again restores the sessions";
  EXPECT_TRUE(Audited("user.disable", id));
  EXPECT_TRUE(Audited("user.enable", id));
}

TEST_F(AccountsApi, DeletingAUserRefusesTheirTokenOnTheNextRequest) {
  auto [id, password] = CreateUser("carol-deleted");
  std::string token = LoginAs("carol-deleted", password);
  ASSERT_EQ(WhoamiStatus(token), 200);
  HttpResponse deleted = api().Delete("/api/v1/users/" + id);
  ASSERT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_EQ(WhoamiStatus(token), 401);
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/users/" + id), 404, "not_found"));
  EXPECT_TRUE(Audited("user.delete", id));
}

TEST_F(AccountsApi, AnAdministratorCannotDeleteOrDisableThemselvesNorTheLastAdministrator) {
  std::string admin_id;
  nlohmann::json users = api().Get("/api/v1/users?page_size=500").Json();
  for (const auto& user : users["users"]) {
    if (user["username"] == "admin") admin_id = user["id"];
  }
  ASSERT_FALSE(admin_id.empty());
  EXPECT_TRUE(IsApiError(api().Delete("/api/v1/users/" + admin_id), 400, "failed_precondition"));
  EXPECT_TRUE(IsApiError(api().Patch("/api/v1/users/" + admin_id, {{"disabled", true}}), 400,
                         "failed_precondition"));
  // No test of this suite makes a second administrator: admin is the last one.
  HttpResponse demoted = api().Patch("/api/v1/users/" + admin_id, {{"is_admin", false}});
  EXPECT_TRUE(IsApiError(demoted, 400, "failed_precondition"));
  EXPECT_NE(demoted.Json()["error"]["message"].get<std::string>().find("administrator"),
            std::string::npos);
  EXPECT_EQ(WhoamiStatus(hub().AdminToken()), 200);
}

TEST_F(AccountsApi, ApiTokensAreShownOnceListedAndRevokedAtOnce) {
  auto [id, password] = CreateUser("dave-tokens");
  std::string session = LoginAs("dave-tokens", password);
  ApiClient dave(hub(), session);
  HttpResponse created = dave.Post("/api/v1/tokens", {{"name", "ci"}, {"expires_in_days", 30}});
  ASSERT_EQ(created.status, 201) << created.body;
  nlohmann::json token = created.Json();
  std::string value = token.value("token", "");
  ASSERT_FALSE(value.empty());
  RememberSecret(value);
  EXPECT_TRUE(token["expires_at"].is_string());
  EXPECT_EQ(WhoamiStatus(value), 200);

  HttpResponse listed = dave.Get("/api/v1/tokens");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.Json()["tokens"].size(), 1u);
  EXPECT_EQ(listed.Json()["tokens"][0]["name"], "ci");
  EXPECT_FALSE(listed.Json()["tokens"][0].contains("token"));
  EXPECT_TRUE(api().Get("/api/v1/tokens").Json()["tokens"].empty()) << "only one's own";

  // Another user cannot revoke it (and does not learn it exists).
  auto [other_id, other_password] = CreateUser("erin-other");
  ApiClient erin(hub(), LoginAs("erin-other", other_password));
  EXPECT_TRUE(IsApiError(erin.Delete("/api/v1/tokens/" + token["id"].get<std::string>()), 404,
                         "not_found"));
  HttpResponse revoked = dave.Delete("/api/v1/tokens/" + token["id"].get<std::string>());
  ASSERT_EQ(revoked.status, 204) << revoked.body;
  EXPECT_EQ(WhoamiStatus(value), 401);
  EXPECT_TRUE(dave.Get("/api/v1/tokens").Json()["tokens"].empty());
  EXPECT_TRUE(Audited("token.create", token["id"]));
  EXPECT_TRUE(Audited("token.revoke", token["id"]));
}

TEST_F(AccountsApi, AnAdministratorRevokesAnyonesApiToken) {
  auto [id, password] = CreateUser("frank-admin-revoke");
  ApiClient frank(hub(), LoginAs("frank-admin-revoke", password));
  nlohmann::json token = frank.Post("/api/v1/tokens", {{"name", "laptop"}}).Json();
  RememberSecret(token.value("token", ""));
  EXPECT_TRUE(token["expires_at"].is_null());
  ASSERT_EQ(api().Delete("/api/v1/tokens/" + token.value("id", "")).status, 204);
  EXPECT_EQ(WhoamiStatus(token.value("token", "")), 401);
}

TEST_F(AccountsApi, ChangingOnesPasswordEndsTheOtherSessions) {
  auto [id, password] = CreateUser("gina-password");
  std::string first = LoginAs("gina-password", password);
  std::string second = LoginAs("gina-password", password);
  ApiClient gina(hub(), first);
  nlohmann::json api_token = gina.Post("/api/v1/tokens", {{"name", "script"}}).Json();
  RememberSecret(api_token.value("token", ""));
  std::string next = NewSecret("pw-next");
  EXPECT_TRUE(IsApiError(Put(gina, "/api/v1/auth/password",
                             {{"current_password", NewSecret("wrong")}, {"new_password", next}}),
                         400, "invalid_argument"));
  EXPECT_TRUE(IsApiError(Put(gina, "/api/v1/auth/password",
                             {{"current_password", password}, {"new_password", "short"}}),
                         400, "invalid_argument"));
  HttpResponse changed =
      Put(gina, "/api/v1/auth/password", {{"current_password", password}, {"new_password", next}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(WhoamiStatus(first), 200) << "the session that changed it stays";
  EXPECT_EQ(WhoamiStatus(second), 401);
  EXPECT_EQ(WhoamiStatus(api_token.value("token", "")), 200) << "API tokens stay";
  EXPECT_EQ(hub().Login("gina-password", password), "");
  EXPECT_FALSE(LoginAs("gina-password", next).empty());
  EXPECT_TRUE(Audited("user.password_change", id));
}

TEST_F(AccountsApi, AnAdministratorsPasswordResetEndsAllSessions) {
  auto [id, password] = CreateUser("hank-reset");
  std::string session = LoginAs("hank-reset", password);
  std::string reset = NewSecret("pw-reset");
  HttpResponse patched = api().Patch("/api/v1/users/" + id, {{"password", reset}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(patched.Json()["password_changed_at"].is_string());
  EXPECT_EQ(WhoamiStatus(session), 401);
  EXPECT_FALSE(LoginAs("hank-reset", reset).empty());
  EXPECT_TRUE(Audited("user.password_reset", id));
}

TEST_F(AccountsApi, BadUserInputIsRefusedWithFieldMessagesAndChangesNothing) {
  std::size_t users_before = api().Get("/api/v1/users?page_size=500").Json()["users"].size();
  std::size_t audit_before = ListAllAudit(api()).size();
  std::string password = NewSecret("pw-bad");
  struct Case {
    nlohmann::json body;
    std::string field;
  };
  const Case cases[] = {
      {{{"username", std::string(65, 'a')}, {"password", password}}, "username"},
      {{{"username", "Upper"}, {"password", password}}, "username"},
      {{{"username", "has space"}, {"password", password}}, "username"},
      {{{"username", "-dash"}, {"password", password}}, "username"},
      {{{"password", password}}, "username"},
      {{{"username", "okname"}}, "password"},
      {{{"username", "okname"}, {"password", "short"}}, "password"},
      {{{"username", "okname"}, {"password", password}, {"is_admin", "yes"}}, "is_admin"},
      {{{"username", "okname"}, {"password", password}, {"role", "admin"}}, "role"},
      {{{"username", "okname"}, {"password", password}, {"display_name", std::string(201, 'x')}},
       "display_name"},
      {{{"username", "okname"}, {"password", password}, {"display_name", "bell\a"}},
       "display_name"},
  };
  for (const Case& c : cases) {
    HttpResponse response = api().Post("/api/v1/users", c.body);
    EXPECT_TRUE(IsApiError(response, 400, "invalid_argument")) << c.body.dump();
    EXPECT_TRUE(ErrorNamesField(response, c.field)) << c.body.dump() << " " << response.body;
    EXPECT_EQ(response.body.find(password), std::string::npos);
  }
  EXPECT_TRUE(IsApiError(api().Raw("POST", "/api/v1/users", "{\"username\":"), 400,
                         "invalid_argument"));
  std::string huge = "{\"username\":\"big\",\"password\":\"" + std::string(2 << 20, 'p') + "\"}";
  EXPECT_TRUE(IsApiError(api().Raw("POST", "/api/v1/users", huge), 413, "payload_too_large"));
  // A taken username.
  CreateUser("ivy-taken");
  HttpResponse taken = api().Post("/api/v1/users", {{"username", "ivy-taken"},
                                                    {"password", password}});
  EXPECT_TRUE(IsApiError(taken, 409, "already_exists"));
  EXPECT_TRUE(ErrorNamesField(taken, "username"));
  EXPECT_EQ(api().Get("/api/v1/users?page_size=500").Json()["users"].size(), users_before + 1);
  EXPECT_EQ(ListAllAudit(api()).size(), audit_before + 1) << "only ivy-taken's creation";
  // Patches and tokens refuse bad input too.
  EXPECT_TRUE(ErrorNamesField(api().Patch("/api/v1/users/nope", {{"disabled", "no"}}), "disabled"));
  EXPECT_TRUE(IsApiError(api().Patch("/api/v1/users/nope", {{"disabled", true}}), 404, "not_found"));
  EXPECT_TRUE(ErrorNamesField(api().Post("/api/v1/tokens", {{"name", ""}}), "name"));
  EXPECT_TRUE(ErrorNamesField(
      api().Post("/api/v1/tokens", {{"name", "x"}, {"expires_in_days", 3651}}), "expires_in_days"));
  EXPECT_TRUE(ErrorNamesField(
      api().Post("/api/v1/tokens", {{"name", "x"}, {"expires_in_days", 1.5}}), "expires_in_days"));
  EXPECT_TRUE(ErrorNamesField(
      api().Post("/api/v1/tokens", {{"name", std::string(101, 't')}}), "name"));
  EXPECT_TRUE(api().Get("/api/v1/tokens").Json()["tokens"].empty());
}

TEST_F(AccountsApi, NoPasswordOrTokenAppearsInTheAuditLogOrTheServerLog) {
  auto [id, password] = CreateUser("jill-secrets");
  ApiClient jill(hub(), LoginAs("jill-secrets", password));
  RememberSecret(jill.Post("/api/v1/tokens", {{"name", "t"}}).Json().value("token", ""));
  std::string audit = api().Get("/api/v1/audit?page_size=500").body;
  EXPECT_EQ(SecretsIn(audit), std::vector<std::string>{});
  EXPECT_EQ(SecretsIn(hub().LogText()), std::vector<std::string>{});
}

}  // namespace
}  // namespace reghub::testing
