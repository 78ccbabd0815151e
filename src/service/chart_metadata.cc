#include "service/chart_metadata.h"

#include <nlohmann/json.hpp>

#include "registry/media_types.h"

namespace reghub::service {
namespace {

std::string StringField(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

}  // namespace

std::string ChartVersionTag(const ChartVersion& version) {
  std::string tag = version.text;
  for (char& c : tag) {
    if (c == '+') c = '_';
  }
  return tag;
}

ChartMetadata ReadChartMetadata(registry::RegistryClient& client, std::string_view repository,
                                const ChartVersion& version) {
  ChartMetadata metadata;
  metadata.version = version.text;
  auto manifest = client.GetManifest(repository, ChartVersionTag(version));
  if (!manifest.ok()) {
    metadata.error = manifest.error().message;
    return metadata;
  }
  metadata.digest = manifest->digest;
  nlohmann::json body = nlohmann::json::parse(manifest->body, nullptr, false);
  if (!body.is_object() || !body.contains("config") || !body["config"].is_object()) {
    metadata.error = "the manifest of " + version.text + " has no config";
    return metadata;
  }
  if (auto annotations = body.find("annotations");
      annotations != body.end() && annotations->is_object()) {
    metadata.created = StringField(*annotations, "org.opencontainers.image.created");
  }
  const nlohmann::json& config = body["config"];
  if (StringField(config, "mediaType") != registry::media_types::kHelmConfig) {
    metadata.error = "the manifest of " + version.text + " is not a Helm chart (config " +
                     StringField(config, "mediaType") + ")";
    return metadata;
  }
  auto blob = client.GetBlob(repository, StringField(config, "digest"));
  if (!blob.ok()) {
    metadata.error = blob.error().message;
    return metadata;
  }
  nlohmann::json chart = nlohmann::json::parse(*blob, nullptr, false);
  if (!chart.is_object()) {
    metadata.error = "the Helm config of " + version.text + " is not a JSON object";
    return metadata;
  }
  metadata.name = StringField(chart, "name");
  metadata.chart_version = StringField(chart, "version");
  metadata.description = StringField(chart, "description");
  metadata.app_version = StringField(chart, "appVersion");
  metadata.api_version = StringField(chart, "apiVersion");
  metadata.type = StringField(chart, "type");
  return metadata;
}

}  // namespace reghub::service
