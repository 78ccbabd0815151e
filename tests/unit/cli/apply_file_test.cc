#include "cli/apply_file.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace reghub::cli {
namespace {

using testing::TempDir;

ApplyFile Parse(const std::string& text, const Environment& env = {}) {
  return ParseApplyFile(text, ".", env);
}

// The one problem of a file expected to have exactly one.
ApplyFileProblem OnlyProblem(const ApplyFile& file) {
  EXPECT_EQ(file.problems.size(), 1u);
  for (const auto& problem : file.problems)
    ::testing::Message() << problem.field << problem.message;
  return file.problems.empty() ? ApplyFileProblem{} : file.problems.front();
}

TEST(ParseApplyFile, ReadsAFullRegistryIntoACreateBody) {
  ApplyFile file = Parse(R"(registries:
  - url: registry.example.com:5000
    provider: generic
    display_name: Build cache
    description: "for CI"
    access: private
    credentials:
      kind: basic
      username: ci
      password_from: {env: REG_PASSWORD}
    mirrors:
      - {upstream: docker.io, path_prefix: dockerhub}
      - upstream: ghcr.io
    tls: {mode: verify}
    force_plain_http: false
    usage: {push_images: false, chart_repositories: [charts], default: true}
    repositories: [library/alpine]
)",
                         {{"REG_PASSWORD", "s3cret"}});
  ASSERT_TRUE(file.problems.empty()) << file.problems[0].field << ": " << file.problems[0].message;
  ASSERT_EQ(file.registries.size(), 1u);
  const DesiredRegistry& registry = file.registries[0];
  EXPECT_EQ(registry.url, "registry.example.com:5000");
  EXPECT_EQ(registry.line, 2);
  EXPECT_EQ(registry.create_body, Json::parse(R"({
    "url":"registry.example.com:5000","provider":"generic","display_name":"Build cache",
    "description":"for CI","access":"private",
    "credentials":{"kind":"basic","username":"ci","password":"s3cret"},
    "mirrors":[{"upstream":"docker.io","path_prefix":"dockerhub"},{"upstream":"ghcr.io","path_prefix":""}],
    "tls":{"mode":"verify"},
    "usage":{"push_images":false,"push_charts":false,"chart_repository":true,"chart_repositories":["charts"],"default":true},
    "repositories":["library/alpine"]})"));
  EXPECT_FALSE(registry.update_body.contains("url"));
  EXPECT_EQ(registry.update_body["credentials"]["password"], "s3cret");
}

TEST(ParseApplyFile, FillsDefaultsAndLeavesProviderAndCredentialsOutOfUpdates) {
  ApplyFile file = Parse("registries:\n  - url: quay.io\n");
  ASSERT_TRUE(file.problems.empty());
  EXPECT_EQ(file.registries[0].create_body["provider"], "generic");
  EXPECT_FALSE(file.registries[0].create_body.contains("credentials"));
  EXPECT_EQ(file.registries[0].update_body, Json::parse(R"({
    "display_name":"","description":"","access":"private","mirrors":[],"tls":{"mode":"verify"},
    "usage":{"push_images":true,"push_charts":false,"chart_repository":false,"chart_repositories":[],"default":false},
    "repositories":[]})"));
}

TEST(ParseApplyFile, RefusesInlineSecretsNamingFieldAndLine) {
  const struct {
    std::string key;
    std::string kind;
  } cases[] = {{"password", "basic"},
               {"secret_access_key", "ecr-access-key"},
               {"session_token", "ecr-access-key"},
               {"json_key", "gcp-service-account"}};
  for (const auto& c : cases) {
    ApplyFile file =
        Parse("registries:\n  - url: a.example.com\n    credentials:\n      kind: " + c.kind +
              "\n      " + c.key + ": hunter2\n");
    ApplyFileProblem problem = OnlyProblem(file);
    EXPECT_EQ(problem.line, 5) << c.key;
    EXPECT_EQ(problem.field, "registries[0].credentials." + c.key);
    EXPECT_NE(problem.message.find(c.key + "_from"), std::string::npos) << problem.message;
    EXPECT_EQ(problem.message.find("hunter2"), std::string::npos);
    EXPECT_TRUE(file.registries.empty());
  }
}

TEST(ParseApplyFile, NamesUnknownKeysWithTheirLine) {
  ApplyFile file = Parse("registries:\n  - url: a.example.com\n    colour: blue\n");
  ApplyFileProblem problem = OnlyProblem(file);
  EXPECT_EQ(problem.line, 3);
  EXPECT_EQ(problem.field, "registries[0].colour");
  EXPECT_NE(problem.message.find("unknown key \"colour\""), std::string::npos);
  EXPECT_EQ(FormatProblem("registries.yaml", problem)
                .rfind("registries.yaml:3: registries[0].colour: ", 0),
            0u);
}

