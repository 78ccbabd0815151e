#pragma once

#include <string>
#include <utility>
#include <vector>

namespace reghub::testing {

// One tar entry for ChartArchiveBuilder.
struct TarEntry {
  std::string name;
  std::string data;
  char type = '0';        // '0' file, '5' directory, '2' symlink, 'x' PAX header, 'L' GNU long name
};

// Builds tar (ustar headers with correct checksums) and gzip bytes in memory,
// so tests can make packaged charts, good and hostile, without tools.
std::string BuildTar(const std::vector<TarEntry>& entries, bool end_marker = true);
std::string Gzip(const std::string& data);

// A packaged chart as `helm package` makes it: <name>/Chart.yaml (with
// `chart_yaml`, or a v2 Chart.yaml for name/version), values.yaml and a
// template, gzip-compressed.
std::string BuildChartArchive(const std::string& name, const std::string& version,
                              const std::string& chart_yaml = "");

}  // namespace reghub::testing
