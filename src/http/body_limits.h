#pragma once

#include <cstddef>
#include <string_view>

namespace reghub::http {

// The API's request body limits: 1 MiB for JSON requests, and
// kChartUploadLimit for POST /api/v1/registries/{id}/charts (a packaged
// chart), so only that route takes large bodies.
inline constexpr std::size_t kApiBodyLimit = 1024 * 1024;
inline constexpr std::size_t kChartUploadLimit = 16 * 1024 * 1024;

// The body limit of a request by method and path (query removed); the
// server's ServerOptions::body_limit_for.
std::size_t ApiBodyLimit(std::string_view method, std::string_view path);

}  // namespace reghub::http
