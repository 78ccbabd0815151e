#pragma once

#include <string>
#include <string_view>

namespace reghub::registry {

// Small ASCII helpers shared by the parsers in this area.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToLowerAscii(std::string_view text);
// Strips spaces, tabs, CR and LF at both ends.
std::string_view TrimWhitespace(std::string_view text);
// RFC 3986 percent-encoding of everything but unreserved characters.
std::string PercentEncode(std::string_view text);
// Standard base64 with padding, and back (nullopt-free: invalid input gives "").
std::string Base64Encode(std::string_view data);
std::string Base64Decode(std::string_view text);

}  // namespace reghub::registry
