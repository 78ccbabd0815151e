#pragma once

#include <string>
#include <vector>

namespace reghub::testing {

// A private key and its certificate, PEM-encoded, plus the certificate's DER.
struct IssuedCertificate {
  std::string key_pem;
  std::string cert_pem;
  std::string cert_der;
};

// A throw-away certificate authority for tests, made with OpenSSL's APIs:
// an RSA-2048 self-signed CA valid from an hour ago for two days, which
// issues server certificates (for 127.0.0.1 and localhost by default) and
// signing certificates (for token issuers' x5c chains). Aborts the test
// binary (via an exception) if OpenSSL fails.
class TestCa {
 public:
  explicit TestCa(const std::string& common_name = "reghub test CA");

  const std::string& cert_pem() const { return ca_.cert_pem; }
  const std::string& key_pem() const { return ca_.key_pem; }

  IssuedCertificate IssueServerCertificate(
      const std::vector<std::string>& dns_names = {"localhost"},
      const std::vector<std::string>& ip_addresses = {"127.0.0.1"}) const;
  IssuedCertificate IssueSigningCertificate(const std::string& common_name) const;

 private:
  IssuedCertificate ca_;
};

// Writes `content` to `path` (mode 0600), throwing on failure.
void WriteTextFile(const std::string& path, const std::string& content);

}  // namespace reghub::testing
