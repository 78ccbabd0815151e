#pragma once

#include <string>
#include <string_view>

#include "registry/registry_client.h"
#include "service/chart_version.h"

namespace reghub::service {

// What a chart version's OCI manifest and Helm config blob say: the Chart.yaml
// fields Helm stores as JSON in the config (application/vnd.cncf.helm.config.v1+json),
// the manifest digest and its org.opencontainers.image.created annotation.
// Fields the chart does not set are "". error is set (and the rest may be
// partial) when the manifest or config could not be read or is not Helm's.
struct ChartMetadata {
  std::string version;      // the listed version ("1.0.0+build.5")
  std::string name;         // Chart.yaml name
  std::string chart_version;  // Chart.yaml version
  std::string description;
  std::string app_version;
  std::string api_version;
  std::string type;
  std::string digest;       // the manifest digest ("sha256:…")
  std::string created;      // org.opencontainers.image.created, "" when absent
  std::string error;        // why it could not be read ("" when read)
};

// The OCI tag of a chart version: '+' is written '_'.
std::string ChartVersionTag(const ChartVersion& version);

// Reads the manifest tagged with `version` in `repository` and its config blob.
// Never fails as a whole: problems are reported in ChartMetadata::error.
ChartMetadata ReadChartMetadata(registry::RegistryClient& client, std::string_view repository,
                                const ChartVersion& version);

}  // namespace reghub::service
