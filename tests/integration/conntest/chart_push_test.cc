// Chart push end to end: packaged charts uploaded to the real hub
// (POST /api/v1/registries/{id}/charts and `reghub chart push`), pushed to a
// real docker-registry with htpasswd and with token auth, then read back with
// skopeo (an independent client) and with the hub's own chart listing.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "registry/media_types.h"
#include "support/chart_archive_builder.h"
#include "support/docker_registry.h"
#include "support/http_client.h"
#include "support/hub_server.h"
#include "support/temp_dir.h"
#include "support/test_ca.h"

namespace reghub {
namespace {

using nlohmann::json;
using testing::BuildChartArchive;
using testing::DockerRegistry;
using testing::HubServer;

constexpr const char* kUser = "chart-pusher";
constexpr const char* kPassword = "Chart-Push-Secret-9";

bool HaveSkopeo() { return std::system("command -v skopeo >/dev/null 2>&1") == 0; }

class ChartPush : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    hub_ = new HubServer();
    start_error_ = hub_->Start();
    if (start_error_.empty()) token_ = hub_->AdminToken();
  }
  static void TearDownTestSuite() {
    delete hub_;
    hub_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(start_error_.empty()) << start_error_;
    ASSERT_FALSE(token_.empty());
    if (!DockerRegistry::Available()) GTEST_SKIP() << "docker-registry is not installed";
  }

  // A registry for `target` (plain HTTP); returns its id.
  std::string CreateRegistry(const DockerRegistry& target, json usage,
                             const std::string& user = kUser,
                             const std::string& password = kPassword) {
    return CreateRegistryAt(target.host_port(), std::move(usage), user, password, "plain-http");
  }
  // The hub keeps registry URLs unique: other registries need other URLs.
  std::string CreateRegistryAt(const std::string& url, json usage, const std::string& user,
                               const std::string& password, const std::string& tls_mode) {
    testing::HttpClient client;
    auto created = client.SendJson(
        "POST", hub_->Url("/api/v1/registries"),
        {{"url", url},
         {"provider", "generic"},
         {"access", "private"},
         {"credentials", {{"kind", "basic"}, {"username", user}, {"password", password}}},
         {"tls", {{"mode", tls_mode}}},
         {"usage", std::move(usage)}},
        token_);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", "");
  }
  static json ChartUsage(json repositories = {"charts/mychart", "charts/other"}) {
    return {{"chart_repository", true},
            {"push_charts", true},
            {"chart_repositories", std::move(repositories)}};
  }
  testing::HttpResponse Push(const std::string& id, const std::string& archive,
                             const std::string& query = "",
                             const std::string& content_type = "application/gzip") {
    testing::HttpClient client(std::chrono::seconds(60));
    return client.SendRaw("POST", hub_->Url("/api/v1/registries/" + id + "/charts" + query),
                          archive, token_, content_type);
  }
  // skopeo inspect --raw; "" (and a test failure) when it fails.
  static std::string SkopeoRaw(const DockerRegistry& target, const std::string& reference) {
    std::string raw;
    int status = testing::RunCommand("skopeo inspect --raw --tls-verify=false --creds " +
                                         std::string(kUser) + ":" + kPassword + " docker://" +
                                         target.host_port() + "/" + reference + " 2>&1",
                                     &raw);
    EXPECT_EQ(status, 0) << raw;
    return status == 0 ? raw : "";
  }

  static HubServer* hub_;
  static std::string start_error_;
  static std::string token_;
};
HubServer* ChartPush::hub_ = nullptr;
std::string ChartPush::start_error_;
std::string ChartPush::token_;

