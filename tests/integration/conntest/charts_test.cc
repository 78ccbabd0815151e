// The chart store listing end to end: Helm-style charts pushed to a real
// docker-registry, listed by the real hub with GET /api/v1/registries/{id}/charts.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "registry/curl_http_client.h"
#include "registry/media_types.h"
#include "registry/registry_client.h"
#include "support/docker_registry.h"
#include "support/http_client.h"
#include "support/hub_server.h"

namespace reghub {
namespace {

using nlohmann::json;
using testing::DockerRegistry;
using testing::HubServer;

// Pushes a chart as Helm does: config and chart-content blobs, an OCI
// manifest with Helm's media types, tagged `tag`.
void PushChart(registry::RegistryClient& client, const std::string& repository,
               const std::string& name, const std::string& tag) {
  std::string version = tag;
  if (auto underscore = version.find('_'); underscore != std::string::npos) version[underscore] = '+';
  json config = {{"apiVersion", "v2"},
                 {"name", name},
                 {"version", version},
                 {"description", "The " + name + " chart"},
                 {"appVersion", "app-" + version},
                 {"type", "application"}};
  std::string config_body = config.dump();
  std::string content = "chart archive " + name + " " + tag;
  auto config_digest = client.PushBlob(repository, config_body);
  ASSERT_TRUE(config_digest.ok()) << config_digest.error().message;
  auto content_digest = client.PushBlob(repository, content);
  ASSERT_TRUE(content_digest.ok()) << content_digest.error().message;
  json manifest = {
      {"schemaVersion", 2},
      {"config",
       {{"mediaType", registry::media_types::kHelmConfig},
        {"digest", *config_digest},
        {"size", config_body.size()}}},
      {"layers",
       {{{"mediaType", registry::media_types::kHelmChartContent},
         {"digest", *content_digest},
         {"size", content.size()}}}},
      {"annotations",
       {{"org.opencontainers.image.title", name},
        {"org.opencontainers.image.version", version},
        {"org.opencontainers.image.created", "2026-11-27T00:00:00Z"}}}};
  auto digest =
      client.PushManifest(repository, tag, registry::media_types::kOciManifest, manifest.dump());
  ASSERT_TRUE(digest.ok()) << digest.error().message;
}

TEST(ChartStore, ListsChartRepositoriesWithSemverVersionsNewestFirst) {
  if (!DockerRegistry::Available()) GTEST_SKIP() << "docker-registry is not installed";
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  std::string token = hub.AdminToken();
  ASSERT_FALSE(token.empty());
  DockerRegistry target({});
  {
    registry::CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""});
    registry::RegistryClient client(target.origin(), http,
                                    std::make_shared<registry::StaticCredentialSource>());
    for (const char* tag : {"0.1.0", "0.10.0", "0.2.0", "1.0.0-rc.1", "1.0.0_build.5", "latest"}) {
      PushChart(client, "charts/app", "app", tag);
    }
    PushChart(client, "charts/db", "db", "2.3.4");
  }
  testing::HttpClient client;
  auto created =
      client.SendJson("POST", hub.Url("/api/v1/registries"),
                      {{"url", target.host_port()},
                       {"provider", "generic"},
                       {"access", "public"},
                       {"tls", {{"mode", "plain-http"}}},
                       {"usage",
                        {{"chart_repository", true},
                         {"chart_repositories", {"charts/app", "charts/db", "charts/none"}}}}},
                      token);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json().at("id");

  auto listed = client.Get(hub.Url("/api/v1/registries/" + id + "/charts"), token);
  ASSERT_EQ(listed.status, 200) << listed.body;
  json charts = listed.Json().at("charts");
  ASSERT_EQ(charts.size(), 3u) << charts.dump(2);
  EXPECT_EQ(charts[0].at("repository"), "charts/app");
  EXPECT_EQ(charts[0].at("name"), "app");
  EXPECT_EQ(charts[0].at("versions"),
            json::array({"1.0.0+build.5", "1.0.0-rc.1", "0.10.0", "0.2.0", "0.1.0"}));
  EXPECT_EQ(charts[1].at("versions"), json::array({"2.3.4"}));
  EXPECT_EQ(charts[2].at("versions"), json::array());
  EXPECT_FALSE(charts[2].contains("error")) << charts[2].dump();
  EXPECT_FALSE(charts[0].contains("metadata")) << "metadata is read only when asked for";

  auto detailed = client.Get(hub.Url("/api/v1/registries/" + id + "/charts?metadata=true"), token);
  ASSERT_EQ(detailed.status, 200) << detailed.body;
  json with_metadata = detailed.Json().at("charts");
  ASSERT_EQ(with_metadata.size(), 3u) << with_metadata.dump(2);
  json app = with_metadata[0].at("metadata");
  ASSERT_EQ(app.size(), 5u) << app.dump(2);
  EXPECT_EQ(app[0].at("version"), "1.0.0+build.5");
  EXPECT_EQ(app[0].at("name"), "app");
  EXPECT_EQ(app[0].at("description"), "The app chart");
  EXPECT_EQ(app[0].at("appVersion"), "app-1.0.0+build.5");
  EXPECT_EQ(app[0].at("apiVersion"), "v2");
  EXPECT_EQ(app[0].at("type"), "application");
  EXPECT_EQ(app[0].at("created"), "2026-11-27T00:00:00Z");
  EXPECT_EQ(app[0].at("digest").get<std::string>().rfind("sha256:", 0), 0u) << app[0].dump();
  EXPECT_FALSE(app[0].contains("chart_version")) << app[0].dump();
  EXPECT_FALSE(app[0].contains("error")) << app[0].dump();
  EXPECT_EQ(app[4].at("version"), "0.1.0");
  EXPECT_EQ(app[4].at("appVersion"), "app-0.1.0");
  json db = with_metadata[1].at("metadata");
  ASSERT_EQ(db.size(), 1u) << db.dump(2);
  EXPECT_EQ(db[0].at("name"), "db");
  EXPECT_EQ(db[0].at("version"), "2.3.4");
  EXPECT_EQ(with_metadata[2].at("metadata"), json::array());

  auto invalid = client.Get(hub.Url("/api/v1/registries/" + id + "/charts?metadata=yes"), token);
  EXPECT_EQ(invalid.status, 400) << invalid.body;
}

TEST(ChartStore, RefusesARegistryThatIsNotAChartRepository) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  std::string token = hub.AdminToken();
  testing::HttpClient client;
  auto created = client.SendJson(
      "POST", hub.Url("/api/v1/registries"),
      {{"url", "charts.example.com"}, {"provider", "generic"}, {"access", "public"}}, token);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json().at("id");
  auto listed = client.Get(hub.Url("/api/v1/registries/" + id + "/charts"), token);
  EXPECT_EQ(listed.status, 400) << listed.body;
  EXPECT_NE(listed.body.find("not used as a chart repository"), std::string::npos) << listed.body;
  auto missing = client.Get(hub.Url("/api/v1/registries/nope/charts"), token);
  EXPECT_EQ(missing.status, 404) << missing.body;
}

}  // namespace
}  // namespace reghub
