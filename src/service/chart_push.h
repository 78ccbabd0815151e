#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"
#include "registry/registry_client.h"
#include "service/chart_package.h"

namespace reghub::service {

// What a chart push stored.
struct PushedChart {
  std::string tag;             // the version with '+' written '_'
  std::string digest;          // the manifest's digest
  std::string config_digest;
  std::string chart_digest;    // the .tgz layer
  std::size_t manifest_size = 0;
};

// The OCI image manifest Helm writes for a chart (helm pkg/registry
// client.go): config application/vnd.cncf.helm.config.v1+json, one layer
// application/vnd.cncf.helm.chart.content.v1.tar+gzip, Helm's
// org.opencontainers.image.* annotations (title, version, created,
// description, url, source). No artifactType: by the image-spec, the config's
// media type is then the artifact type, which is how Helm and ORAS read it.
std::string HelmChartManifest(const ChartPackage& package, std::string_view config_digest,
                              std::string_view chart_digest, std::size_t chart_size,
                              std::string_view created);

// Pushes `archive` (already read into `package`) to `repository`: the config
// and chart blobs (HEAD first, uploads only what is missing), then the
// manifest tagged with the chart version. `created` is RFC 3339.
Result<PushedChart> PushChartPackage(registry::RegistryClient& client, std::string_view repository,
                                     const ChartPackage& package, std::string_view archive,
                                     std::string_view created);

}  // namespace reghub::service