TEST_F(ChartPush, PushesWithHelmsMediaTypesThatSkopeoAndTheChartListingSee) {
  DockerRegistry target({.auth = DockerRegistry::Auth::kHtpasswd,
                         .htpasswd_users = {{kUser, kPassword}}});
  std::string id = CreateRegistry(target, ChartUsage());
  ASSERT_FALSE(id.empty());
  std::string archive = BuildChartArchive("mychart", "0.1.0+build.1");

  auto pushed = Push(id, archive);
  ASSERT_EQ(pushed.status, 201) << pushed.body;
  json answer = pushed.Json();
  EXPECT_EQ(answer.at("repository"), "charts/mychart");
  EXPECT_EQ(answer.at("name"), "mychart");
  EXPECT_EQ(answer.at("version"), "0.1.0+build.1");
  EXPECT_EQ(answer.at("tag"), "0.1.0_build.1");
  EXPECT_EQ(answer.at("reference"), target.host_port() + "/charts/mychart:0.1.0_build.1");
  EXPECT_EQ(answer.at("appVersion"), "1.16.0");
  EXPECT_EQ(pushed.body.find(kPassword), std::string::npos);

  if (HaveSkopeo()) {
    std::string raw = SkopeoRaw(target, "charts/mychart:0.1.0_build.1");
    json manifest = json::parse(raw, nullptr, false);
    ASSERT_TRUE(manifest.is_object()) << raw;
    EXPECT_EQ(manifest.at("mediaType"), registry::media_types::kOciManifest);
    EXPECT_EQ(manifest.at("config").at("mediaType"), registry::media_types::kHelmConfig);
    EXPECT_EQ(manifest.at("config").at("digest"), answer.at("config_digest"));
    ASSERT_EQ(manifest.at("layers").size(), 1u);
    EXPECT_EQ(manifest.at("layers")[0].at("mediaType"), registry::media_types::kHelmChartContent);
    EXPECT_EQ(manifest.at("layers")[0].at("digest"), answer.at("chart_digest"));
    EXPECT_EQ(manifest.at("layers")[0].at("size"), archive.size());
    EXPECT_EQ(manifest.at("annotations").at("org.opencontainers.image.title"), "mychart");
    EXPECT_EQ(manifest.at("annotations").at("org.opencontainers.image.version"), "0.1.0+build.1");

    std::string config;
    ASSERT_EQ(testing::RunCommand("skopeo inspect --raw --config --tls-verify=false --creds " +
                                      std::string(kUser) + ":" + kPassword + " docker://" +
                                      target.host_port() + "/charts/mychart:0.1.0_build.1 2>&1",
                                  &config),
              0)
        << config;
    json chart_yaml = json::parse(config, nullptr, false);
    EXPECT_EQ(chart_yaml.value("name", ""), "mychart") << config;
    EXPECT_EQ(chart_yaml.value("version", ""), "0.1.0+build.1") << config;

    std::string tags;
    ASSERT_EQ(testing::RunCommand("skopeo list-tags --tls-verify=false --creds " +
                                      std::string(kUser) + ":" + kPassword + " docker://" +
                                      target.host_port() + "/charts/mychart 2>&1",
                                  &tags),
              0)
        << tags;
    EXPECT_NE(tags.find("\"0.1.0_build.1\""), std::string::npos) << tags;
  }

  // A second version; the listing shows both, newest first, with metadata.
  ASSERT_EQ(Push(id, BuildChartArchive("mychart", "0.2.0"), "?repository=charts/mychart").status,
            201);
  testing::HttpClient client;
  auto listed = client.Get(hub_->Url("/api/v1/registries/" + id + "/charts?metadata=true"), token_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  json chart = listed.Json().at("charts")[0];
  EXPECT_EQ(chart.at("versions"), json::array({"0.2.0", "0.1.0+build.1"})) << chart.dump(2);
  json newest = chart.at("metadata")[0];
  EXPECT_EQ(newest.at("name"), "mychart");
  EXPECT_EQ(newest.at("description"), "The mychart chart");
  EXPECT_EQ(newest.at("appVersion"), "1.16.0");
  EXPECT_EQ(newest.at("type"), "application");
  EXPECT_FALSE(newest.value("created", "").empty()) << newest.dump();
  EXPECT_EQ(chart.at("metadata")[1].at("digest"), answer.at("digest"));

  // The same chart again: the same digests (blobs already there are not re-sent).
  auto again = Push(id, archive);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json().at("chart_digest"), answer.at("chart_digest"));
  EXPECT_EQ(again.Json().at("config_digest"), answer.at("config_digest"));
  std::string log = target.log();
  EXPECT_EQ(log.find(kPassword), std::string::npos);

  // Audited without a secret.
  auto audit = client.Get(hub_->Url("/api/v1/audit"), token_);
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_NE(audit.body.find("chart.push"), std::string::npos) << audit.body.substr(0, 2000);
  EXPECT_EQ(audit.body.find(kPassword), std::string::npos);
}

