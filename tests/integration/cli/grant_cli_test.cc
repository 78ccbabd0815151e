// `reghub grant list|set|add|remove` (the real binary) against a real hub.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/cli/cli_runner.h"
#include "support/hub_server.h"

namespace reghub::cli {
namespace {

using Json = nlohmann::json;
using reghub::testing::HubServer;
using testing::CliRun;
using testing::CliRunner;

std::string Describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "\nstderr:\n" +
         run.err;
}

class GrantCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(hub_.Start(), "");
    CliRun login = cli_.Run(
        {"login", "--server", hub_.base_url(), "--username", "admin", "--password-stdin"},
        hub_.admin_password() + "\n");
    ASSERT_EQ(login.exit_code, 0) << Describe(login);
    CliRun created = cli_.Run({"registry", "create", "--url", "grants.example.com", "--access",
                               "public", "--repository", "team/app"});
    ASSERT_EQ(created.exit_code, 0) << Describe(created);
  }

  // The grants as the hub answers them, through `grant list -o json`.
  Json List(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"grant", "list", "-o", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliRun run = cli_.Run(args);
    EXPECT_EQ(run.exit_code, 0) << Describe(run);
    return Json::parse(run.out, nullptr, false);
  }

  HubServer hub_;
  CliRunner cli_;
};

TEST_F(GrantCli, AddSetAndRemoveARegistryGrant) {
  CliRun added = cli_.Run({"grant", "add", "--registry", "grants.example.com", "--user", "admin",
                           "--role", "viewer"});
  ASSERT_EQ(added.exit_code, 0) << Describe(added);
  EXPECT_NE(added.out.find("ROLE"), std::string::npos) << added.out;
  EXPECT_NE(added.out.find("viewer"), std::string::npos) << added.out;
  EXPECT_NE(added.out.find("Permissions deadline:"), std::string::npos) << added.out;

  CliRun more = cli_.Run({"grant", "add", "--registry", "grants.example.com", "--user", "admin",
                          "--role", "consumer"});
  ASSERT_EQ(more.exit_code, 0) << Describe(more);
  Json two = List({"--registry", "grants.example.com"});
  ASSERT_EQ(two["grants"].size(), 2u) << two.dump();
  EXPECT_EQ(two["pending"], true);

  CliRun set = cli_.Run({"grant", "set", "--registry", "grants.example.com", "--user", "admin",
                         "--role", "administrator", "-o", "yaml"});
  ASSERT_EQ(set.exit_code, 0) << Describe(set);
  EXPECT_NE(set.out.find("role: administrator"), std::string::npos) << set.out;
  Json one = List({"--registry", "grants.example.com"});
  ASSERT_EQ(one["grants"].size(), 1u) << one.dump();
  EXPECT_EQ(one["grants"][0]["role"], "administrator");
  EXPECT_EQ(one["grants"][0]["subject"]["name"], "admin");

  CliRun removed = cli_.Run({"grant", "remove", "--registry", "grants.example.com", "--user", "admin"});
  ASSERT_EQ(removed.exit_code, 0) << Describe(removed);
  EXPECT_TRUE(List({"--registry", "grants.example.com"})["grants"].empty());

  CliRun nothing = cli_.Run({"grant", "remove", "--registry", "grants.example.com", "--user", "admin"});
  EXPECT_EQ(nothing.exit_code, 1) << Describe(nothing);
  EXPECT_NE(nothing.err.find("holds no grant"), std::string::npos) << nothing.err;
}

TEST_F(GrantCli, GlobalGrantsWithoutARegistry) {
  CliRun added = cli_.Run({"grant", "add", "--user", "admin", "--role", "hub-administrator"});
  ASSERT_EQ(added.exit_code, 0) << Describe(added);
  Json global = List();
  ASSERT_EQ(global["grants"].size(), 1u) << global.dump();
  EXPECT_EQ(global["grants"][0]["role"], "hub-administrator");
  EXPECT_FALSE(global.contains("permissions_deadline"));
  // The registry's view shows it, inherited.
  Json registry = List({"--registry", "grants.example.com"});
  ASSERT_EQ(registry["grants"].size(), 1u);
  EXPECT_EQ(registry["grants"][0]["inherited"], true);
  CliRun table = cli_.Run({"grant", "list", "--registry", "grants.example.com"});
  EXPECT_NE(table.out.find("global"), std::string::npos) << table.out;
}

TEST_F(GrantCli, RefusesUnknownSubjectsRolesAndMissingFlags) {
  CliRun team = cli_.Run({"grant", "add", "--team", "ghosts", "--role", "viewer"});
  EXPECT_EQ(team.exit_code, 1) << Describe(team);
  EXPECT_NE(team.err.find("no team named \"ghosts\""), std::string::npos) << team.err;
  CliRun role = cli_.Run({"grant", "add", "--user", "admin", "--role", "owner"});
  EXPECT_EQ(role.exit_code, 1) << Describe(role);
  EXPECT_NE(role.err.find("role"), std::string::npos) << role.err;
  CliRun hub_role = cli_.Run({"grant", "add", "--registry", "grants.example.com", "--user", "admin",
                              "--role", "hub-administrator"});
  EXPECT_EQ(hub_role.exit_code, 1) << Describe(hub_role);
  EXPECT_EQ(cli_.Run({"grant", "add", "--role", "viewer"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"grant", "add", "--user", "admin"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"grant", "add", "--user", "a", "--team", "b", "--role", "viewer"}).exit_code, 2);
  EXPECT_EQ(cli_.Run({"grant", "list", "--registry", "nowhere.example.com"}).exit_code, 1);
  EXPECT_TRUE(List()["grants"].empty());
}

}  // namespace
}  // namespace reghub::cli
