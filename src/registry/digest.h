#pragma once

#include <string>
#include <string_view>

namespace reghub::registry {

// "sha256:<64 lower-case hex>" of `data`.
std::string Sha256Digest(std::string_view data);
// Lower-case hex of the SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// True for "<algorithm>:<hex>" with a known algorithm and a well-formed encoding.
bool IsDigest(std::string_view reference);

}  // namespace reghub::registry
