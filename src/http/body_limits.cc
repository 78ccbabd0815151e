#include "http/body_limits.h"

namespace reghub::http {

std::size_t ApiBodyLimit(std::string_view method, std::string_view path) {
  constexpr std::string_view kPrefix = "/api/v1/registries/";
  constexpr std::string_view kSuffix = "/charts";
  if (method != "POST" || !path.starts_with(kPrefix) || !path.ends_with(kSuffix)) {
    return kApiBodyLimit;
  }
  std::string_view id = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  bool one_segment = !id.empty() && id.find('/') == std::string_view::npos;
  return one_segment ? kChartUploadLimit : kApiBodyLimit;
}

}  // namespace reghub::http
