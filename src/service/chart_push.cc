#include "service/chart_push.h"

#include <nlohmann/json.hpp>

#include "registry/digest.h"
#include "registry/media_types.h"
#include "service/chart_metadata.h"

namespace reghub::service {

namespace media_types = registry::media_types;

std::string HelmChartManifest(const ChartPackage& package, std::string_view config_digest,
                              std::string_view chart_digest, std::size_t chart_size,
                              std::string_view created) {
  nlohmann::ordered_json annotations = nlohmann::ordered_json::object();
  if (!package.description.empty()) {
    annotations["org.opencontainers.image.description"] = package.description;
  }
  annotations["org.opencontainers.image.title"] = package.name;
  annotations["org.opencontainers.image.version"] = package.version.text;
  annotations["org.opencontainers.image.created"] = std::string(created);
  if (!package.home.empty()) annotations["org.opencontainers.image.url"] = package.home;
  if (!package.first_source.empty()) {
    annotations["org.opencontainers.image.source"] = package.first_source;
  }
  nlohmann::ordered_json manifest = {
      {"schemaVersion", 2},
      {"mediaType", media_types::kOciManifest},
      {"config",
       {{"mediaType", media_types::kHelmConfig},
        {"digest", std::string(config_digest)},
        {"size", package.config_json.size()}}},
      {"layers", nlohmann::ordered_json::array({{{"mediaType", media_types::kHelmChartContent},
                                                 {"digest", std::string(chart_digest)},
                                                 {"size", chart_size}}})},
      {"annotations", std::move(annotations)}};
  return manifest.dump();
}

Result<PushedChart> PushChartPackage(registry::RegistryClient& client, std::string_view repository,
                                     const ChartPackage& package, std::string_view archive,
                                     std::string_view created) {
  PushedChart pushed;
  pushed.tag = ChartVersionTag(package.version);
  REGHUB_ASSIGN_OR_RETURN(pushed.config_digest, client.PushBlob(repository, package.config_json));
  REGHUB_ASSIGN_OR_RETURN(pushed.chart_digest, client.PushBlob(repository, archive));
  std::string manifest = HelmChartManifest(package, pushed.config_digest, pushed.chart_digest,
                                           archive.size(), created);
  pushed.manifest_size = manifest.size();
  REGHUB_ASSIGN_OR_RETURN(pushed.digest, client.PushManifest(repository, pushed.tag,
                                                             media_types::kOciManifest, manifest));
  return pushed;
}

}  // namespace reghub::service
