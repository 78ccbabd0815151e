#pragma once

#include <string_view>

#include "core/violations.h"

namespace reghub {

// Rules for the names and texts of users, teams and API tokens. Each adds a
// violation on `field` to `violations` (so a request reports every problem at
// once) and returns whether the value is valid. Pure: no I/O.

// Usernames and team names: 1 to 64 characters from a-z, 0-9, ".", "_" and
// "-", starting with a letter or digit (upper case is refused, not folded,
// so a name reads the same everywhere).
inline constexpr std::size_t kMaxAccountNameLength = 64;
bool CheckAccountName(std::string_view name, std::string_view field, Violations& violations);

// Display names, team descriptions and token names: valid UTF-8 of at most
// `max_characters` characters without control characters (descriptions may
// hold line breaks). `required` refuses an empty text.
inline constexpr std::size_t kMaxDisplayNameLength = 200;
inline constexpr std::size_t kMaxDescriptionLength = 2000;
inline constexpr std::size_t kMaxTokenNameLength = 100;
bool CheckText(std::string_view text, std::string_view field, std::size_t max_characters,
               bool allow_line_breaks, bool required, Violations& violations);

// API token lifetime in days: 1 to 3650 (ten years).
inline constexpr long long kMaxTokenLifetimeDays = 3650;
bool CheckTokenLifetimeDays(long long days, std::string_view field, Violations& violations);

}  // namespace reghub
