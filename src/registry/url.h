#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace reghub::registry {

// An absolute http(s) URL split into the parts the client needs.
struct ParsedUrl {
  std::string scheme;      // lower-case "http" / "https"
  std::string authority;   // host[:port] as written (IPv6 in brackets)
  std::string path;        // starts with '/'
  std::string query;       // without '?', may be empty

  // scheme://authority — two URLs with the same origin may share credentials.
  std::string Origin() const;
  std::string ToString() const;
};

// Parses an absolute URL; nullopt for anything that is not http(s)://authority[/...].
std::optional<ParsedUrl> ParseUrl(std::string_view url);

// Resolves `reference` (absolute, scheme-relative "//host/x", absolute-path
// "/v2/..." or relative "tags/list?...") against the absolute `base`
// (RFC 3986 §5.2, without dot-segment removal beyond what registries need).
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view reference);

// The target of the rel="next" link in an RFC 8288 Link header value (which
// may hold several comma-separated links), or nullopt.
std::optional<std::string> ParseNextLink(std::string_view link_header);

}  // namespace reghub::registry
