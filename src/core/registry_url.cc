#include "core/registry_url.h"

#include <arpa/inet.h>

#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

namespace reghub {
namespace {

constexpr std::size_t kMaxHostLength = 253;
constexpr std::size_t kMaxLabelLength = 63;
// Longer input cannot be host[:port]; checked first so messages stay short.
constexpr std::size_t kMaxInputLength = 1024;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Error Invalid(std::string_view field, std::string message) {
  return Error::InvalidField(std::string(field), std::move(message));
}

bool IsAllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Parses a dotted-quad IPv4 address with no leading zeros (which some
// resolvers read as octal).
bool IsIpv4(std::string_view host) {
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view part = host.substr(start, end - start);
    if (!IsAllDigits(part) || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return false;
    int value = 0;
    std::from_chars(part.data(), part.data() + part.size(), value);
    if (value > 255) return false;
    ++parts;
    start = end + 1;
  }
  return parts == 4;
}

// Why `host` (already lower-case, no brackets) is not an RFC 1123 host name
// or IPv4 address; "" when it is one.
std::string HostProblem(std::string_view host) {
  if (host.empty()) return "the host is empty; use \"host[:port]\"";
  if (host.size() > kMaxHostLength) {
    return "the host is longer than " + std::to_string(kMaxHostLength) + " characters";
  }
  if (host.back() == '.') {
    return "the host must not end with \".\": use \"" +
           std::string(host.substr(0, host.size() - 1)) + "\"";
  }
  std::size_t last_dot = host.rfind('.');
  std::string_view last_label =
      last_dot == std::string_view::npos ? host : host.substr(last_dot + 1);
  if (IsAllDigits(last_label)) {
    if (IsIpv4(host)) return "";
    return "\"" + std::string(host) + "\" is not a valid IPv4 address";
  }
  std::size_t start = 0;
  while (start <= host.size()) {
    std::size_t end = host.find('.', start);
    if (end == std::string_view::npos) end = host.size();
    std::string_view label = host.substr(start, end - start);
    if (label.empty()) return "the host has an empty label (\"..\" or a leading \".\")";
    if (label.size() > kMaxLabelLength) {
      return "the host label \"" + std::string(label) + "\" is longer than " +
             std::to_string(kMaxLabelLength) + " characters";
    }
    for (char c : label) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          return "the host must be ASCII; write internationalised names in punycode (\"xn--...\")";
        }
        return "the host label \"" + std::string(label) +
               "\" may hold only letters, digits and "
               "\"-\" (found \"" +
               std::string(1, c) + "\")";
      }
    }
    if (label.front() == '-' || label.back() == '-') {
      return "the host label \"" + std::string(label) + "\" must not start or end with \"-\"";
    }
    start = end + 1;
  }
  return "";
}

// Reads a decimal port 1..65535; nullopt otherwise.
std::optional<std::uint16_t> ParsePort(std::string_view text) {
  if (!IsAllDigits(text) || text.size() > 5) return std::nullopt;
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  if (value < 1 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

// Normalises an IPv6 literal (RFC 5952 text form); nullopt when invalid.
std::optional<std::string> CanonicalIpv6(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string input(text);
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET6, input.c_str(), bytes.data()) != 1) return std::nullopt;
  std::array<char, 64> out{};
  if (inet_ntop(AF_INET6, bytes.data(), out.data(), out.size()) == nullptr) return std::nullopt;
  return std::string(out.data());
}

bool IsDockerHubAlias(std::string_view host) {
  return host == "docker.io" || host == "index.docker.io" || host == "registry-1.docker.io";
}

