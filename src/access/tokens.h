#pragma once

#include <string>
#include <string_view>

#include "core/secret_string.h"

namespace reghub::access {

// A new bearer token: "rh_" + 43 base64url characters (32 random bytes).
SecretString GenerateToken();
// Hex SHA-256 of a token: what the store keeps and looks up.
std::string HashToken(std::string_view token);
// A random id for stored objects: 16 random bytes as 32 lower-case hex digits.
std::string GenerateId();

}  // namespace reghub::access
