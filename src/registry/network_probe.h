#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "core/registry.h"
#include "core/result.h"

namespace reghub::registry {

// Why a certificate chain is not trusted.
enum class TlsTrustProblem { kNone, kUnknownAuthority, kExpired, kNotYetValid, kOther };

// What a TLS handshake showed about the server's certificate.
struct TlsProbeResult {
  std::string protocol;            // "TLSv1.3"
  std::string subject;             // leaf subject, one-line form
  std::string issuer;              // leaf issuer
  std::vector<std::string> chain;  // subjects of the presented chain, leaf first
  std::int64_t not_after = 0;      // leaf expiry, Unix seconds
  bool chain_trusted = false;      // verification against the mode's trust anchors
  bool host_name_matches = false;  // leaf valid for the dialled host (name or IP)
  TlsTrustProblem trust_problem = TlsTrustProblem::kNone;
  std::string verify_error;  // OpenSSL's reason when not trusted
};

// The network steps of a connection test, each bounded by a timeout, so the
// hub can tell DNS, TCP and TLS problems apart before speaking HTTP. Errors
// say what failed and what to do; they never carry credentials (none are used).
// Implementations must be safe for concurrent use.
class NetworkProbe {
 public:
  virtual ~NetworkProbe() = default;
  // Every address `host` resolves to (numeric form), or unavailable.
  virtual Result<std::vector<std::string>> Resolve(const std::string& host) = 0;
  // Connects to the first reachable address of host:port; returns it.
  virtual Result<std::string> Connect(const std::string& host, std::uint16_t port,
                                      std::chrono::milliseconds timeout) = 0;
  // A TLS handshake (SNI for host names) that completes whatever the
  // certificate, then reports trust against `tls` (system roots for verify,
  // only tls.ca_pem for verify-with-ca) and host-name match separately.
  // Errors are handshake failures (no TLS spoken, protocol mismatch).
  virtual Result<TlsProbeResult> Handshake(const std::string& host, std::uint16_t port,
                                           const TlsSettings& tls,
                                           std::chrono::milliseconds timeout) = 0;
};

// getaddrinfo, non-blocking connect with poll, OpenSSL handshake.
class SystemNetworkProbe final : public NetworkProbe {
 public:
  Result<std::vector<std::string>> Resolve(const std::string& host) override;
  Result<std::string> Connect(const std::string& host, std::uint16_t port,
                              std::chrono::milliseconds timeout) override;
  Result<TlsProbeResult> Handshake(const std::string& host, std::uint16_t port,
                                   const TlsSettings& tls,
                                   std::chrono::milliseconds timeout) override;
};

}  // namespace reghub::registry
