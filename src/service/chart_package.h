#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "service/chart_archive.h"
#include "service/chart_version.h"

namespace reghub::service {

// A packaged chart, read and checked, ready to push as an OCI artifact.
struct ChartPackage {
  std::string name;          // Chart.yaml name (also the archive's directory)
  ChartVersion version;      // Chart.yaml version, strict semver
  std::string api_version;   // "v1" or "v2"
  std::string description;
  std::string app_version;
  std::string home;
  std::string first_source;  // sources[0], "" when none
  // The Helm config blob (application/vnd.cncf.helm.config.v1+json): the
  // Chart.yaml fields as JSON with Helm's names, in Helm's order
  // (helm pkg/chart Metadata), empty fields left out.
  std::string config_json;
};

// Reads a `helm package` archive (see ReadChartArchive) and checks its
// Chart.yaml as `helm lint`/Helm's loader would: valid YAML mapping;
// apiVersion "v1" or "v2"; name present, a valid OCI path component and the
// archive's directory; version a strict SemVer 2.0.0 version (the OCI tag is
// made from it); type "application" or "library" when set. invalid_argument
// naming the field otherwise (payload_too_large for the archive limits).
Result<ChartPackage> ReadChartPackage(std::string_view archive,
                                      const ChartArchiveLimits& limits = {});

}  // namespace reghub::service
