#pragma once

#include <string_view>

namespace reghub::registry::media_types {

// Manifests and indexes (OCI image-spec v1.1 and Docker distribution v2).
inline constexpr std::string_view kOciManifest = "application/vnd.oci.image.manifest.v1+json";
inline constexpr std::string_view kOciIndex = "application/vnd.oci.image.index.v1+json";
inline constexpr std::string_view kDockerManifest =
    "application/vnd.docker.distribution.manifest.v2+json";
inline constexpr std::string_view kDockerManifestList =
    "application/vnd.docker.distribution.manifest.list.v2+json";
// The Accept header the client sends for manifests: every type it understands.
inline constexpr std::string_view kManifestAccept =
    "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.docker.distribution.manifest.list.v2+json";

inline constexpr std::string_view kOciConfig = "application/vnd.oci.image.config.v1+json";
inline constexpr std::string_view kOciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
inline constexpr std::string_view kOciEmpty = "application/vnd.oci.empty.v1+json";

// Helm charts stored as OCI artifacts (helm pkg/registry/constants.go).
inline constexpr std::string_view kHelmConfig = "application/vnd.cncf.helm.config.v1+json";
inline constexpr std::string_view kHelmChartContent =
    "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
inline constexpr std::string_view kHelmProvenance =
    "application/vnd.cncf.helm.chart.provenance.v1.prov";

}  // namespace reghub::registry::media_types
