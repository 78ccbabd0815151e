#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/http_message.h"
#include "service/actor.h"
#include "service/auth_service.h"

namespace reghub::http {

// The web UI's session: the session token of a login travels in the cookie
// `reghub_session` (HttpOnly, SameSite=Strict, Path=/; Secure when the request
// came through a proxy that says X-Forwarded-Proto: https, since the hub
// itself serves plain HTTP and cannot know otherwise). A request authenticated
// by the cookie with an unsafe method (anything but GET, HEAD, OPTIONS) must
// carry X-CSRF-Token equal to the session's CSRF token, which is a keyed
// BLAKE2b hash of the session token: nothing is stored, the token survives
// restarts and is the same on every replica that shares the key.
inline constexpr std::string_view kSessionCookieName = "reghub_session";
inline constexpr std::string_view kCsrfHeaderName = "x-csrf-token";

// Derives and checks CSRF tokens. The key is 32 bytes (DeriveCsrfKey); an
// empty key means a random one for this process. Thread-safe after construction.
class CsrfTokens {
 public:
  explicit CsrfTokens(std::string key);

  // base64url of BLAKE2b-256(key, session_token); 43 characters.
  std::string TokenFor(std::string_view session_token) const;
  // Compares `presented` with TokenFor(session_token) in constant time.
  bool Matches(std::string_view session_token, std::string_view presented) const;

 private:
  std::string key_;
};

// The CSRF key for a hub: BLAKE2b-256 keyed with the master key over a fixed label.
std::string DeriveCsrfKey(const unsigned char* master_key, std::size_t size);

// The value of cookie `name` in the request's Cookie header(s), if present.
std::optional<std::string_view> CookieValue(const HttpRequest& request, std::string_view name);

// Set-Cookie values: the session for `max_age_seconds`, and its removal.
std::string SessionCookie(const HttpRequest& request, std::string_view token,
                          std::int64_t max_age_seconds);
std::string ClearedSessionCookie(const HttpRequest& request);

// The caller of an API request: a Bearer token as before, else the session
// cookie (plus the CSRF check for unsafe methods: permission_denied when the
// header is missing or wrong). unauthenticated when neither is present.
Result<service::Actor> AuthenticateRequest(const HttpRequest& request,
                                           const service::AuthService& auth,
                                           const CsrfTokens& csrf);

// The token that authenticated the request: the bearer token, else the cookie.
std::string_view PresentedToken(const HttpRequest& request);

}  // namespace reghub::http
