#pragma once

#include <chrono>
#include <string>

#include "core/registry.h"
#include "registry/http_client.h"

namespace reghub::registry {

// libcurl implementation of HttpClient. TLS follows TlsSettings:
//   verify          system roots, peer and host name checked;
//   verify-with-ca  only the PEM bundle in `tls.ca_pem` (held in memory, passed
//                   with CURLOPT_CAINFO_BLOB), peer and host name checked;
//   insecure        TLS without any verification;
//   plain-http      no TLS: callers use http:// URLs (https:// still verifies).
// Redirects are never followed; a fresh easy handle is used per call, so one
// instance is safe for concurrent use.
class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(TlsSettings tls,
                          std::chrono::milliseconds connect_timeout = std::chrono::seconds(10));

  Result<HttpResponse> Send(const HttpRequest& request) override;

  // "https" or, for plain-http, "http".
  std::string Scheme() const;

 private:
  TlsSettings tls_;
  std::chrono::milliseconds connect_timeout_;
};

}  // namespace reghub::registry
