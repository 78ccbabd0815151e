#include "http/session_cookie.h"

#include <sodium.h>

#include <array>
#include <cctype>

#include "secrets/sodium_init.h"

namespace reghub::http {
namespace {

constexpr std::string_view kCsrfLabel = "reghub csrf token key v1";
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kMaxTokenLength = 256;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// "Bearer <token>", scheme case-insensitive.
std::string_view BearerToken(const HttpRequest& request) {
  auto header = request.Header("authorization");
  if (!header || header->size() < 7) return {};
  std::string scheme(header->substr(0, 7));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  return Trim(header->substr(7));
}

bool IsSafeMethod(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool BehindHttps(const HttpRequest& request) {
  auto proto = request.Header("x-forwarded-proto");
  return proto && Trim(*proto) == "https";
}

std::string CookieAttributes(const HttpRequest& request) {
  std::string attributes = "; Path=/; HttpOnly; SameSite=Strict";
  if (BehindHttps(request)) attributes += "; Secure";
  return attributes;
}

}  // namespace

CsrfTokens::CsrfTokens(std::string key) : key_(std::move(key)) {
  secrets::EnsureSodiumInitialized();
  if (key_.size() != kKeyBytes) {
    key_.assign(kKeyBytes, '\0');
    randombytes_buf(key_.data(), key_.size());
  }
}

std::string CsrfTokens::TokenFor(std::string_view session_token) const {
  std::array<unsigned char, 32> hash{};
  crypto_generichash(hash.data(), hash.size(),
                     reinterpret_cast<const unsigned char*>(session_token.data()),
                     session_token.size(), reinterpret_cast<const unsigned char*>(key_.data()),
                     key_.size());
  std::string encoded(sodium_base64_ENCODED_LEN(hash.size(),
                                                sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                      '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), hash.data(), hash.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(std::char_traits<char>::length(encoded.c_str()));
  return encoded;
}

bool CsrfTokens::Matches(std::string_view session_token, std::string_view presented) const {
  std::string expected = TokenFor(session_token);
  if (presented.size() != expected.size()) return false;
  return sodium_memcmp(expected.data(), presented.data(), expected.size()) == 0;
}

std::string DeriveCsrfKey(const unsigned char* master_key, std::size_t size) {
  secrets::EnsureSodiumInitialized();
  std::string key(kKeyBytes, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                     reinterpret_cast<const unsigned char*>(kCsrfLabel.data()), kCsrfLabel.size(),
                     master_key, size);
  return key;
}

std::optional<std::string_view> CookieValue(const HttpRequest& request, std::string_view name) {
  auto header = request.Header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto semicolon = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, semicolon));
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(pair.substr(0, eq)) == name) return Trim(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::string SessionCookie(const HttpRequest& request, std::string_view token,
                          std::int64_t max_age_seconds) {
  return std::string(kSessionCookieName) + "=" + std::string(token) + CookieAttributes(request) +
         "; Max-Age=" + std::to_string(max_age_seconds);
}

std::string ClearedSessionCookie(const HttpRequest& request) {
  return std::string(kSessionCookieName) + "=" + CookieAttributes(request) + "; Max-Age=0";
}

std::string_view PresentedToken(const HttpRequest& request) {
  std::string_view bearer = BearerToken(request);
  if (!bearer.empty()) return bearer;
  return CookieValue(request, kSessionCookieName).value_or(std::string_view());
}

Result<service::Actor> AuthenticateRequest(const HttpRequest& request,
                                           const service::AuthService& auth,
                                           const CsrfTokens& csrf) {
  std::string_view bearer = BearerToken(request);
  if (!bearer.empty()) return auth.Authenticate(bearer, request.remote_address);
  auto cookie = CookieValue(request, kSessionCookieName);
  if (!cookie || cookie->empty()) {
    return Error::Unauthenticated(
        "authentication required: send Authorization: Bearer <token> or log in "
        "(POST /api/v1/auth/session)");
  }
  if (cookie->size() > kMaxTokenLength) return Error::Unauthenticated("invalid or expired session");
  auto actor = auth.Authenticate(*cookie, request.remote_address);
  if (!actor.ok()) return actor;
  if (!IsSafeMethod(request.method)) {
    auto presented = request.Header(kCsrfHeaderName);
    if (!presented || presented->empty()) {
      return Error::PermissionDenied(
          "missing X-CSRF-Token header: a request with the session cookie must send the "
          "csrf_token from POST or GET /api/v1/auth/session");
    }
    if (!csrf.Matches(*cookie, Trim(*presented))) {
      return Error::PermissionDenied(
          "wrong X-CSRF-Token header: fetch the session's csrf_token from GET "
          "/api/v1/auth/session");
    }
  }
  return actor;
}

}  // namespace reghub::http
