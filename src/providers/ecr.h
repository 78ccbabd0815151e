#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "providers/aws_identity.h"
#include "providers/sigv4.h"
#include "registry/clock.h"
#include "registry/credentials.h"
#include "registry/http_client.h"

namespace reghub::providers {

// One answer of ECR GetAuthorizationToken.
struct EcrAuthorization {
  registry::BasicCredentials credentials;    // "AWS" and the decoded password
  std::chrono::system_clock::time_point expires_at;
  std::string proxy_endpoint;                 // "https://<acct>.dkr.ecr.<region>.amazonaws.com"
};

struct EcrOptions {
  std::string region;                         // e.g. "us-east-1"
  bool fips = false;                          // ecr-fips.<region>.amazonaws.com
  // Tests only: send the call to this origin ("http://127.0.0.1:PORT") instead
  // of the AWS endpoint; the request is signed for the origin's host.
  std::string endpoint_override;
  std::chrono::milliseconds timeout{30000};
};

// "https://api.ecr.<region>.amazonaws.com", or "https://ecr-fips.<region>.amazonaws.com".
std::string EcrApiEndpoint(std::string_view region, bool fips);

// ECR credentials: calls GetAuthorizationToken (AWS JSON 1.1, SigV4 for
// service "ecr", session token signed when present) and hands out the
// Basic credentials it returns, cached until 15 minutes — or a quarter of
// the token's lifetime when shorter — before expiresAt. AWS errors become
// unauthenticated/permission_denied/unavailable with AWS's error type in the
// message and what to check (a refused signature: the secret access key, the
// hub's clock, the region and FIPS endpoint; an unknown key id: the key, its
// session token, the region), never a secret. Safe for concurrent use.
class EcrCredentialSource final : public registry::CredentialSource {
 public:
  EcrCredentialSource(AwsCredentials credentials, EcrOptions options, registry::HttpClient& http,
                      const registry::Clock& clock = registry::SystemClock::Instance());
  // AWS credentials read for every GetAuthorizationToken call (the hub's own
  // identity for ecr-instance-role: see InstanceIdentity).
  EcrCredentialSource(std::shared_ptr<AwsCredentialProvider> credentials, EcrOptions options,
                      registry::HttpClient& http,
                      const registry::Clock& clock = registry::SystemClock::Instance());

  // Always calls AWS (no cache).
  Result<EcrAuthorization> GetAuthorizationToken();
  // Cached credentials, refreshed shortly before expiry.
  Result<std::optional<registry::BasicCredentials>> Get() override;
  int fetch_count() const;

 private:
  std::shared_ptr<AwsCredentialProvider> credentials_;
  EcrOptions options_;
  registry::HttpClient& http_;
  const registry::Clock& clock_;
  mutable std::mutex mutex_;
  std::optional<EcrAuthorization> cached_;
  std::chrono::system_clock::time_point refresh_at_;
  int fetch_count_ = 0;
};

// Parses the GetAuthorizationToken response body.
Result<EcrAuthorization> ParseEcrAuthorizationResponse(std::string_view body);

}  // namespace reghub::providers
