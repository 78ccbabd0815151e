#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/secret_string.h"
#include "service/actor.h"
#include "service/clock.h"
#include "store/store.h"

namespace reghub::service {

// A new API token: the record (never its hash in any output) and the token
// itself, which is shown once and never stored.
struct CreatedToken {
  store::TokenRecord record;
  SecretString token;
};

// API tokens: long-lived bearer tokens a user makes for scripts and CI.
// Only their SHA-256 is stored (access/tokens.h). Users list and revoke
// their own; hub administrators may revoke anyone's. A revoked token is
// refused from the next request on. Names follow CheckText (1 to 100
// characters); the lifetime is optional, 1 to 3650 days; a user holds at
// most kMaxTokensPerUser API tokens. Every creation and revocation is
// audited (never the token). Safe for concurrent use.
class TokenService {
 public:
  static constexpr std::size_t kMaxTokensPerUser = 100;

  // `is_hub_admin` decides who may revoke anyone's token (empty: users.is_admin).
  TokenService(store::Store& store, const Clock& clock,
               std::function<bool(const Actor&)> is_hub_admin = nullptr)
      : store_(store), clock_(clock), is_hub_admin_(std::move(is_hub_admin)) {}

  // The caller's own API tokens, oldest first.
  Result<std::vector<store::TokenRecord>> List(const Actor& actor);
  Result<CreatedToken> Create(const Actor& actor, const std::string& name,
                              std::optional<long long> expires_in_days);
  // not_found for an unknown id and for another user's token unless the
  // caller is a hub administrator; only "api" tokens are revoked here.
  Status Revoke(const Actor& actor, const std::string& id);

 private:
  store::Store& store_;
  const Clock& clock_;
  std::function<bool(const Actor&)> is_hub_admin_;
};

}  // namespace reghub::service
