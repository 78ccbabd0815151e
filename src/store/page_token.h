#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace reghub::store {

inline constexpr int kMinPageSize = 1;
inline constexpr int kMaxPageSize = 500;

// The page size to use for a request: `requested` clamped to 1..500.
int ClampPageSize(int requested);

// Page tokens are the base64url (unpadded) form of the last sort key of the
// previous page: opaque to callers, cheap to check.
std::string EncodePageToken(std::string_view key);
std::string EncodePageToken(std::int64_t key);
// invalid_argument on field "page_token" when `token` is not one we made.
Result<std::string> DecodeTextPageToken(std::string_view token);
Result<std::int64_t> DecodeIntPageToken(std::string_view token);

}  // namespace reghub::store
