// reghub user|team|token against a real `reghub serve`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/cli/cli_runner.h"
#include "support/hub_server.h"

namespace reghub::cli {
namespace {

using reghub::testing::HubServer;
using testing::CliRun;
using testing::CliRunner;
using Json = nlohmann::json;

constexpr char kAlicePassword[] = "alice-password-K2v9qZ";
constexpr char kAliceNewPassword[] = "alice-new-password-R7wP";

std::string Describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "\nstderr:\n" +
         run.err;
}

void ExpectNoPasswords(const CliRun& run) {
  for (const char* secret : {kAlicePassword, kAliceNewPassword, "correct-horse-battery-staple"}) {
    EXPECT_EQ(run.all().find(secret), std::string::npos) << "printed a password: " << run.all();
  }
}

class AccountCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(hub_.Start(), "");
    CliRun login = admin_.Run({"login", "--server", hub_.base_url(), "--username", "admin",
                               "--password-stdin"},
                              hub_.admin_password() + "\n");
    ASSERT_EQ(login.exit_code, 0) << Describe(login);
  }

  CliRun Admin(const std::vector<std::string>& args, const std::string& in = "") {
    CliRun run = admin_.Run(args, in);
    ExpectNoPasswords(run);
    return run;
  }

  HubServer hub_;
  CliRunner admin_;
};

