#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace reghub::service {

// Limits on a packaged chart, as Helm's loader applies them
// (helm pkg/chart/loader: MaxDecompressedChartSize, MaxDecompressedFileSize).
struct ChartArchiveLimits {
  std::size_t max_archive_bytes = 10 * 1024 * 1024;         // the .tgz itself
  std::size_t max_decompressed_bytes = 100 * 1024 * 1024;   // the whole tar
  std::size_t max_file_bytes = 5 * 1024 * 1024;             // any one file
};

// What a packaged chart holds that the hub needs.
struct ChartArchiveContents {
  std::string directory;    // the top-level directory ("mychart")
  std::string chart_yaml;   // <directory>/Chart.yaml, as bytes
  std::size_t files = 0;    // regular files in the archive
};

// Reads a packaged chart (`helm package` output: a gzip-compressed tar whose
// entries all live under one top-level directory) without extracting it:
// the gzip stream is inflated in chunks and the tar headers (ustar, with PAX
// 'x'/'g' and GNU 'L' long-name records) are checked as they pass (header
// checksums, sizes, a proper end). Refused, each with a message saying what
// is wrong: not gzip, a corrupt or truncated stream, data after it, an
// archive over the limits, absolute paths or "..", links and device files,
// entries outside the one top-level directory, a Chart.yaml that is missing
// or not at <directory>/Chart.yaml. Errors are invalid_argument, or
// payload_too_large for the size limits. Never quotes file contents.
Result<ChartArchiveContents> ReadChartArchive(std::string_view archive,
                                              const ChartArchiveLimits& limits = {});

}  // namespace reghub::service
