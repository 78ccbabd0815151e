// The real `reghub` binary as a CLI against a real `reghub serve`.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "integration/cli/cli_runner.h"
#include "support/hub_server.h"

namespace reghub::cli {
namespace {

using reghub::testing::HubServer;
using testing::CliRun;
using testing::CliRunner;
using Json = nlohmann::json;

constexpr char kGenericPassword[] = "generic-pass-9Qx";
constexpr char kHubPassword[] = "dockerhub-pat-7Zr";
constexpr char kAcrPassword[] = "acr-sp-secret-4Lm";
constexpr char kAwsSecret[] = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
constexpr char kAwsSessionToken[] = "FwoGZXIvYXdzEXAMPLEsessiontoken";
constexpr char kKeyMaterial[] = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
constexpr char kApplyPassword[] = "apply-pass-3Vw";

std::string GcpKey() {
  return Json{{"type", "service_account"},
              {"project_id", "proj"},
              {"client_email", "ci@proj.iam.gserviceaccount.com"},
              {"private_key", std::string("-----BEGIN PRIVATE KEY-----\n") + kKeyMaterial +
                                  "\n-----END PRIVATE KEY-----\n"}}
      .dump(2);
}

// No secret given to the CLI in these tests ever shows up in its output.
void ExpectNoSecrets(const CliRun& run) {
  for (const char* secret :
       {kGenericPassword, kHubPassword, kAcrPassword, kAwsSecret, kAwsSessionToken, kKeyMaterial,
        kApplyPassword, "correct-horse-battery-staple"}) {
    EXPECT_EQ(run.all().find(secret), std::string::npos) << "printed a secret: " << run.all();
  }
}

std::string Describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "\nstderr:\n" +
         run.err;
}

unsigned Mode(const std::filesystem::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string started = server_.Start();
    ASSERT_EQ(started, "") << started;
  }

  CliRun Login() {
    return cli_.Run(
        {"login", "--server", server_.base_url(), "--username", "admin", "--password-stdin"},
        server_.admin_password() + "\n");
  }

  void LoginOrFail() {
    CliRun run = Login();
    ASSERT_EQ(run.exit_code, 0) << Describe(run);
  }

  // Runs and expects success; checks no secret was printed.
  CliRun Ok(const std::vector<std::string>& args, const std::string& stdin_text = "",
            const std::map<std::string, std::string>& env = {}) {
    CliRun run = cli_.Run(args, stdin_text, env);
    EXPECT_EQ(run.exit_code, 0) << Describe(run);
    ExpectNoSecrets(run);
    return run;
  }

  Json OkJson(const std::vector<std::string>& args) {
    CliRun run = Ok(args);
    Json json = Json::parse(run.out, nullptr, false);
    EXPECT_FALSE(json.is_discarded()) << run.out;
    return json;
  }

  void CreateOnePerProvider() {
    std::filesystem::path key_file = cli_.WriteFile("gcp-key.json", GcpKey());
    Ok({"registry", "create", "--url", "registry.example.com:5000", "--username", "ci",
        "--password-stdin", "--display-name", "Build cache"},
       std::string(kGenericPassword) + "\n");
    Ok({"registry", "create", "--url", "docker.io", "--provider", "docker-hub", "--username",
        "hubuser", "--password-stdin", "--mirror", "ghcr.io=ghcr"},
       std::string(kHubPassword) + "\n");
    Ok({"registry", "create", "--url", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "--provider",
        "ecr", "--access-key-id", "ASIAIOSFODNN7EXAMPLE", "--secret-access-key-stdin",
        "--session-token-stdin", "--fips"},
       std::string(kAwsSecret) + "\n" + kAwsSessionToken + "\n");
    Ok({"registry", "create", "--url", "myregistry.azurecr.io", "--provider", "acr", "--username",
        "00000000-0000-0000-0000-000000000000", "--password-stdin"},
       std::string(kAcrPassword) + "\n");
    Ok({"registry", "create", "--url", "europe-docker.pkg.dev", "--provider",
        "gcp-artifact-registry", "--json-key-file", key_file.string()});
    Ok({"registry", "create", "--url", "gcr.io", "--provider", "gcr", "--json-key-file", "-"},
       GcpKey());
    Ok({"registry", "create", "--url", "quay.io", "--provider", "quay", "--access", "public",
        "--repository", "coreos/etcd", "--no-push-images"});
  }