TEST_F(AccountCli, UsersAreCreatedListedDisabledAndDeleted) {
  CliRun created = Admin({"user", "create", "alice", "--display-name", "Alice Doe",
                          "--password-stdin"},
                         std::string(kAlicePassword) + "\n");
  ASSERT_EQ(created.exit_code, 0) << Describe(created);
  EXPECT_NE(created.out.find("Alice Doe"), std::string::npos);

  CliRun listed = Admin({"user", "list"});
  ASSERT_EQ(listed.exit_code, 0) << Describe(listed);
  EXPECT_NE(listed.out.find("USERNAME"), std::string::npos);
  EXPECT_NE(listed.out.find("alice"), std::string::npos);
  CliRun as_json = Admin({"user", "get", "alice", "-o", "json"});
  ASSERT_EQ(as_json.exit_code, 0) << Describe(as_json);
  Json alice = Json::parse(as_json.out);
  EXPECT_EQ(alice["username"], "alice");
  EXPECT_EQ(alice["is_admin"], false);

  CliRunner alice_cli;
  CliRun login = alice_cli.Run({"login", "--server", hub_.base_url(), "--username", "alice",
                                "--password-stdin"},
                               std::string(kAlicePassword) + "\n");
  ASSERT_EQ(login.exit_code, 0) << Describe(login);
  EXPECT_EQ(alice_cli.Run({"user", "list"}).exit_code, 0);
  CliRun refused = alice_cli.Run({"user", "delete", "admin"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("administrator"), std::string::npos) << Describe(refused);

  ASSERT_EQ(Admin({"user", "disable", "alice"}).exit_code, 0);
  CliRun after = alice_cli.Run({"user", "list"});
  EXPECT_EQ(after.exit_code, 1) << "a disabled user's token is refused at once";
  ASSERT_EQ(Admin({"user", "enable", "alice"}).exit_code, 0);
  EXPECT_EQ(alice_cli.Run({"user", "list"}).exit_code, 0);
  CliRun promoted = Admin({"user", "update", "alice", "--admin", "-o", "json"});
  ASSERT_EQ(promoted.exit_code, 0) << Describe(promoted);
  EXPECT_EQ(Json::parse(promoted.out)["is_admin"], true);

  CliRun deleted = Admin({"user", "delete", "alice"});
  ASSERT_EQ(deleted.exit_code, 0) << Describe(deleted);
  EXPECT_EQ(alice_cli.Run({"user", "list"}).exit_code, 1);
  CliRun missing = Admin({"user", "get", "alice"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no user named alice"), std::string::npos) << Describe(missing);
}

TEST_F(AccountCli, PasswordsAreNeverTakenFromAnArgumentAndPasswdChangesOnesOwn) {
  CliRun no_stdin = Admin({"user", "create", "bob"});
  EXPECT_EQ(no_stdin.exit_code, 2) << Describe(no_stdin);
  EXPECT_NE(no_stdin.err.find("--password-stdin"), std::string::npos);
  CliRun weak = Admin({"user", "create", "bob", "--password-stdin"}, "short\n");
  EXPECT_EQ(weak.exit_code, 1);
  EXPECT_NE(weak.err.find("at least 12"), std::string::npos) << Describe(weak);
  ASSERT_EQ(Admin({"user", "create", "bob", "--password-stdin"},
                  std::string(kAlicePassword) + "\n")
                .exit_code,
            0);
  CliRunner bob;
  ASSERT_EQ(bob.Run({"login", "--server", hub_.base_url(), "--username", "bob",
                     "--password-stdin"},
                    std::string(kAlicePassword) + "\n")
                .exit_code,
            0);
  CliRun passwd = bob.Run({"user", "passwd", "--password-stdin"},
                          std::string(kAlicePassword) + "\n" + kAliceNewPassword + "\n");
  ASSERT_EQ(passwd.exit_code, 0) << Describe(passwd);
  ExpectNoPasswords(passwd);
  EXPECT_NE(passwd.out.find("other sessions have ended"), std::string::npos);
  EXPECT_EQ(bob.Run({"user", "list"}).exit_code, 0) << "the changing session stays";
  CliRun old_login = bob.Run({"login", "--server", hub_.base_url(), "--username", "bob",
                              "--password-stdin"},
                             std::string(kAlicePassword) + "\n");
  EXPECT_EQ(old_login.exit_code, 1);
  // An administrator's reset.
  CliRun reset = Admin({"user", "passwd", "bob", "--password-stdin"},
                       std::string(kAlicePassword) + "\n");
  ASSERT_EQ(reset.exit_code, 0) << Describe(reset);
  EXPECT_EQ(bob.Run({"user", "list"}).exit_code, 1) << "a reset ends every session";
}

TEST_F(AccountCli, TeamsAndTheirMembersAreManaged) {
  for (const char* name : {"carol", "dave", "erin"}) {
    ASSERT_EQ(Admin({"user", "create", name, "--password-stdin"},
                    std::string(kAlicePassword) + "\n")
                  .exit_code,
              0);
  }
  CliRun created = Admin({"team", "create", "platform", "--description", "Platform team"});
  ASSERT_EQ(created.exit_code, 0) << Describe(created);
  ASSERT_EQ(Admin({"team", "members", "set", "platform", "carol", "dave"}).exit_code, 0);
  ASSERT_EQ(Admin({"team", "members", "add", "platform", "erin"}).exit_code, 0);
  CliRun removed = Admin({"team", "members", "remove", "platform", "carol", "-o", "json"});
  ASSERT_EQ(removed.exit_code, 0) << Describe(removed);
  Json team = Json::parse(removed.out);
  ASSERT_EQ(team["members"].size(), 2u);
  EXPECT_EQ(team["members"][0]["username"], "dave");
  EXPECT_EQ(team["members"][1]["username"], "erin");

  CliRun listed = Admin({"team", "list"});
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.out.find("MEMBERS"), std::string::npos);
  EXPECT_NE(listed.out.find("platform"), std::string::npos);
  CliRun shown = Admin({"team", "get", "platform"});
  EXPECT_NE(shown.out.find("dave"), std::string::npos) << Describe(shown);
  CliRun unknown = Admin({"team", "members", "add", "platform", "nobody"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no user named nobody"), std::string::npos) << Describe(unknown);
  ASSERT_EQ(Admin({"team", "update", "platform", "--name", "platform-eng"}).exit_code, 0);
  ASSERT_EQ(Admin({"team", "delete", "platform-eng"}).exit_code, 0);
  EXPECT_EQ(Admin({"team", "get", "platform-eng"}).exit_code, 1);
  EXPECT_EQ(Admin({"team", "update", "x"}).exit_code, 2) << "nothing to update is a usage error";
}

TEST_F(AccountCli, ApiTokensAreCreatedOnceUsedAndRevoked) {
  CliRun created = Admin({"token", "create", "ci", "--expires-in-days", "7", "-o", "json"});
  ASSERT_EQ(created.exit_code, 0) << Describe(created);
  Json token = Json::parse(created.out);
  std::string value = token["token"];
  ASSERT_FALSE(value.empty());
  CliRun listed = Admin({"token", "list"});
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_NE(listed.out.find("ci"), std::string::npos);
  EXPECT_EQ(listed.out.find(value), std::string::npos) << "a token is shown only once";

  CliRunner with_token;
  std::map<std::string, std::string> env = {{"REGHUB_SERVER", hub_.base_url()},
                                            {"REGHUB_TOKEN", value}};
  EXPECT_EQ(with_token.Run({"team", "list"}, "", env).exit_code, 0);
  CliRun revoked = Admin({"token", "revoke", token["id"]});
  ASSERT_EQ(revoked.exit_code, 0) << Describe(revoked);
  EXPECT_EQ(with_token.Run({"team", "list"}, "", env).exit_code, 1);
  EXPECT_EQ(Admin({"token", "create", "x", "--expires-in-days", "4000"}).exit_code, 2);
}

}  // namespace
}  // namespace reghub::cli
