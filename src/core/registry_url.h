#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace reghub {

// A registry's canonical address: lower-case host (IPv6 without brackets) and
// port. Docker Hub's aliases (docker.io, index.docker.io, registry-1.docker.io)
// all canonicalise to host "docker.io".
struct RegistryUrl {
  std::string host;
  std::uint16_t port = 443;

  // "host" when the port is 443, else "host:port"; IPv6 hosts in brackets
  // ("[::1]:5000"). This is the stored, unique and displayed form.
  std::string ToString() const;
  // "host:port" always, for dialling.
  std::string Authority() const;
  bool operator==(const RegistryUrl&) const = default;
};

// Parses user input into a RegistryUrl. Rejects, as invalid_argument on field
// `field`, with a message that suggests the stripped form where there is one:
// a scheme ("oci://", "http://", "https://": "remove the scheme: use
// \"reg.example.com\""), a path, userinfo, a query or fragment, empty input,
// whitespace or control characters, invalid host names or labels, a bad port,
// unbracketed IPv6 and over-long input (253 characters for the host).
Result<RegistryUrl> CanonicalizeRegistryUrl(std::string_view input,
                                            std::string_view field = "url");

bool IsDockerHub(const RegistryUrl& url);
// localhost, *.localhost, 127.0.0.0/8 and ::1: the hosts where plain-http is allowed.
bool IsLoopback(const RegistryUrl& url);

}  // namespace reghub
