#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace reghub {

struct CaCertificateInfo {
  std::string subject;
  std::string issuer;
  std::int64_t not_after = 0;   // unix seconds
  bool is_ca = false;
};

struct CaBundle {
  std::string pem;              // normalised: the certificates re-encoded, nothing else
  std::string fingerprint;      // hex sha256 over the concatenated DER certificates
  std::vector<CaCertificateInfo> certificates;
};

// Parses a PEM bundle with OpenSSL. Refuses (invalid_argument on `field`)
// empty input, anything that is not one or more PEM CERTIFICATE blocks
// (private keys included: "a private key is not a CA certificate"), garbage
// between blocks, and bundles over kMaxCaBundleLength (registry_patch.h).
// Certificates are not required to be CA certificates (a self-signed server
// certificate is a common trust anchor): `is_ca` reports it. No clock is
// read: expiry is reported in not_after, not judged.
Result<CaBundle> ParseCaBundle(std::string_view pem, std::string_view field = "tls.ca_pem");

}  // namespace reghub
