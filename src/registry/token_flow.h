#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "registry/clock.h"
#include "registry/credentials.h"
#include "registry/http_client.h"
#include "registry/www_authenticate.h"

namespace reghub::registry {

// A token as issued by a Docker token service (distribution token.md/oauth.md).
struct BearerToken {
  std::string token;
  std::chrono::system_clock::time_point expires_at;
};

struct TokenFlowOptions {
  // Try the OAuth2 password grant (POST realm) first; on 404 fall back to GET.
  bool use_oauth2_post = false;
  std::string client_id = "reghub";
  std::chrono::milliseconds timeout{30000};
};

// Parses a token service answer: "token" preferred over "access_token";
// expires_in defaults to 60 s (and is at least 60 s); the lifetime counts
// from issued_at when given (RFC 3339), else from `now`.
Result<BearerToken> ParseTokenResponse(std::string_view body,
                                       std::chrono::system_clock::time_point now);

// The Bearer token flow with a per-scope cache. For a challenge's realm and
// service and a set of scopes it returns a token, fetching one when the cache
// has none valid (tokens are reused until 30 s — or half their lifetime when
// that is shorter — before expiry). Fetching sends GET realm?service=&scope=
// (one scope parameter per resource) with Basic credentials when there are
// any, or the OAuth2 POST when enabled. Safe for concurrent use.
class TokenFlow {
 public:
  TokenFlow(HttpClient& http, std::shared_ptr<CredentialSource> credentials,
            const Clock& clock = SystemClock::Instance(), TokenFlowOptions options = {});

  // `scopes` are "repository:name:pull"-style resource scopes; when empty the
  // challenge's own scope parameter (space-separated) is used.
  Result<std::string> Token(const Challenge& bearer_challenge, std::vector<std::string> scopes);
  // Drops the cached token for the challenge and scopes (after a 401 with it).
  void Invalidate(const Challenge& bearer_challenge, std::vector<std::string> scopes);
  // How many tokens were fetched from the network (for tests and metrics).
  int fetch_count() const;

 private:
  Result<BearerToken> Fetch(const std::string& realm, const std::string& service,
                            const std::vector<std::string>& scopes);
  Result<HttpResponse> FetchWithGet(const std::string& realm, const std::string& service,
                                    const std::vector<std::string>& scopes,
                                    const std::optional<BasicCredentials>& credentials);
  Result<HttpResponse> FetchWithPost(const std::string& realm, const std::string& service,
                                     const std::vector<std::string>& scopes,
                                     const BasicCredentials& credentials);

  HttpClient& http_;
  std::shared_ptr<CredentialSource> credentials_;
  const Clock& clock_;
  TokenFlowOptions options_;
  mutable std::mutex mutex_;
  std::map<std::string, BearerToken> cache_;
  int fetch_count_ = 0;
};

}  // namespace reghub::registry
