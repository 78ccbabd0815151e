#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.h"
#include "providers/sigv4.h"
#include "registry/clock.h"
#include "registry/http_client.h"

namespace reghub::providers {

// Where AWS credentials come from for a call: fixed keys, or the hub's own
// identity. Implementations must be safe for concurrent use.
class AwsCredentialProvider {
 public:
  virtual ~AwsCredentialProvider() = default;
  virtual Result<AwsCredentials> Get() = 0;
};

class StaticAwsCredentialProvider final : public AwsCredentialProvider {
 public:
  explicit StaticAwsCredentialProvider(AwsCredentials credentials)
      : credentials_(std::move(credentials)) {}
  Result<AwsCredentials> Get() override { return credentials_; }

 private:
  AwsCredentials credentials_;
};

struct InstanceIdentityOptions {
  // Reads an environment variable (nullopt when unset); ::getenv by default.
  std::function<std::optional<std::string>(const char*)> getenv;
  std::chrono::milliseconds timeout{2000};     // per metadata request
  std::chrono::seconds token_ttl{21600};       // IMDSv2 session token lifetime
  // Credentials are used until this long before their Expiration.
  std::chrono::seconds refresh_margin{300};
};

// The hub's own AWS identity (credentials kind ecr-instance-role), found as
// the AWS SDKs' default chain does for its first two links:
//  1. the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, with
//     AWS_SESSION_TOKEN when set (read on every call);
//  2. the EC2 instance metadata service, IMDSv2 only: PUT /latest/api/token
//     (X-aws-ec2-metadata-token-ttl-seconds), then with the session token
//     (X-aws-ec2-metadata-token) GET
//     /latest/meta-data/iam/security-credentials/ for the role name and
//     GET …/<role> for AccessKeyId, SecretAccessKey, Token and Expiration.
//     The endpoint is AWS_EC2_METADATA_SERVICE_ENDPOINT when set, else
//     http://169.254.169.254; AWS_EC2_METADATA_DISABLED=true turns it off.
//     Credentials are cached until refresh_margin before Expiration, the
//     session token until shortly before its TTL (a 401 renews it once).
// Failures say which source was tried and what to set; never a secret.
// Safe for concurrent use.
class InstanceIdentity final : public AwsCredentialProvider {
 public:
  InstanceIdentity(registry::HttpClient& http,
                   const registry::Clock& clock = registry::SystemClock::Instance(),
                   InstanceIdentityOptions options = {});

  Result<AwsCredentials> Get() override;
  // Metadata credential fetches so far (tests check the cache).
  int metadata_fetches() const;

 private:
  std::optional<std::string> Env(const char* name) const;
  std::string Endpoint() const;
  Result<AwsCredentials> FromMetadata();
  Result<std::string> SessionToken(bool renew);
  Result<registry::HttpResponse> MetadataGet(const std::string& path);

  registry::HttpClient& http_;
  const registry::Clock& clock_;
  InstanceIdentityOptions options_;
  mutable std::mutex mutex_;   // serialises metadata fetches and guards the caches
  std::optional<AwsCredentials> cached_;
  std::chrono::system_clock::time_point cached_until_;
  std::string session_token_;
  std::chrono::system_clock::time_point session_token_until_;
  int metadata_fetches_ = 0;
};

// The process-wide InstanceIdentity (its own plain-HTTP client, the real
// environment), so its cache serves every registry and request.
std::shared_ptr<AwsCredentialProvider> DefaultInstanceIdentity();

// Parses the RFC 3339 UTC time IMDS gives ("2026-11-27T09:00:00Z").
std::optional<std::chrono::system_clock::time_point> ParseAwsTimestamp(std::string_view text);

}  // namespace reghub::providers
