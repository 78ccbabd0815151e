#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "registry/http_client.h"

namespace reghub::registry {

// One entry of an OCI error body {"errors":[{"code","message","detail"}]}.
struct OciError {
  std::string code;
  std::string message;
};

// The errors in a registry's error body; empty when the body is not OCI JSON.
std::vector<OciError> ParseOciErrors(std::string_view body);

// Maps an unsuccessful registry answer to a reghub::Error whose message says
// what failed (`what`, e.g. "manifest library/app:v1") and what to do:
// 404/*_UNKNOWN -> not_found, 403/DENIED -> permission_denied,
// 429/TOOMANYREQUESTS -> unavailable with Retry-After, 400 -> invalid_argument,
// 405/UNSUPPORTED -> failed_precondition, 5xx -> unavailable.
Error RegistryResponseError(const HttpResponse& response, std::string_view what);

}  // namespace reghub::registry