  HubServer server_;
  CliRunner cli_;
};

TEST_F(CliTest, LoginStoresTheTokenInAPrivateConfigFile) {
  CliRun run = Login();
  ASSERT_EQ(run.exit_code, 0) << Describe(run);
  ExpectNoSecrets(run);
  EXPECT_NE(run.out.find("Logged in to " + server_.base_url() + " as admin"), std::string::npos);
  EXPECT_EQ(Mode(cli_.config_path()), 0600u);
  EXPECT_EQ(Mode(cli_.config_path().parent_path()), 0700u);
  Json config = Json::parse(reghub::testing::ReadFileBytes(cli_.config_path()));
  EXPECT_EQ(config["server"], server_.base_url());
  EXPECT_FALSE(config["token"].get<std::string>().empty());
  EXPECT_EQ(config.dump().find(server_.admin_password()), std::string::npos);
}

TEST_F(CliTest, LoginWithAWrongPasswordFails) {
  CliRun run =
      cli_.Run({"login", "--server", server_.base_url(), "--username", "admin", "--password-stdin"},
               "not-the-password\n");
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_EQ(run.err.rfind("error: ", 0), 0u) << run.err;
  EXPECT_FALSE(std::filesystem::exists(cli_.config_path()));
}

TEST_F(CliTest, LogoutForgetsTheTokenAndTheHubRevokesIt) {
  LoginOrFail();
  std::string token = Json::parse(reghub::testing::ReadFileBytes(cli_.config_path()))["token"];
  Ok({"logout"});
  Json config = Json::parse(reghub::testing::ReadFileBytes(cli_.config_path()));
  EXPECT_EQ(config["token"], "");
  EXPECT_EQ(config["server"], server_.base_url());
  CliRun list = cli_.Run({"registry", "list"});
  EXPECT_EQ(list.exit_code, 1);
  EXPECT_NE(list.err.find("reghub login"), std::string::npos) << list.err;
  // The old token no longer works either.
  CliRun revoked = cli_.Run({"registry", "list"}, "",
                            {{"REGHUB_SERVER", server_.base_url()}, {"REGHUB_TOKEN", token}});
  EXPECT_EQ(revoked.exit_code, 1) << Describe(revoked);
}

TEST_F(CliTest, EnvironmentServerAndTokenWorkWithoutLogin) {
  Json list = Json::parse(cli_.Run({"registry", "list", "-o", "json"}, "",
                                   {{"REGHUB_SERVER", server_.base_url() + "/"},
                                    {"REGHUB_TOKEN", server_.AdminToken()}})
                              .out,
                          nullptr, false);
  EXPECT_TRUE(list.is_array()) << list;
}