// Parses `text`, which holds no scheme, path, userinfo, query or fragment.
Result<RegistryUrl> ParseAuthority(std::string_view text, std::string_view field) {
  RegistryUrl url;
  std::string_view host_part = text;
  std::optional<std::string_view> port_part;
  if (!text.empty() && text.front() == '[') {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) {
      return Invalid(field, "the IPv6 address has no closing \"]\"");
    }
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        return Invalid(field, "unexpected \"" + std::string(rest) + "\" after the IPv6 address");
      }
      port_part = rest.substr(1);
    }
    std::string_view literal = text.substr(1, close - 1);
    if (literal.find('%') != std::string_view::npos) {
      return Invalid(field, "IPv6 zone identifiers (\"%...\") are not supported");
    }
    auto canonical = CanonicalIpv6(Lower(literal));
    if (!canonical) {
      return Invalid(field, "\"" + std::string(literal) + "\" is not a valid IPv6 address");
    }
    url.host = *canonical;
  } else {
    std::size_t colon = text.find(':');
    if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos) {
      std::string suggestion = "[" + std::string(text) + "]";
      if (CanonicalIpv6(Lower(text))) {
        return Invalid(field, "put the IPv6 address in brackets: use \"" + suggestion + "\" or \"" +
                                  suggestion + ":<port>\"");
      }
      return Invalid(field, "too many \":\"; use \"host[:port]\" (IPv6 addresses in brackets)");
    }
    if (colon != std::string_view::npos) {
      host_part = text.substr(0, colon);
      port_part = text.substr(colon + 1);
    }
    url.host = Lower(host_part);
    std::string problem = HostProblem(url.host);
    if (!problem.empty()) return Invalid(field, problem);
  }
  if (port_part) {
    if (port_part->empty()) return Invalid(field, "the port after \":\" is empty");
    auto port = ParsePort(*port_part);
    if (!port) {
      return Invalid(
          field, "the port \"" + std::string(*port_part) + "\" must be a number from 1 to 65535");
    }
    url.port = *port;
  }
  if (url.port == 443 && IsDockerHubAlias(url.host)) url.host = "docker.io";
  return url;
}

// The host[:port] part of `text` with any userinfo, path, query and fragment
// cut off, canonicalised; "" when even that does not parse.
std::string SuggestAuthority(std::string_view text) {
  std::size_t end = text.find_first_of("/?#");
  std::string_view authority = text.substr(0, end);
  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  auto url = ParseAuthority(authority, "url");
  return url.ok() ? url->ToString() : "";
}

std::string WithSuggestion(std::string message, std::string_view text) {
  std::string suggestion = SuggestAuthority(text);
  if (!suggestion.empty()) message += ": use \"" + suggestion + "\"";
  return message;
}

}  // namespace

std::string RegistryUrl::ToString() const {
  std::string text = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 443) text += ":" + std::to_string(port);
  return text;
}

std::string RegistryUrl::Authority() const {
  std::string text = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return text + ":" + std::to_string(port);
}

Result<RegistryUrl> CanonicalizeRegistryUrl(std::string_view input, std::string_view field) {
  if (input.empty()) return Invalid(field, "must not be empty; use \"host[:port]\"");
  if (input.size() > kMaxInputLength) {
    return Invalid(
        field, "is too long for \"host[:port]\" (" + std::to_string(input.size()) + " characters)");
  }
  for (char c : input) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return Invalid(field, "must not contain whitespace or control characters");
    }
  }
  std::size_t scheme_end = input.find("://");
  if (scheme_end != std::string_view::npos) {
    std::string scheme = Lower(input.substr(0, scheme_end + 3));
    std::string_view rest = input.substr(scheme_end + 3);
    if (scheme == "oci://" || scheme == "http://" || scheme == "https://") {
      std::string message = WithSuggestion("remove the scheme \"" + scheme + "\"", rest);
      if (scheme == "http://") message += " and set tls.mode \"plain-http\" for plain HTTP";
      return Invalid(field, message);
    }
    return Invalid(field, WithSuggestion("unsupported scheme \"" + scheme +
                                             "\"; give only the "
                                             "host[:port]",
                                         rest));
  }
  std::size_t special = input.find_first_of("/?#");
  std::size_t at = input.find('@');
  if (at != std::string_view::npos && (special == std::string_view::npos || at < special)) {
    // The user information may hold a password: never quoted back.
    return Invalid(field, WithSuggestion("remove the user information before \"@\" "
                                         "(credentials go in \"credentials\")",
                                         input));
  }
  if (special != std::string_view::npos) {
    std::string_view tail = input.substr(special);
    if (input[special] == '/') {
      if (tail.size() > 64) tail = tail.substr(0, 64);
      return Invalid(field, WithSuggestion("remove the path \"" + std::string(tail) +
                                               "\" (the URL is the registry's host[:port] only)",
                                           input));
    }
    // A query may carry a token: not quoted back.
    return Invalid(field, WithSuggestion("remove the query or fragment", input));
  }
  return ParseAuthority(input, field);
}

bool IsDockerHub(const RegistryUrl& url) { return url.host == "docker.io" && url.port == 443; }

bool IsLoopback(const RegistryUrl& url) {
  const std::string& host = url.host;
  if (host == "localhost" || host == "::1") return true;
  constexpr std::string_view kLocalhostSuffix = ".localhost";
  if (host.size() > kLocalhostSuffix.size() &&
      host.compare(host.size() - kLocalhostSuffix.size(), kLocalhostSuffix.size(),
                   kLocalhostSuffix) == 0) {
    return true;
  }
  return host.rfind("127.", 0) == 0 && IsIpv4(host);
}

}  // namespace reghub
