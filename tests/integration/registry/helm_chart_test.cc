// Pushing a Helm chart as an OCI artifact (Helm's media types, no mediaType
// in the body, as helm's client.go builds it) and reading it back with the
// client and with skopeo as an independent client.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

#include "registry/curl_http_client.h"
#include "registry/digest.h"
#include "registry/media_types.h"
#include "registry/registry_client.h"
#include "support/docker_registry.h"

namespace reghub::registry {
namespace {

using testing::DockerRegistry;

TEST(HelmChartPush, PushesAChartManifestThatSkopeoReadsBack) {
  if (!DockerRegistry::Available()) GTEST_SKIP() << "docker-registry is not installed";
  DockerRegistry registry({});
  CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""});
  RegistryClient client(registry.origin(), http, nullptr);

  std::string config = R"({"apiVersion":"v2","name":"mychart","version":"0.1.0+build.1","type":"application"})";
  std::string chart = std::string("\x1f\x8b\x08\x00", 4) + "not really a tarball, but bytes";
  std::string provenance = "-----BEGIN PGP SIGNED MESSAGE-----\nname: mychart\n";
  auto config_digest = client.PushBlob("charts/mychart", config);
  auto chart_digest = client.PushBlob("charts/mychart", chart);
  auto prov_digest = client.PushBlob("charts/mychart", provenance);
  ASSERT_TRUE(config_digest.ok() && chart_digest.ok() && prov_digest.ok());

  nlohmann::json manifest = {
      {"schemaVersion", 2},
      {"config", {{"mediaType", media_types::kHelmConfig}, {"digest", *config_digest}, {"size", config.size()}}},
      {"layers",
       {{{"mediaType", media_types::kHelmChartContent}, {"digest", *chart_digest}, {"size", chart.size()}},
        {{"mediaType", media_types::kHelmProvenance}, {"digest", *prov_digest}, {"size", provenance.size()}}}},
      {"annotations", {{"org.opencontainers.image.title", "mychart"},
                       {"org.opencontainers.image.version", "0.1.0+build.1"}}}};
  std::string body = manifest.dump();
  // Helm tags "+" as "_".
  auto digest = client.PushManifest("charts/mychart", "0.1.0_build.1", media_types::kOciManifest, body);
  ASSERT_TRUE(digest.ok()) << digest.error().message;
  EXPECT_EQ(*digest, Sha256Digest(body));

  auto fetched = client.GetManifest("charts/mychart", "0.1.0_build.1");
  ASSERT_TRUE(fetched.ok()) << fetched.error().message;
  EXPECT_EQ(fetched->media_type, media_types::kOciManifest);
  EXPECT_EQ(fetched->body, body);
  auto fetched_config = client.GetBlob("charts/mychart", *config_digest);
  ASSERT_TRUE(fetched_config.ok());
  EXPECT_EQ(*fetched_config, config);

  if (std::system("command -v skopeo >/dev/null 2>&1") != 0) GTEST_SKIP() << "skopeo missing";
  std::string raw;
  int status = testing::RunCommand("skopeo inspect --raw --tls-verify=false docker://" +
                                       registry.host_port() + "/charts/mychart:0.1.0_build.1 2>&1",
                                   &raw);
  ASSERT_EQ(status, 0) << raw;
  EXPECT_EQ(raw.substr(0, raw.find_last_not_of('\n') + 1), body);
  auto seen = nlohmann::json::parse(raw);
  EXPECT_EQ(seen["config"]["mediaType"], media_types::kHelmConfig);
  EXPECT_EQ(seen["layers"][0]["mediaType"], media_types::kHelmChartContent);
  EXPECT_EQ(seen["layers"][1]["mediaType"], media_types::kHelmProvenance);

  std::string tags;
  ASSERT_EQ(testing::RunCommand("skopeo list-tags --tls-verify=false docker://" +
                                    registry.host_port() + "/charts/mychart 2>&1",
                                &tags),
            0)
      << tags;
  EXPECT_NE(tags.find("0.1.0_build.1"), std::string::npos) << tags;
}

}  // namespace
}  // namespace reghub::registry