TEST_F(CliTest, CreatesOneRegistryPerProviderAndListsThemInEveryFormat) {
  LoginOrFail();
  CreateOnePerProvider();
  const std::vector<std::string> urls = {"registry.example.com:5000",
                                         "docker.io",
                                         "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
                                         "myregistry.azurecr.io",
                                         "europe-docker.pkg.dev",
                                         "gcr.io",
                                         "quay.io"};
  CliRun table = Ok({"registry", "list"});
  EXPECT_EQ(table.out.rfind("ID ", 0), 0u) << table.out;
  EXPECT_NE(table.out.find("URL"), std::string::npos);
  for (const std::string& url : urls) EXPECT_NE(table.out.find(url), std::string::npos) << url;
  EXPECT_EQ(std::count(table.out.begin(), table.out.end(), '\n'), 8);
  // Columns are aligned: every line has "URL"'s column at the same offset.
  std::size_t url_column = table.out.find("URL");
  std::size_t line_start = table.out.find('\n') + 1;
  std::string first_row =
      table.out.substr(line_start, table.out.find('\n', line_start) - line_start);
  EXPECT_NE(first_row[url_column], ' ');
  EXPECT_EQ(first_row[url_column - 1], ' ');
  EXPECT_EQ(first_row[url_column - 2], ' ');

  Json json = OkJson({"registry", "list", "-o", "json"});
  ASSERT_TRUE(json.is_array());
  EXPECT_EQ(json.size(), urls.size());
  for (const Json& registry : json) {
    EXPECT_TRUE(registry.contains("id"));
    EXPECT_TRUE(registry["credentials"].contains("kind"));
  }
  Json ecr =
      OkJson({"registry", "get", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "-o", "json"});
  EXPECT_EQ(ecr["credentials"]["kind"], "ecr-access-key");
  EXPECT_EQ(ecr["credentials"]["fips"], true);
  EXPECT_EQ(ecr["provider"], "ecr");
  Json gcr = OkJson({"registry", "get", "gcr.io", "-o", "json"});
  EXPECT_EQ(gcr["credentials"]["kind"], "gcp-service-account");
  EXPECT_EQ(gcr["credentials"]["client_email"], "ci@proj.iam.gserviceaccount.com");

  CliRun yaml = Ok({"registry", "list", "-o", "yaml"});
  // A block sequence of mappings: one "- " line per registry at the top level.
  std::size_t items = yaml.out.rfind("- ", 0) == 0 ? 1 : 0;
  for (std::size_t at = yaml.out.find("\n- "); at != std::string::npos;
       at = yaml.out.find("\n- ", at + 1)) {
    ++items;
  }
  EXPECT_EQ(items, urls.size()) << yaml.out;
  EXPECT_NE(yaml.out.find("  url: quay.io\n"), std::string::npos);
  EXPECT_NE(yaml.out.find("    kind: basic\n"), std::string::npos);
  EXPECT_NE(yaml.out.find("  id: "), std::string::npos);

  // Nor did the hub write any of the secrets to its log.
  std::string log = server_.LogText();
  for (const char* secret :
       {kGenericPassword, kHubPassword, kAcrPassword, kAwsSecret, kAwsSessionToken, kKeyMaterial}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

TEST_F(CliTest, GetsByIdOrUrlAndDeletes) {
  LoginOrFail();
  Json created = OkJson(
      {"registry", "create", "--url", "reg.example.com", "-o", "json", "--access", "public"});
  std::string id = created["id"];
  CliRun by_id = Ok({"registry", "get", id});
  EXPECT_NE(by_id.out.find("URL:                reg.example.com\n"), std::string::npos)
      << by_id.out;
  // host and host:443 are the same registry.
  EXPECT_EQ(OkJson({"registry", "get", "reg.example.com:443", "-o", "json"})["id"], id);
  CliRun deleted = Ok({"registry", "delete", "reg.example.com"});
  EXPECT_NE(deleted.out.find(id), std::string::npos);
  CliRun gone = cli_.Run({"registry", "get", "reg.example.com"});
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("no registry with URL reg.example.com"), std::string::npos) << gone.err;
}

TEST_F(CliTest, UpdateMakesRevisionTwoAndDiffShowsTheChange) {
  LoginOrFail();
  Ok({"registry", "create", "--url", "registry.example.com:5000", "--username", "ci",
      "--password-stdin"},
     std::string(kGenericPassword) + "\n");
  CliRun updated = Ok({"registry", "update", "registry.example.com:5000", "--description",
                       "Build cache", "--default"});
  EXPECT_NE(updated.out.find("Revision:"), std::string::npos);
  Json registry = OkJson({"registry", "get", "registry.example.com:5000", "-o", "json"});
  EXPECT_EQ(registry["revision"], 2);
  EXPECT_EQ(registry["description"], "Build cache");
  EXPECT_EQ(registry["usage"]["default"], true);
  EXPECT_EQ(registry["usage"]["push_images"], true);  // untouched fields keep their values

  CliRun diff = Ok({"registry", "diff", "registry.example.com:5000", "1", "2"});
  EXPECT_NE(diff.out.find("description"), std::string::npos) << diff.out;
  EXPECT_NE(diff.out.find("Build cache"), std::string::npos) << diff.out;
  Json diff_json =
      OkJson({"registry", "diff", "registry.example.com:5000", "1", "2", "-o", "json"});
  EXPECT_EQ(diff_json["from"], 1);
  EXPECT_FALSE(diff_json["changes"].empty());

  // Replacing the password: a new revision whose change never shows the value.
  Ok({"registry", "update", "registry.example.com:5000", "--username", "ci", "--password-stdin"},
     std::string(kAcrPassword) + "\n");
  CliRun revisions = Ok({"registry", "revisions", "registry.example.com:5000"});
  EXPECT_EQ(revisions.out.rfind("REVISION", 0), 0u);
  EXPECT_EQ(std::count(revisions.out.begin(), revisions.out.end(), '\n'), 4) << revisions.out;
  CliRun credentials_diff =
      Ok({"registry", "diff", "registry.example.com:5000", "2", "3", "-o", "yaml"});
  EXPECT_NE(credentials_diff.out.find("credentials"), std::string::npos) << credentials_diff.out;

  // An update based on a stale revision is refused.
  CliRun stale = cli_.Run({"registry", "update", "registry.example.com:5000", "--revision", "1",
                           "--description", "late"});
  EXPECT_EQ(stale.exit_code, 1) << Describe(stale);
  EXPECT_EQ(stale.err.rfind("error: ", 0), 0u);
}

TEST_F(CliTest, ApplyCreatesThenReportsUnchangedThenUpdates) {
  LoginOrFail();
  std::string yaml = R"(registries:
  - url: apply-a.example.com
    display_name: A
    credentials:
      kind: basic
      username: ci
      password_from: {env: APPLY_PASSWORD}
    mirrors:
      - {upstream: docker.io, path_prefix: hub}
  - url: apply-b.example.com
    access: public
    repositories: [library/alpine]
)";
  std::filesystem::path file = cli_.WriteFile("registries.yaml", yaml);
  std::map<std::string, std::string> env = {{"APPLY_PASSWORD", kApplyPassword}};
  CliRun first = Ok({"apply", "-f", file.string()}, "", env);
  EXPECT_NE(first.out.find("registry apply-a.example.com created"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("registry apply-b.example.com created"), std::string::npos) << first.out;

  CliRun second = Ok({"apply", "-f", file.string()}, "", env);
  EXPECT_NE(second.out.find("registry apply-a.example.com unchanged (revision 1)"),
            std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("registry apply-b.example.com unchanged (revision 1)"),
            std::string::npos)
      << second.out;

  std::string changed = yaml;
  changed.replace(changed.find("[library/alpine]"), 16, "[library/alpine, library/busybox]");
  cli_.WriteFile("registries.yaml", changed);
  CliRun third = Ok({"apply", "-f", file.string()}, "", env);
  EXPECT_NE(third.out.find("registry apply-a.example.com unchanged (revision 1)"),
            std::string::npos)
      << third.out;
  EXPECT_NE(third.out.find("registry apply-b.example.com updated (revision 2)"), std::string::npos)
      << third.out;
  Json b = OkJson({"registry", "get", "apply-b.example.com", "-o", "json"});
  EXPECT_EQ(b["repositories"].size(), 2u);

  // The same file from stdin changes nothing more.
  CliRun from_stdin = Ok({"apply", "-f", "-"}, changed, env);
  EXPECT_NE(from_stdin.out.find("registry apply-b.example.com unchanged (revision 2)"),
            std::string::npos)
      << from_stdin.out;
  // A new password is a change.
  CliRun new_password =
      Ok({"apply", "-f", file.string()}, "", {{"APPLY_PASSWORD", "another-pass-1"}});
  EXPECT_NE(new_password.out.find("registry apply-a.example.com updated (revision 2)"),
            std::string::npos)
      << new_password.out;
}

TEST_F(CliTest, ApplyRefusesAnInlineSecretAndSendsNothing) {
  LoginOrFail();
  std::filesystem::path file = cli_.WriteFile("bad.yaml", R"(registries:
  - url: good.example.com
  - url: bad.example.com
    credentials:
      kind: basic
      username: ci
      password: apply-pass-3Vw
)");
  CliRun run = cli_.Run({"apply", "-f", file.string()});
  EXPECT_EQ(run.exit_code, 1) << Describe(run);
  EXPECT_NE(run.err.find(
                "bad.yaml:7: registries[1].credentials.password: inline secrets are not allowed"),
            std::string::npos)
      << run.err;
  ExpectNoSecrets(run);
  EXPECT_EQ(OkJson({"registry", "list", "-o", "json"}).size(), 0u);
}

TEST_F(CliTest, BadFlagsExitWithTwo) {
  LoginOrFail();
  const std::vector<std::vector<std::string>> cases = {
      {"registry", "create", "--url", "x.example.com", "--provider", "nope"},
      {"registry", "frobnicate"},
      {"registry"},
      {"registry", "diff", "x.example.com"},
      {"registry", "list", "-o", "xml"},
      {"registry", "create", "--url", "x.example.com", "--password", "inline"},
      {"registry", "create", "--display-name", "no url"},
      {"registry", "create", "--url", "x.example.com", "--mirror", "=prefix"},
      {"registry", "update", "x.example.com"},
      {"login", "--password", "x"},
      {"apply"},
      {"nonsense"},
  };
  for (const auto& args : cases) {
    CliRun run = cli_.Run(args);
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    EXPECT_EQ(run.exit_code, 2) << joined << "\n" << Describe(run);
    EXPECT_FALSE(run.err.empty()) << joined;
  }
  EXPECT_EQ(OkJson({"registry", "list", "-o", "json"}).size(), 0u);
}

TEST_F(CliTest, BadInputExitsWithOneAndNamesTheField) {
  LoginOrFail();
  CliRun scheme = cli_.Run({"registry", "create", "--url", "https://reg.example.com"});
  EXPECT_EQ(scheme.exit_code, 1) << Describe(scheme);
  EXPECT_EQ(scheme.err.rfind("error: url: ", 0), 0u) << scheme.err;
  EXPECT_NE(scheme.err.find("reg.example.com"), std::string::npos);

  CliRun shape = cli_.Run({"registry", "create", "--url", "reg.example.com", "--provider", "ecr",
                           "--access-key-id", "AKIAIOSFODNN7EXAMPLE", "--secret-access-key-stdin"},
                          std::string(kAwsSecret) + "\n");
  EXPECT_EQ(shape.exit_code, 1) << Describe(shape);
  EXPECT_NE(shape.err.find("url"), std::string::npos) << shape.err;
  ExpectNoSecrets(shape);

  CliRun key = cli_.Run({"registry", "create", "--url", "reg2.example.com", "--access-key-id",
                         "short", "--secret-access-key-stdin"},
                        std::string(kAwsSecret) + "\n");
  EXPECT_EQ(key.exit_code, 1) << Describe(key);
  EXPECT_NE(key.err.find("credentials.access_key_id"), std::string::npos) << key.err;
  ExpectNoSecrets(key);
}

TEST_F(CliTest, CommandsNeedALogin) {
  CliRun run = cli_.Run({"registry", "list"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("reghub login"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace reghub::cli
