// Reading packaged charts: the archive checks (gzip, tar, layout, limits) and
// the Chart.yaml checks, table-driven, plus the Helm config and manifest the
// push writes.
#include "service/chart_package.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "registry/media_types.h"
#include "service/chart_push.h"
#include "support/chart_archive_builder.h"

namespace reghub::service {
namespace {

using testing::BuildChartArchive;
using testing::BuildTar;
using testing::Gzip;
using testing::TarEntry;

std::string Chart(const std::string& yaml, const std::string& dir = "mychart") {
  return Gzip(BuildTar({{dir + "/Chart.yaml", yaml}, {dir + "/values.yaml", "a: 1\n"}}));
}

TEST(ChartPackage, ReadsAHelmPackagedChart) {
  auto package = ReadChartPackage(BuildChartArchive("mychart", "0.1.0+build.7"));
  ASSERT_TRUE(package.ok()) << package.error().message;
  EXPECT_EQ(package->name, "mychart");
  EXPECT_EQ(package->version.text, "0.1.0+build.7");
  EXPECT_EQ(package->api_version, "v2");
  EXPECT_EQ(package->app_version, "1.16.0");
  EXPECT_EQ(package->description, "The mychart chart");
}

TEST(ChartPackage, ConfigIsChartYamlAsJsonWithHelmsFieldOrderAndNames) {
  std::string yaml =
      "type: application\nappVersion: \"2.0\"\nversion: 1.2.3\nname: mychart\napiVersion: v2\n"
      "home: https://example.com\nsources: [https://git.example/mychart]\nkeywords: []\n"
      "deprecated: false\nmaintainers:\n  - name: Ann\n    email: ann@example.com\n"
      "dependencies:\n  - name: db\n    version: 1.x\n    enabled: true\n"
      "annotations:\n  category: Database\n";
  auto package = ReadChartPackage(Chart(yaml));
  ASSERT_TRUE(package.ok()) << package.error().message;
  EXPECT_EQ(package->config_json,
            R"({"name":"mychart","home":"https://example.com","sources":["https://git.example/mychart"],)"
            R"("version":"1.2.3","maintainers":[{"name":"Ann","email":"ann@example.com"}],)"
            R"("apiVersion":"v2","appVersion":"2.0","annotations":{"category":"Database"},)"
            R"("dependencies":[{"name":"db","version":"1.x","enabled":true}],"type":"application"})");
  EXPECT_EQ(package->first_source, "https://git.example/mychart");
  EXPECT_EQ(package->home, "https://example.com");
}

struct Refusal {
  const char* label;
  std::string archive;
  ErrorCode code;
  const char* message_part;
};

class ChartPackageRefuses : public ::testing::TestWithParam<Refusal> {};

TEST_P(ChartPackageRefuses, WithAPreciseMessage) {
  const Refusal& refusal = GetParam();
  ChartArchiveLimits limits;
  limits.max_archive_bytes = 64 * 1024;
  limits.max_decompressed_bytes = 256 * 1024;
  limits.max_file_bytes = 32 * 1024;
  auto package = ReadChartPackage(refusal.archive, limits);
  ASSERT_FALSE(package.ok()) << refusal.label;
  EXPECT_EQ(package.error().code, refusal.code) << refusal.label << ": " << package.error().message;
  EXPECT_NE(package.error().message.find(refusal.message_part), std::string::npos)
      << refusal.label << ": " << package.error().message;
}

const std::string kGoodYaml = "apiVersion: v2\nname: mychart\nversion: 1.0.0\n";

std::string Truncated() {
  std::string archive = BuildChartArchive("mychart", "1.0.0");
  return archive.substr(0, archive.size() / 2);
}

std::string BadCrc() {
  std::string archive = BuildChartArchive("mychart", "1.0.0");
  archive[archive.size() - 6] ^= 0x55;  // inside the CRC-32 of the trailer
  return archive;
}

std::string TrailingGarbage() { return BuildChartArchive("mychart", "1.0.0") + "garbage"; }

std::string Bomb() {
  // 300 KiB of zeros in one file compresses to almost nothing.
  return Gzip(BuildTar({{"mychart/Chart.yaml", kGoodYaml},
                        {"mychart/big.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big2.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big3.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big4.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big5.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big6.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big7.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big8.bin", std::string(30 * 1024, 'a')},
                        {"mychart/big9.bin", std::string(30 * 1024, 'a')}}));
}

std::string BadChecksum() {
  std::string tar = BuildTar({{"mychart/Chart.yaml", kGoodYaml}});
  tar[0] = 'M';  // the name changes, the checksum does not
  return Gzip(tar);
}

INSTANTIATE_TEST_SUITE_P(
    Archives, ChartPackageRefuses,
    ::testing::Values(
        Refusal{"empty", "", ErrorCode::kInvalidArgument, "empty"},
        Refusal{"not gzip", "PK\x03\x04 a zip file", ErrorCode::kInvalidArgument,
                "not gzip-compressed"},
        Refusal{"oversize", std::string("\x1f\x8b", 2) + std::string(70 * 1024, 'x'),
                ErrorCode::kPayloadTooLarge, "at most 64 KiB"},
        Refusal{"corrupt gzip", BadCrc(), ErrorCode::kInvalidArgument, "corrupt (gzip:"},
        Refusal{"truncated", Truncated(), ErrorCode::kInvalidArgument, "truncated"},
        Refusal{"data after gzip", TrailingGarbage(), ErrorCode::kInvalidArgument,
                "after the end of its gzip stream"},
        Refusal{"gzip of not a tar", Gzip(std::string(1024, 'z')), ErrorCode::kInvalidArgument,
                "not a valid tar file"},
        Refusal{"bad header checksum", BadChecksum(), ErrorCode::kInvalidArgument,
                "bad header checksum"},
        Refusal{"decompression bomb", Bomb(), ErrorCode::kPayloadTooLarge, "expands to more than"},
        Refusal{"oversize file",
                Gzip(BuildTar({{"mychart/Chart.yaml", kGoodYaml},
                               {"mychart/huge.bin", std::string(40 * 1024, 'a')}})),
                ErrorCode::kPayloadTooLarge, "\"mychart/huge.bin\""},
        Refusal{"missing Chart.yaml", Gzip(BuildTar({{"mychart/values.yaml", "a: 1\n"}})),
                ErrorCode::kInvalidArgument, "Chart.yaml is missing"},
        Refusal{"Chart.yaml at the root", Gzip(BuildTar({{"Chart.yaml", kGoodYaml}})),
                ErrorCode::kInvalidArgument, "outside a chart directory"},
        Refusal{"Chart.yaml in a subdirectory",
                Gzip(BuildTar({{"mychart/sub/Chart.yaml", kGoodYaml}})),
                ErrorCode::kInvalidArgument, "Chart.yaml is missing"},
        Refusal{"two top-level directories",
                Gzip(BuildTar({{"mychart/Chart.yaml", kGoodYaml}, {"other/x.yaml", "a: 1"}})),
                ErrorCode::kInvalidArgument, "more than one top-level directory"},
        Refusal{"absolute path", Gzip(BuildTar({{"/etc/mychart/Chart.yaml", kGoodYaml}})),
                ErrorCode::kInvalidArgument, "absolute path"},
        Refusal{"parent directory",
                Gzip(BuildTar({{"mychart/Chart.yaml", kGoodYaml}, {"mychart/../../x", "a"}})),
                ErrorCode::kInvalidArgument, "leaves the chart"},
        Refusal{"symlink",
                Gzip(BuildTar({{"mychart/Chart.yaml", kGoodYaml}, {"mychart/link", "", '2'}})),
                ErrorCode::kInvalidArgument, "holds a link"},
        Refusal{"device file",
                Gzip(BuildTar({{"mychart/Chart.yaml", kGoodYaml}, {"mychart/dev", "", '3'}})),
                ErrorCode::kInvalidArgument, "not a regular file or directory"},
        Refusal{"no end marker",
                Gzip(BuildTar({{"mychart/Chart.yaml", kGoodYaml}}, false).substr(0, 700)),
                ErrorCode::kInvalidArgument, "not a whole tar file"},
        Refusal{"invalid YAML", Chart("name: [unclosed\n"), ErrorCode::kInvalidArgument,
                "not valid YAML (line"},
        Refusal{"YAML not a mapping", Chart("- a\n- b\n"), ErrorCode::kInvalidArgument,
                "YAML mapping"},
        Refusal{"no apiVersion", Chart("name: mychart\nversion: 1.0.0\n"),
                ErrorCode::kInvalidArgument, "Chart.yaml apiVersion"},
        Refusal{"apiVersion v3", Chart("apiVersion: v3\nname: mychart\nversion: 1.0.0\n"),
                ErrorCode::kInvalidArgument, "must be v1 or v2"},
        Refusal{"no name", Chart("apiVersion: v2\nversion: 1.0.0\n"), ErrorCode::kInvalidArgument,
                "Chart.yaml name: is required"},
        Refusal{"upper-case name", Chart("apiVersion: v2\nname: MyChart\nversion: 1.0.0\n", "MyChart"),
                ErrorCode::kInvalidArgument, "OCI repository name"},
        Refusal{"name differs from directory",
                Chart("apiVersion: v2\nname: other\nversion: 1.0.0\n"),
                ErrorCode::kInvalidArgument, "the archive's directory is \"mychart\""},
        Refusal{"no version", Chart("apiVersion: v2\nname: mychart\n"), ErrorCode::kInvalidArgument,
                "Chart.yaml version: is required"},
        Refusal{"loose version", Chart("apiVersion: v2\nname: mychart\nversion: v1.2\n"),
                ErrorCode::kInvalidArgument, "not a strict SemVer"},
        Refusal{"underscore version", Chart("apiVersion: v2\nname: mychart\nversion: 1.0.0_b\n"),
                ErrorCode::kInvalidArgument, "not a strict SemVer"},
        Refusal{"map as name", Chart("apiVersion: v2\nname: {a: b}\nversion: 1.0.0\n"),
                ErrorCode::kInvalidArgument, "must be a string"},
        Refusal{"unknown type",
                Chart("apiVersion: v2\nname: mychart\nversion: 1.0.0\ntype: plugin\n"),
                ErrorCode::kInvalidArgument, "application or library"}),
    [](const ::testing::TestParamInfo<Refusal>& info) {
      std::string name;
      for (char c : std::string(info.param.label)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(ChartArchive, FollowsPaxAndGnuLongNames) {
  std::string long_dir = "mychart/templates/" + std::string(120, 'd');
  std::string pax = "27 path=mychart/Chart.yaml\n";
  auto contents = ReadChartArchive(Gzip(BuildTar({{"PaxHeaders/Chart.yaml", pax, 'x'},
                                                  {"ignored-short-name", kGoodYaml},
                                                  {"././@LongLink", long_dir + "/x.yaml", 'L'},
                                                  {"truncated", "kind: x\n"}})));
  ASSERT_TRUE(contents.ok()) << contents.error().message;
  EXPECT_EQ(contents->directory, "mychart");
  EXPECT_EQ(contents->chart_yaml, kGoodYaml);
  EXPECT_EQ(contents->files, 2u);
}

TEST(ChartPush, ManifestHasHelmsMediaTypesAnnotationsAndNoArtifactType) {
  auto package = ReadChartPackage(BuildChartArchive("mychart", "0.1.0+b.1"));
  ASSERT_TRUE(package.ok()) << package.error().message;
  std::string body = HelmChartManifest(*package, "sha256:c0", "sha256:ch", 1234, "2026-11-27T00:00:00Z");
  auto manifest = nlohmann::json::parse(body);
  EXPECT_EQ(manifest["schemaVersion"], 2);
  EXPECT_EQ(manifest["mediaType"], registry::media_types::kOciManifest);
  EXPECT_FALSE(manifest.contains("artifactType"));
  EXPECT_EQ(manifest["config"]["mediaType"], registry::media_types::kHelmConfig);
  EXPECT_EQ(manifest["config"]["digest"], "sha256:c0");
  EXPECT_EQ(manifest["config"]["size"], package->config_json.size());
  ASSERT_EQ(manifest["layers"].size(), 1u);
  EXPECT_EQ(manifest["layers"][0]["mediaType"], registry::media_types::kHelmChartContent);
  EXPECT_EQ(manifest["layers"][0]["digest"], "sha256:ch");
  EXPECT_EQ(manifest["layers"][0]["size"], 1234);
  const auto& annotations = manifest["annotations"];
  EXPECT_EQ(annotations["org.opencontainers.image.title"], "mychart");
  EXPECT_EQ(annotations["org.opencontainers.image.version"], "0.1.0+b.1");
  EXPECT_EQ(annotations["org.opencontainers.image.created"], "2026-11-27T00:00:00Z");
  EXPECT_EQ(annotations["org.opencontainers.image.description"], "The mychart chart");
}

}  // namespace
}  // namespace reghub::service