TEST_F(ChartPush, PushesThroughTheTokenFlow) {
  testing::TestCa ca;
  testing::TokenIssuer issuer(ca, "test-issuer", "test-registry",
                              {{kUser, {.password = kPassword, .grants = {{"charts/mychart", {"*"}}}}},
                               {"reader", {.password = "Reader-Pass-1", .grants = {{"*", {"pull"}}}}}});
  DockerRegistry target({.auth = DockerRegistry::Auth::kToken, .token_issuer = &issuer});
  std::string id = CreateRegistry(target, ChartUsage());
  ASSERT_FALSE(id.empty());
  auto pushed = Push(id, BuildChartArchive("mychart", "1.0.0"));
  ASSERT_EQ(pushed.status, 201) << pushed.body;
  EXPECT_GT(issuer.tokens_issued(), 0);
  if (HaveSkopeo()) {
    json manifest = json::parse(SkopeoRaw(target, "charts/mychart:1.0.0"), nullptr, false);
    ASSERT_TRUE(manifest.is_object());
    EXPECT_EQ(manifest.at("config").at("mediaType"), registry::media_types::kHelmConfig);
  }

  // A user the token service grants only pull: the push is refused, plainly.
  std::string reader_id = CreateRegistryAt("localhost:" + std::to_string(target.port()),
                                           ChartUsage(), "reader", "Reader-Pass-1", "plain-http");
  ASSERT_FALSE(reader_id.empty());
  auto refused = Push(reader_id, BuildChartArchive("mychart", "1.0.1"));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("insufficient scope"), std::string::npos) << refused.body;
}

TEST_F(ChartPush, RefusesBeforeTouchingTheRegistry) {
  DockerRegistry target({.auth = DockerRegistry::Auth::kHtpasswd,
                         .htpasswd_users = {{kUser, kPassword}}});
  std::string id = CreateRegistry(target, ChartUsage());
  std::string no_push = CreateRegistryAt(
      "charts-nopush.example.com",
      {{"chart_repository", true}, {"chart_repositories", {"charts/mychart"}}}, kUser, kPassword,
      "verify");
  std::string not_charts = CreateRegistryAt("charts-none.example.com", {{"push_images", true}},
                                            kUser, kPassword, "verify");
  ASSERT_FALSE(id.empty());
  std::string good = BuildChartArchive("mychart", "1.0.0");
  struct Case {
    const char* label;
    std::string id;
    std::string archive;
    std::string query;
    std::string content_type;
    long status;
    const char* message_part;
  };
  std::vector<Case> cases = {
      {"not gzip", id, "plain text", "", "application/gzip", 400, "not gzip-compressed"},
      {"no Chart.yaml", id,
       testing::Gzip(testing::BuildTar({{"mychart/values.yaml", "a: 1\n"}})), "",
       "application/gzip", 400, "Chart.yaml is missing"},
      {"loose version", id, BuildChartArchive("mychart", "1.0"), "", "application/gzip", 400,
       "not a strict SemVer"},
      {"repository not listed", id, good, "?repository=charts/elsewhere/mychart",
       "application/gzip", 400, "is not one of the registry's chart repositories"},
      {"repository of another chart", id, good, "?repository=charts/other", "application/gzip",
       400, "holds the chart \"other\""},
      {"no repository for the chart", id, BuildChartArchive("nochart", "1.0.0"), "",
       "application/gzip", 400, "no chart repository of the registry is named after"},
      {"JSON body", id, "{}", "", "application/json", 400, "Content-Type application/gzip"},
      {"over 10 MiB", id, std::string("\x1f\x8b", 2) + std::string(11 * 1024 * 1024, 'x'), "",
       "application/gzip", 413, "at most 10 MiB"},
      {"over the route's 16 MiB", id, std::string(17 * 1024 * 1024, 'x'), "",
       "application/gzip", 413, "size limit of 16 MiB"},
      {"unknown registry", "no-such-id", good, "", "application/gzip", 404, ""},
  };
  if (!no_push.empty()) {
    cases.push_back({"push_charts off", no_push, good, "", "application/gzip", 400,
                     "does not take chart pushes: set usage.push_charts"});
  }
  if (!not_charts.empty()) {
    cases.push_back({"not a chart repository", not_charts, good, "", "application/gzip", 400,
                     "is not used as a chart repository"});
  }
  for (const Case& c : cases) {
    auto response = Push(c.id, c.archive, c.query, c.content_type);
    EXPECT_EQ(response.status, c.status) << c.label << ": " << response.body;
    json error = response.Json();
    std::string message = error.is_object() && error.contains("error")
                              ? error["error"].value("message", "")
                              : response.body;
    EXPECT_NE(message.find(c.message_part), std::string::npos) << c.label << ": " << response.body;
  }
  // Nothing reached the registry.
  std::string log = target.log();
  EXPECT_EQ(log.find("blobs/uploads"), std::string::npos) << log.substr(0, 3000);

  // Other routes keep the 1 MiB limit.
  testing::HttpClient client;
  auto big = client.SendRaw("POST", hub_->Url("/api/v1/registries"),
                            std::string(2 * 1024 * 1024, ' '), token_);
  EXPECT_EQ(big.status, 413) << big.body;
  EXPECT_NE(big.body.find("size limit of 1 MiB"), std::string::npos) << big.body;

  // Anonymous callers are refused before anything is read.
  testing::HttpClient anonymous;
  auto refused = anonymous.SendRaw("POST", hub_->Url("/api/v1/registries/" + id + "/charts"), good,
                                   "", "application/gzip");
  EXPECT_EQ(refused.status, 401) << refused.body;
}

