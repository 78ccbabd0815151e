#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "core/secret_string.h"

namespace reghub::registry {

// A username and password (or token) as registries take them over Basic, directly
// or at a Bearer token realm.
struct BasicCredentials {
  std::string username;
  SecretString password;
};

// Where the registry client gets its credentials for each authentication.
// Providers implement it (ECR mints a short-lived password on demand).
// nullopt means anonymous. Implementations must be safe for concurrent use.
class CredentialSource {
 public:
  virtual ~CredentialSource() = default;
  virtual Result<std::optional<BasicCredentials>> Get() = 0;
};

// Fixed credentials, or anonymous when constructed without any.
class StaticCredentialSource final : public CredentialSource {
 public:
  StaticCredentialSource() = default;
  explicit StaticCredentialSource(BasicCredentials credentials)
      : credentials_(std::move(credentials)) {}
  Result<std::optional<BasicCredentials>> Get() override { return credentials_; }

 private:
  std::optional<BasicCredentials> credentials_;
};

// "Basic base64(user:password)".
std::string BasicAuthorization(const BasicCredentials& credentials);

}  // namespace reghub::registry
