#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "access/login_throttle.h"
#include "core/result.h"
#include "core/secret_string.h"
#include "service/actor.h"
#include "service/clock.h"
#include "store/store.h"

namespace reghub::service {

struct LoginResult {
  SecretString token;        // shown to the caller once; only its hash is stored
  UnixSeconds expires_at = 0;
};

// Logins, bearer-token authentication and the first administrator.
class AuthService {
 public:
  static constexpr UnixSeconds kSessionLifetime = 12 * 3600;

  // With `throttle`, logins are refused (too_many_requests) after repeated
  // failures for a username or from a source address; `throttle` must
  // outlive the service.
  AuthService(store::Store& store, const Clock& clock, access::LoginThrottle* throttle = nullptr)
      : store_(store), clock_(clock), throttle_(throttle) {}

  // unauthenticated "invalid username or password" for an unknown user, a
  // wrong password or a disabled user alike; audited either way. A throttled
  // attempt gets too_many_requests without its password being checked
  // (audited as auth.login_throttled).
  Result<LoginResult> Login(std::string_view username, const SecretString& password,
                            const std::string& source);
  // The caller behind a bearer token; unauthenticated when it is unknown,
  // expired or its user is disabled.
  Result<Actor> Authenticate(std::string_view token, const std::string& source) const;
  // Revokes the token the actor used.
  Status Logout(const Actor& actor);

  // Creates the administrator "admin" when the hub has no user yet, with
  // `password` or, when it is empty, a generated one which is returned (the
  // only time it is ever visible). Returns nullopt when users already exist.
  Result<std::optional<SecretString>> EnsureAdministrator(const SecretString& password);

 private:
  // Counts a failed login and returns the error for it.
  Error LoginFailed(std::string_view username, const std::string& source);

  store::Store& store_;
  const Clock& clock_;
  access::LoginThrottle* throttle_;
};

}  // namespace reghub::service
