#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace reghub {

// The parts of a Google service-account JSON key that the hub reads without
// using it. `compact_json` is the key with insignificant whitespace removed
// (member order kept): the form stored and sent as the `_json_key` password.
struct GcpServiceAccountKey {
  std::string client_email;
  std::string project_id;
  std::string compact_json;
};

// Parses a key: a JSON object with "type":"service_account", a "client_email"
// holding '@' and a non-empty "private_key". Errors are invalid_argument on
// `field` and never quote the key's content.
Result<GcpServiceAccountKey> ParseGcpServiceAccountKey(std::string_view text,
                                                       std::string_view field);

}  // namespace reghub
