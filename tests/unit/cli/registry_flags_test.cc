#include "cli/registry_flags.h"

#include <gtest/gtest.h>

#include <sstream>

namespace reghub::cli {
namespace {

// Parses `args` as the flags of a command and builds the body from them.
Result<Json> Build(std::vector<std::string> args, const std::string& stdin_text = "",
                   const Json* current = nullptr) {
  CLI::App app;
  RegistryFlags flags;
  AddRegistryFlags(&app, flags);
  std::reverse(args.begin(), args.end());  // CLI11 takes a reversed vector
  app.parse(args);
  std::istringstream in(stdin_text);
  return BuildRegistryBody(flags, in, false, current);
}

TEST(BuildRegistryBody, CreateNeedsAUrl) {
  auto body = Build({"--provider", "quay"});
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.error().message.find("--url"), std::string::npos);
}

TEST(BuildRegistryBody, CreateDefaultsTheProviderToGeneric) {
  auto body = Build({"--url", "r.io"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, Json::parse(R"({"url":"r.io","provider":"generic"})"));
}

TEST(BuildRegistryBody, SendsOnlyTheGivenFields) {
  auto body = Build({"--url", "quay.io", "--provider", "quay", "--access", "public", "--repository",
                     "org/app", "--repository", "org/tool"});
  ASSERT_TRUE(body.ok()) << body.error().message;
  EXPECT_EQ(*body, Json::parse(R"({"url":"quay.io","provider":"quay","access":"public",
                                   "repositories":["org/app","org/tool"]})"));
}

TEST(BuildRegistryBody, ReadsBasicCredentialsFromStdin) {
  auto body = Build({"--url", "r.io", "--username", "ci", "--password-stdin"}, "pa ss\r\n");
  ASSERT_TRUE(body.ok()) << body.error().message;
  EXPECT_EQ((*body)["credentials"],
            Json::parse(R"({"kind":"basic","username":"ci","password":"pa ss"})"));
}

TEST(BuildRegistryBody, ReadsSeveralSecretsOnePerLineInFixedOrder) {
  auto body =
      Build({"--url", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "--session-token-stdin",
             "--access-key-id", "AKIA1", "--secret-access-key-stdin", "--fips"},
            "the-secret\nthe-token\n");
  ASSERT_TRUE(body.ok()) << body.error().message;
  EXPECT_EQ((*body)["credentials"], Json::parse(R"({"kind":"ecr-access-key","access_key_id":"AKIA1",
      "secret_access_key":"the-secret","session_token":"the-token","fips":true})"));
}

TEST(BuildRegistryBody, RefusesMissingOrEmptySecretLines) {
  EXPECT_FALSE(Build({"--url", "r.io", "--username", "u", "--password-stdin"}, "").ok());
  EXPECT_FALSE(Build({"--url", "r.io", "--username", "u", "--password-stdin"}, "\n").ok());
  EXPECT_FALSE(Build({"--url", "r.io", "--access-key-id", "A", "--secret-access-key-stdin",
                      "--session-token-stdin"},
                     "only-one\n")
                   .ok());
}

TEST(BuildRegistryBody, ReadsAJsonKeyFromStdin) {
  auto body =
      Build({"--url", "gcr.io", "--json-key-file", "-"}, "{\"type\":\"service_account\"}\n");
  ASSERT_TRUE(body.ok()) << body.error().message;
  EXPECT_EQ((*body)["credentials"]["kind"], "gcp-service-account");
  EXPECT_EQ((*body)["credentials"]["json_key"], "{\"type\":\"service_account\"}\n");
}

TEST(BuildRegistryBody, RefusesConflictingCredentialFlags) {
  const std::vector<std::vector<std::string>> cases = {
      {"--url", "r.io", "--username", "u", "--access-key-id", "A"},
      {"--url", "r.io", "--credential-kind", "basic", "--access-key-id", "A"},
      {"--url", "r.io", "--credential-kind", "none", "--password-stdin"},
      {"--url", "r.io", "--credential-kind", "basic", "--fips"},
      {"--url", "r.io", "--fips"},
      {"--url", "r.io", "--json-key-file", "-", "--password-stdin"},
  };
  for (const auto& args : cases) {
    auto body = Build(args, "x\n");
    EXPECT_FALSE(body.ok()) << args[2] << " " << args[3];
  }
}

TEST(BuildRegistryBody, InstanceRoleCarriesFips) {
  auto body = Build({"--url", "r.io", "--credential-kind", "ecr-instance-role", "--fips"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["credentials"], Json::parse(R"({"kind":"ecr-instance-role","fips":true})"));
}

TEST(BuildRegistryBody, ParsesMirrors) {
  auto body = Build(
      {"--url", "nexus.example.com", "--mirror", "docker.io=dockerhub", "--mirror", "ghcr.io"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["mirrors"], Json::parse(R"([{"upstream":"docker.io","path_prefix":"dockerhub"},
                                               {"upstream":"ghcr.io","path_prefix":""}])"));
  EXPECT_FALSE(Build({"--url", "n.io", "--mirror", "=prefix"}).ok());
}

TEST(BuildRegistryBody, CreateUsageStartsFromTheDefaults) {
  auto body =
      Build({"--url", "r.io", "--no-push-images", "--chart-repository", "charts", "--default"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["usage"], Json::parse(R"({"push_images":false,"push_charts":false,
      "chart_repository":true,"chart_repositories":["charts"],"default":true})"));
}

TEST(BuildRegistryBody, UpdateMergesUsageOverTheCurrentOne) {
  Json current =
      Json::parse(R"({"revision":4,"tls":{"mode":"insecure"},"usage":{"push_images":false,
      "push_charts":true,"chart_repository":true,"chart_repositories":["c"],"default":false}})");
  auto body = Build({"--default"}, "", &current);
  ASSERT_TRUE(body.ok()) << body.error().message;
  EXPECT_EQ(*body, Json::parse(R"({"usage":{"push_images":false,"push_charts":true,
      "chart_repository":true,"chart_repositories":["c"],"default":true}})"));
}

TEST(BuildRegistryBody, UpdateRefusesAUrlChange) {
  Json current = Json::parse(R"({"revision":1})");
  auto body = Build({"--url", "other.io"}, "", &current);
  ASSERT_FALSE(body.ok());
  EXPECT_NE(body.error().message.find("cannot be changed"), std::string::npos);
}

TEST(BuildRegistryBody, UpdateWithNoFlagsIsEmpty) {
  Json current = Json::parse(R"({"revision":1})");
  auto body = Build({}, "", &current);
  ASSERT_TRUE(body.ok());
  EXPECT_TRUE(body->empty());
}

TEST(BuildRegistryBody, TlsFlags) {
  auto body = Build({"--url", "localhost:5000", "--tls", "plain-http", "--force-plain-http"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["tls"], Json::parse(R"({"mode":"plain-http"})"));
  EXPECT_EQ((*body)["force_plain_http"], true);
  EXPECT_FALSE(Build({"--url", "r.io", "--tls", "insecure", "--ca-file", "/etc/hostname"}).ok());
  EXPECT_FALSE(Build({"--url", "r.io", "--ca-file", "/nonexistent/ca.pem"}).ok());
}

TEST(RegistryFlags, RepeatableFlagsTakeOneValueEach) {
  // A second word after --mirror is not another mirror (it would swallow a positional).
  EXPECT_THROW(Build({"--url", "r.io", "--mirror", "a.io", "b.io"}), CLI::ExtrasError);
  EXPECT_THROW(Build({"--url", "r.io", "--repository", "a", "b"}), CLI::ExtrasError);
  auto body = Build({"--url", "r.io", "--repository", "a", "--repository", "b"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["repositories"], Json::parse(R"(["a","b"])"));
}

TEST(RegistryFlags, RefuseUnknownChoices) {
  EXPECT_THROW(Build({"--url", "r.io", "--provider", "azure"}), CLI::ValidationError);
  EXPECT_THROW(Build({"--url", "r.io", "--tls", "tls"}), CLI::ValidationError);
  EXPECT_THROW(Build({"--url", "r.io", "--password", "x"}), CLI::ExtrasError);
}

}  // namespace
}  // namespace reghub::cli