TEST_F(ChartPush, TheCliPushesAFileAndReportsTheReference) {
  DockerRegistry target({.auth = DockerRegistry::Auth::kHtpasswd,
                         .htpasswd_users = {{kUser, kPassword}}});
  std::string id = CreateRegistry(target, ChartUsage());
  ASSERT_FALSE(id.empty());
  testing::TempDir home;
  auto chart_path = home.path() / "mychart-2.0.0.tgz";
  std::ofstream(chart_path, std::ios::binary) << BuildChartArchive("mychart", "2.0.0");
  std::string env = "HOME=" + home.path().string() + " REGHUB_SERVER=" + hub_->base_url() +
                    " REGHUB_TOKEN=" + token_ + " ";

  std::string output;
  int status = testing::RunCommand(
      env + REGHUB_BINARY " chart push " + target.host_port() + " " + chart_path.string() + " 2>&1",
      &output);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("oci://" + target.host_port() + "/charts/mychart:2.0.0"), std::string::npos)
      << output;

  // The order helm users type: the archive first, the registry as a flag.
  auto next_path = home.path() / "mychart-2.0.1.tgz";
  std::ofstream(next_path, std::ios::binary) << BuildChartArchive("mychart", "2.0.1");
  status = testing::RunCommand(
      env + REGHUB_BINARY " chart push " + next_path.string() + " --registry " + id + " 2>&1",
      &output);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("/charts/mychart:2.0.1"), std::string::npos) << output;
  status = testing::RunCommand(env + REGHUB_BINARY " chart push " + id + " " +
                                   next_path.string() + " --registry " + id + " 2>&1",
                               &output);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("with --registry, give only the chart archive"), std::string::npos)
      << output;

  status = testing::RunCommand(env + REGHUB_BINARY " chart push " + id + " " +
                                   chart_path.string() + " --repository charts/other -o json 2>&1",
                               &output);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("holds the chart \"other\""), std::string::npos) << output;

  status = testing::RunCommand(env + REGHUB_BINARY " chart push " + id + " " +
                                   (home.path() / "missing.tgz").string() + " 2>&1",
                               &output);
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("missing.tgz"), std::string::npos) << output;

  status = testing::RunCommand(env + REGHUB_BINARY " chart list " + id + " -o json 2>&1", &output);
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("\"2.0.0\""), std::string::npos) << output;
}

}  // namespace
}  // namespace reghub
