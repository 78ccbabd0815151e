// `reghub chart list` (the real binary) against a real `reghub serve` whose
// chart repository is a fake OCI registry serving one Helm-style chart.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/cli/cli_runner.h"
#include "support/docker_registry.h"
#include "support/hub_server.h"

namespace reghub::cli {
namespace {

using Json = nlohmann::json;
using reghub::testing::HubServer;
using reghub::testing::LoopbackHttpServer;
using reghub::testing::LoopbackRequest;
using reghub::testing::LoopbackResponse;
using testing::CliRun;
using testing::CliRunner;

constexpr char kConfig[] =
    R"({"apiVersion":"v2","name":"web","version":"1.1.0","description":"The web front end",)"
    R"("appVersion":"3.2.1","type":"application"})";
constexpr char kConfigDigest[] =
    "sha256:52e9cb43da51347f48eb2c14a3c72448833921cbdaf9b159037a5da09610395f";

// charts/web with tags 1.0.0 (its manifest is missing), 1.1.0 and "latest".
LoopbackResponse FakeChartRegistry(const LoopbackRequest& request) {
  if (request.path == "/v2/") return {200, {}, "{}"};
  if (request.path == "/v2/charts/web/tags/list") {
    return {200,
            {{"Content-Type", "application/json"}},
            R"({"name":"charts/web","tags":["1.0.0","1.1.0","latest"]})"};
  }
  if (request.path == "/v2/charts/web/manifests/1.1.0") {
    Json manifest = {
        {"schemaVersion", 2},
        {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
        {"config",
         {{"mediaType", "application/vnd.cncf.helm.config.v1+json"},
          {"digest", kConfigDigest},
          {"size", std::string(kConfig).size()}}},
        {"layers", Json::array()}};
    return {200, {{"Content-Type", "application/vnd.oci.image.manifest.v1+json"}}, manifest.dump()};
  }
  if (request.path == std::string("/v2/charts/web/blobs/") + kConfigDigest) {
    return {200, {{"Content-Type", "application/octet-stream"}}, kConfig};
  }
  return {404, {{"Content-Type", "application/json"}}, R"({"errors":[{"code":"NOT_FOUND"}]})"};
}

std::string Describe(const CliRun& run) {
  return "exit " + std::to_string(run.exit_code) + "\nstdout:\n" + run.out + "\nstderr:\n" +
         run.err;
}

TEST(ChartCli, ListsChartsVersionsAndDescriptionsInEveryFormat) {
  HubServer hub;
  ASSERT_EQ(hub.Start(), "");
  LoopbackHttpServer registry(FakeChartRegistry);
  CliRunner cli;
  CliRun login = cli.Run(
      {"login", "--server", hub.base_url(), "--username", "admin", "--password-stdin"},
      hub.admin_password() + "\n");
  ASSERT_EQ(login.exit_code, 0) << Describe(login);
  std::string url = "127.0.0.1:" + std::to_string(registry.port());
  CliRun created = cli.Run({"registry", "create", "--url", url, "--access", "public", "--tls",
                            "plain-http", "--chart-repository", "charts/web"});
  ASSERT_EQ(created.exit_code, 0) << Describe(created);

  CliRun table = cli.Run({"chart", "list", url});
  ASSERT_EQ(table.exit_code, 0) << Describe(table);
  EXPECT_NE(table.out.find("CHART"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("1.1.0"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("3.2.1"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("The web front end"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("error:"), std::string::npos) << "1.0.0 has no manifest: " << table.out;
  EXPECT_EQ(table.out.find("latest"), std::string::npos) << table.out;

  CliRun json = cli.Run({"chart", "list", url, "-o", "json"});
  ASSERT_EQ(json.exit_code, 0) << Describe(json);
  Json listing = Json::parse(json.out, nullptr, false);
  ASSERT_FALSE(listing.is_discarded()) << json.out;
  const Json& chart = listing.at("charts").at(0);
  EXPECT_EQ(chart.at("versions"), Json::array({"1.1.0", "1.0.0"}));
  EXPECT_EQ(chart.at("metadata").at(0).at("description"), "The web front end");
  EXPECT_EQ(chart.at("metadata").at(0).at("apiVersion"), "v2");
  EXPECT_TRUE(chart.at("metadata").at(1).contains("error")) << chart.dump(2);

  CliRun yaml = cli.Run({"chart", "list", url, "-o", "yaml"});
  ASSERT_EQ(yaml.exit_code, 0) << Describe(yaml);
  EXPECT_NE(yaml.out.find("appVersion:"), std::string::npos) << yaml.out;
  EXPECT_NE(yaml.out.find("3.2.1"), std::string::npos) << yaml.out;

  CliRun missing = cli.Run({"chart", "list", "nope"});
  EXPECT_EQ(missing.exit_code, 1) << Describe(missing);
}

}  // namespace
}  // namespace reghub::cli