TEST(ParseApplyFile, NamesWrongTypes) {
  const struct {
    std::string yaml;
    std::string field;
    std::string message_part;
  } cases[] = {
      {"registries: {url: a}", "registries", "expected a list"},
      {"registries:\n  - url: [a]", "registries[0].url", "expected a string"},
      {"registries:\n  - url: a.io\n    usage: {push_images: yes}",
       "registries[0].usage.push_images", "expected true or false"},
      {"registries:\n  - url: a.io\n    usage: {default: \"true\"}", "registries[0].usage.default",
       "expected true or false"},
      {"registries:\n  - url: a.io\n    mirrors: docker.io", "registries[0].mirrors",
       "expected a list"},
      {"registries:\n  - url: a.io\n    mirrors: [{path_prefix: x}]",
       "registries[0].mirrors[0].upstream", "required"},
      {"registries:\n  - url: a.io\n    provider: azure", "registries[0].provider",
       "expected one of"},
      {"registries:\n  - url: a.io\n    access: open", "registries[0].access", "expected one of"},
      {"registries:\n  - url: a.io\n    tls: {mode: tls}", "registries[0].tls.mode",
       "expected one of"},
      {"registries:\n  - url: a.io\n    credentials: {username: u}",
       "registries[0].credentials.kind", "required"},
      {"registries:\n  - url: a.io\n    repositories: [[a]]", "registries[0].repositories[0]",
       "expected a string"},
      {"registries:\n  - description: no url", "registries[0].url", "required"},
      {"registries:\n  - just-a-string", "registries[0]", "expected a mapping"},
      {"kind: List", "kind", "unknown key"},
  };
  for (const auto& c : cases) {
    ApplyFile file = Parse(c.yaml);
    ASSERT_FALSE(file.problems.empty()) << c.yaml;
    EXPECT_EQ(file.problems[0].field, c.field) << c.yaml;
    EXPECT_NE(file.problems[0].message.find(c.message_part), std::string::npos)
        << c.yaml << " -> " << file.problems[0].message;
  }
}

TEST(ParseApplyFile, CollectsEveryProblemOfTheFile) {
  ApplyFile file =
      Parse("registries:\n  - url: a.io\n    colour: x\n  - url: b.io\n    access: open\n");
  ASSERT_EQ(file.problems.size(), 2u);
  EXPECT_EQ(file.problems[0].line, 3);
  EXPECT_EQ(file.problems[1].line, 5);
  EXPECT_TRUE(file.registries.empty());
}

TEST(ParseApplyFile, RefusesDuplicateUrls) {
  ApplyFile file = Parse("registries:\n  - url: a.io\n  - url: a.io\n");
  ApplyFileProblem problem = OnlyProblem(file);
  EXPECT_EQ(problem.field, "registries[1].url");
  EXPECT_NE(problem.message.find("twice"), std::string::npos);
}

TEST(ParseApplyFile, ReportsInvalidYamlWithItsLine) {
  ApplyFile file = Parse("registries:\n  - url: a.io\n   bad: [\n");
  ASSERT_EQ(file.problems.size(), 1u);
  EXPECT_NE(file.problems[0].message.find("not valid YAML"), std::string::npos);
  EXPECT_GE(file.problems[0].line, 2);
}

TEST(ParseApplyFile, RefusesAnEmptyFile) { EXPECT_EQ(Parse("").problems.size(), 1u); }

TEST(ParseApplyFile, NamesAMissingEnvironmentVariable) {
  ApplyFile file = Parse(
      "registries:\n  - url: a.io\n    credentials:\n      kind: basic\n      username: u\n"
      "      password_from: {env: NOT_SET}\n");
  ApplyFileProblem problem = OnlyProblem(file);
  EXPECT_EQ(problem.field, "registries[0].credentials.password_from.env");
  EXPECT_NE(problem.message.find("NOT_SET"), std::string::npos);
}

TEST(ParseApplyFile, RefusesASecretSourceWithBothOrNeither) {
  for (const char* source : {"{env: A, file: b}", "{}", "{url: x}"}) {
    ApplyFile file =
        Parse(std::string("registries:\n  - url: a.io\n    credentials:\n      kind: basic\n"
                          "      password_from: ") +
                  source + "\n",
              {{"A", "x"}});
    ASSERT_FALSE(file.problems.empty()) << source;
    EXPECT_EQ(file.problems[0].field.rfind("registries[0].credentials.password_from", 0), 0u)
        << source;
  }
}

TEST(ParseApplyFile, ReadsSecretFilesRelativeToTheFile) {
  TempDir dir;
  std::ofstream(dir.path() / "secret.txt") << "AKIA-secret\n";
  std::ofstream(dir.path() / "key.json") << "{\"type\": \"service_account\"}\n";
  std::ofstream(dir.path() / "ca.pem")
      << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  ApplyFile file = ParseApplyFile(R"(registries:
  - url: 123456789012.dkr.ecr.eu-west-1.amazonaws.com
    credentials:
      kind: ecr-access-key
      access_key_id: AKIAEXAMPLE
      secret_access_key_from: {file: secret.txt}
      fips: true
    tls: {mode: verify-with-ca, ca_file: ca.pem}
  - url: europe-docker.pkg.dev
    credentials:
      kind: gcp-service-account
      json_key_from: {file: key.json}
)",
                                  dir.path(), {});
  ASSERT_TRUE(file.problems.empty()) << file.problems[0].message;
  const Json& ecr = file.registries[0].create_body;
  EXPECT_EQ(ecr["credentials"]["secret_access_key"], "AKIA-secret");  // trailing newline dropped
  EXPECT_EQ(ecr["credentials"]["fips"], true);
  EXPECT_EQ(ecr["tls"]["ca_pem"], "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(file.registries[1].create_body["credentials"]["json_key"],
            "{\"type\": \"service_account\"}\n");
}

TEST(ParseApplyFile, NamesAMissingSecretFile) {
  ApplyFile file = Parse(
      "registries:\n  - url: a.io\n    credentials:\n      kind: basic\n      username: u\n"
      "      password_from: {file: /nonexistent/pw}\n");
  ApplyFileProblem problem = OnlyProblem(file);
  EXPECT_EQ(problem.field, "registries[0].credentials.password_from.file");
  EXPECT_EQ(problem.line, 6);
}

}  // namespace
}  // namespace reghub::cli
