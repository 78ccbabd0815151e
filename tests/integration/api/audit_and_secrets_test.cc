// Every change is audited (who, from where, never a secret), and no secret
// value is ever written in clear: not in the database, not in any other file
// of the data directory except the master key, not in the server's log.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

namespace fs = std::filesystem;

class AuditApi : public SharedHubTest<AuditApi> {};

TEST_F(AuditApi, EveryChangeIsAuditedWithActorAndSourceAndNoSecret) {
  std::string password = NewSecret("audited");
  HttpResponse created = api().Post("/api/v1/registries", BasicRegistryBody("audited.example.com", "ci", password));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json()["id"];
  std::string path = "/api/v1/registries/" + id;
  ASSERT_EQ(api().Patch(path, {{"revision", 1}, {"description", "audited change"}}).status, 200);
  std::string replacement = NewSecret("audited-replacement");
  ASSERT_EQ(api().Patch(path, {{"revision", 2},
                               {"credentials", {{"kind", "basic"}, {"username", "ci"}, {"password", replacement}}}})
                .status,
            200);
  ASSERT_EQ(api().Delete(path).status, 204);

  std::vector<nlohmann::json> entries = ListAllAudit(api());
  std::vector<nlohmann::json> mine;
  for (const auto& entry : entries) {
    if (entry.value("target_id", "") == id) mine.push_back(entry);
  }
  ASSERT_GE(mine.size(), 4u) << "create, update, credential replacement, delete";
  std::string actions;
  for (const auto& entry : mine) {
    EXPECT_EQ(entry["actor"], "admin");
    EXPECT_NE(entry.value("source", "").find("127.0.0.1"), std::string::npos) << entry.dump();
    EXPECT_EQ(entry["target_type"], "registry");
    EXPECT_TRUE(entry["at"].is_string());
    EXPECT_TRUE(entry["id"].is_number_integer() || entry["id"].is_string());
    actions += entry.value("action", "") + " ";
  }
  EXPECT_NE(actions.find("create"), std::string::npos) << actions;
  EXPECT_NE(actions.find("update"), std::string::npos) << actions;
  EXPECT_NE(actions.find("delete"), std::string::npos) << actions;
  EXPECT_NE(mine.front().value("action", "").find("delete"), std::string::npos) << "newest first";
}

TEST_F(AuditApi, FailedLoginsAreAuditedWithoutThePassword) {
  std::string wrong = NewSecret("audit-wrong-login");
  HttpClient client;
  client.SendJson("POST", hub().Url("/api/v1/auth/login"), {{"username", "admin"}, {"password", wrong}});
  std::vector<nlohmann::json> entries = ListAllAudit(api());
  ASSERT_FALSE(entries.empty());
  bool found = false;
  for (const auto& entry : entries) {
    found = found || entry.value("action", "").find("login") != std::string::npos;
  }
  EXPECT_TRUE(found) << "login attempts are audited";
}

// Writes registries with every kind of secret, replaces credentials, and returns
// the secrets used.
std::vector<std::string> WriteSecrets(HubServer& hub) {
  ApiClient api(hub, hub.AdminToken());
  std::string basic = NewSecret("rest-basic");
  std::string ecr = NewSecret("rest-ecr");
  std::string session = NewSecret("rest-session");
  std::string pem = GenerateRsaPrivateKeyPem();
  std::string replaced = NewSecret("rest-replaced");
  RememberSecret(Base64("ci:" + replaced));
  HttpResponse created = api.Post("/api/v1/registries", BasicRegistryBody("rest.example.com", "ci", basic));
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(api.Post("/api/v1/registries",
                     {{"url", "123456789012.dkr.ecr.eu-central-1.amazonaws.com"},
                      {"provider", "ecr"},
                      {"credentials", {{"kind", "ecr-access-key"}, {"access_key_id", "ASIAIOSFODNN7EXAMPLE"},
                                       {"secret_access_key", ecr}, {"session_token", session}}}})
                .status,
            201);
  EXPECT_EQ(api.Post("/api/v1/registries",
                     {{"url", "asia-docker.pkg.dev"},
                      {"provider", "gcp-artifact-registry"},
                      {"credentials", {{"kind", "gcp-service-account"},
                                       {"json_key", ServiceAccountKey("rest@reghub-test.iam.gserviceaccount.com", pem)}}}})
                .status,
            201);
  EXPECT_EQ(api.Patch("/api/v1/registries/" + created.Json().value("id", std::string()),
                      {{"revision", 1},
                       {"credentials", {{"kind", "basic"}, {"username", "ci"}, {"password", replaced}}}})
                .status,
            200);
  return {basic, Base64("ci:" + basic), ecr, session, PemBodyLine(pem), replaced, Base64("ci:" + replaced),
          hub.admin_password()};
}

// Every secret found in a file of the data directory other than master.key.
std::vector<std::string> SecretsInDataDir(const fs::path& data_dir, const std::vector<std::string>& secrets,
                                          int* files_checked) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(data_dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == "master.key") continue;
    ++*files_checked;
    std::string bytes = ReadFileBytes(entry.path());
    for (const std::string& secret : secrets) {
      if (bytes.find(secret) != std::string::npos) {
        found.push_back(entry.path().filename().string() + ": " + secret);
      }
    }
  }
  return found;
}

TEST(SecretsAtRest, NoSecretInClearInTheDataDirOrTheLog) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  ASSERT_NE(hub.AdminToken(), "");
  std::vector<std::string> secrets = WriteSecrets(hub);
  // The admin's token is a secret too.
  secrets.push_back(hub.AdminToken());

  int files = 0;
  EXPECT_EQ(SecretsInDataDir(hub.data_dir(), secrets, &files), std::vector<std::string>{})
      << "while running (WAL included)";
  EXPECT_GE(files, 1);

  ASSERT_EQ(hub.Stop(), 0) << "a clean stop checkpoints the WAL";
  files = 0;
  EXPECT_EQ(SecretsInDataDir(hub.data_dir(), secrets, &files), std::vector<std::string>{}) << "after stop";
  EXPECT_GE(files, 1);

  std::string log = hub.LogText();
  for (const std::string& secret : secrets) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "the log contains a secret: " << secret;
  }
  for (const std::string& secret : KnownSecrets()) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "the log contains a secret: " << secret;
  }

  ASSERT_EQ(hub.Start(), "") << "the hub starts again on the same data";
  ApiClient api(hub, hub.AdminToken());
  EXPECT_EQ(ListAllRegistries(api).size(), 3u);
}

}  // namespace
}  // namespace reghub::testing
