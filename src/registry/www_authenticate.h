#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace reghub::registry {

// One authentication challenge from a WWW-Authenticate header.
struct Challenge {
  std::string scheme;                          // lower-cased: "basic", "bearer", ...
  std::map<std::string, std::string> params;   // keys lower-cased, values unquoted

  // The value of `key` (lower-case), or "" when absent.
  std::string Param(std::string_view key) const;
  bool operator==(const Challenge&) const = default;
};

// Parses one WWW-Authenticate header value (RFC 9110 §11.6.1) into its
// challenges: several per line are allowed ("Basic realm=\"a\", Bearer
// realm=\"b\",service=\"c\""); schemes are case-insensitive; parameters are
// token or quoted-string with backslash escapes. Malformed trailing parts are
// skipped rather than failing the whole header.
std::vector<Challenge> ParseWwwAuthenticate(std::string_view header);

// The challenges of every WWW-Authenticate header, in order.
std::vector<Challenge> ParseWwwAuthenticateHeaders(const std::vector<std::string>& headers);

// The first challenge with `scheme` (case-insensitive), or nullptr.
const Challenge* FindChallenge(const std::vector<Challenge>& challenges, std::string_view scheme);

}  // namespace reghub::registry
