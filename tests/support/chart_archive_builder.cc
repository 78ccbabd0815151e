#include "support/chart_archive_builder.h"

#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace reghub::testing {
namespace {

void PutOctal(char* field, std::size_t length, unsigned long long value) {
  std::snprintf(field, length, "%0*llo", static_cast<int>(length - 1), value);
}

std::string Header(const TarEntry& entry) {
  std::string header(512, '\0');
  char* h = header.data();
  std::memcpy(h, entry.name.data(), std::min<std::size_t>(entry.name.size(), 100));
  PutOctal(h + 100, 8, entry.type == '5' ? 0755 : 0644);
  PutOctal(h + 108, 8, 0);
  PutOctal(h + 116, 8, 0);
  PutOctal(h + 124, 12, entry.type == '5' ? 0 : entry.data.size());
  PutOctal(h + 136, 12, 1767225600);
  h[156] = entry.type;
  if (entry.type == '2') std::memcpy(h + 157, "/etc/passwd", 11);
  std::memcpy(h + 257, "ustar\0" "00", 8);
  std::memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : header) sum += c;
  std::snprintf(h + 148, 8, "%06o", sum);
  h[155] = ' ';
  return header;
}

}  // namespace

std::string BuildTar(const std::vector<TarEntry>& entries, bool end_marker) {
  std::string tar;
  for (const auto& entry : entries) {
    tar += Header(entry);
    if (entry.type != '5') {
      tar += entry.data;
      tar.append((512 - entry.data.size() % 512) % 512, '\0');
    }
  }
  if (end_marker) tar.append(1024, '\0');
  return tar;
}

std::string Gzip(const std::string& data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, data.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int code = deflate(&stream, Z_FINISH);
  deflateEnd(&stream);
  if (code != Z_STREAM_END) throw std::runtime_error("deflate failed");
  out.resize(stream.total_out);
  return out;
}

std::string BuildChartArchive(const std::string& name, const std::string& version,
                              const std::string& chart_yaml) {
  std::string yaml = chart_yaml.empty()
                         ? "apiVersion: v2\nname: " + name + "\nversion: " + version +
                               "\ndescription: The " + name + " chart\nappVersion: \"1.16.0\"\n"
                               "type: application\n"
                         : chart_yaml;
  return Gzip(BuildTar({{name + "/Chart.yaml", yaml},
                        {name + "/values.yaml", "replicaCount: 1\n"},
                        {name + "/templates/", "", '5'},
                        {name + "/templates/deployment.yaml", "kind: Deployment\n"}}));
}

}  // namespace reghub::testing
