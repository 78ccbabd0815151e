// `reghub env …` as a user runs it against a real `reghub serve`.
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

std::string Describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "\nstderr:\n" +
         run.err;
}

class EnvironmentCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string started = server_.Start();
    ASSERT_EQ(started, "") << started;
    CliRun login = cli_.Run(
        {"login", "--server", server_.base_url(), "--username", "admin", "--password-stdin"},
        server_.admin_password() + "\n");
    ASSERT_EQ(login.exit_code, 0) << Describe(login);
  }

  CliRun Ok(const std::vector<std::string>& args,
            const std::map<std::string, std::string>& env = {}) {
    CliRun run = cli_.Run(args, "", env);
    EXPECT_EQ(run.exit_code, 0) << Describe(run);
    return run;
  }

  Json OkJson(const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env = {}) {
    CliRun run = Ok(args, env);
    Json json = Json::parse(run.out, nullptr, false);
    EXPECT_FALSE(json.is_discarded()) << run.out;
    return json;
  }

  HubServer server_;
  CliRunner cli_;
};

TEST_F(EnvironmentCli, CreatesAttachesReportsAndShowsRevisions) {
  Ok({"registry", "create", "--url", "quay.io", "--provider", "quay", "--access", "public",
      "--repository", "coreos/etcd"});
  Json created = OkJson({"env", "create", "prod-eu", "--kind", "kubernetes", "--api-server-url",
                         "https://k8s.example.com:6443", "--namespace", "apps", "--namespace",
                         "web", "--description", "EU cluster", "-o", "json"});
  EXPECT_EQ(created["namespaces"], Json({"apps", "web"}));
  Ok({"env", "create", "builders", "--kind", "nodes"});

  CliRun listed = Ok({"env", "list"});
  EXPECT_NE(listed.out.find("NAME"), std::string::npos);
  EXPECT_NE(listed.out.find("prod-eu"), std::string::npos);
  EXPECT_NE(listed.out.find("builders"), std::string::npos);

  CliRun attached = Ok({"env", "attach", "prod-eu", "quay.io"});
  EXPECT_NE(attached.out.find("attached quay.io to prod-eu"), std::string::npos) << attached.out;
  CliRun shown = Ok({"env", "get", "prod-eu"});
  EXPECT_NE(shown.out.find("UP TO DATE"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("none yet"), std::string::npos) << shown.out;

  Json token = OkJson({"env", "token", "create", "prod-eu", "--name", "cluster-agent", "-o", "json"});
  ASSERT_TRUE(token["token"].is_string());
  CliRun tokens = Ok({"env", "token", "list", "prod-eu"});
  EXPECT_NE(tokens.out.find("cluster-agent"), std::string::npos);
  EXPECT_EQ(tokens.out.find(token["token"].get<std::string>()), std::string::npos);

  // The agent's view, with its own token.
  std::map<std::string, std::string> agent_env = {{"REGHUB_TOKEN", token["token"]}};
  Json state = OkJson({"env", "desired-state", created["id"], "-o", "json"}, agent_env);
  ASSERT_EQ(state["registries"].size(), 1u);
  EXPECT_EQ(state["registries"][0]["url"], "quay.io");
  CliRun refused = cli_.Run({"env", "list"}, "", agent_env);
  EXPECT_EQ(refused.exit_code, 1) << Describe(refused);

  Ok({"env", "injection", "set", "quay.io", "--mode", "only", "--environment", "prod-eu",
      "--secret-source", "existing", "--secret-name", "regcred"});
  CliRun policy = Ok({"env", "injection", "get", "quay.io"});
  EXPECT_NE(policy.out.find("existing regcred"), std::string::npos) << policy.out;
  EXPECT_NE(policy.out.find("builders"), std::string::npos) << policy.out;
  CliRun bad_policy = cli_.Run({"env", "injection", "set", "quay.io", "--mode", "only",
                                "--secret-source", "existing", "--secret-name", "Bad_Name"});
  EXPECT_EQ(bad_policy.exit_code, 1);
  EXPECT_NE(bad_policy.err.find("secret.name"), std::string::npos) << Describe(bad_policy);

  Json of_registry = OkJson({"env", "of-registry", "quay.io", "-o", "json"});
  EXPECT_EQ(of_registry["environments"][0]["environment"], "prod-eu");

  Ok({"env", "update", "prod-eu", "--no-namespaces", "--description", "all namespaces"});
  EXPECT_EQ(OkJson({"env", "get", "prod-eu", "-o", "json"})["namespaces"], Json::array());
  Ok({"env", "token", "revoke", "prod-eu", "cluster-agent"});
  EXPECT_EQ(cli_.Run({"env", "desired-state", created["id"]}, "", agent_env).exit_code, 1);
  Ok({"env", "detach", "prod-eu", "quay.io"});
  Ok({"env", "delete", "builders"});
  EXPECT_EQ(OkJson({"env", "list", "-o", "json"}).size(), 1u);
}

TEST_F(EnvironmentCli, BadInputIsAUsageOrFieldError) {
  CliRun no_kind = cli_.Run({"env", "create", "x"});
  EXPECT_EQ(no_kind.exit_code, 2) << Describe(no_kind);
  CliRun bad_url = cli_.Run({"env", "create", "prod", "--kind", "kubernetes", "--api-server-url",
                             "http://k8s:6443"});
  EXPECT_EQ(bad_url.exit_code, 1);
  EXPECT_NE(bad_url.err.find("api_server_url"), std::string::npos) << Describe(bad_url);
  CliRun nothing = cli_.Run({"env", "update", "prod"});
  EXPECT_EQ(nothing.exit_code, 2) << Describe(nothing);
  CliRun missing = cli_.Run({"env", "get", "nowhere"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nowhere"), std::string::npos) << Describe(missing);
}

}  // namespace
}  // namespace reghub::cli
