#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reghub::service {

// A strict Semantic Versioning 2.0.0 version as Helm charts use them in OCI
// tags, where '+' is not allowed and is written '_' ("1.0.0_build.1").
struct ChartVersion {
  unsigned long long major = 0, minor = 0, patch = 0;
  std::vector<std::string> prerelease;  // dot-separated identifiers
  std::string build;                    // after '+', "" when none
  std::string text;                     // the version with '+' ("1.0.0+build.1")
};

// Parses a tag: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] with '_' read as '+';
// no leading zeros in numbers or numeric pre-release identifiers, no "v"
// prefix, identifiers [0-9A-Za-z-]+. nullopt when the tag is not such a version.
std::optional<ChartVersion> ParseChartVersion(std::string_view tag);

// Semver precedence (build metadata ignored): <0, 0, >0.
int CompareChartVersions(const ChartVersion& a, const ChartVersion& b);

// The tags that are chart versions, newest first (ties by text, so the order
// is total and stable).
std::vector<ChartVersion> ChartVersionsNewestFirst(const std::vector<std::string>& tags);

}  // namespace reghub::service
