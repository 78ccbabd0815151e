#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "registry/clock.h"
#include "registry/credentials.h"
#include "registry/http_client.h"
#include "registry/token_flow.h"
#include "registry/www_authenticate.h"

namespace reghub::registry {

struct RegistrySessionOptions {
  std::chrono::milliseconds timeout{30000};
  int max_redirects = 5;
  TokenFlowOptions token;
};

// How the registry last asked to be authenticated.
enum class AuthScheme { kNone, kBasic, kBearer };

// Sends requests to one registry (an origin such as "https://host:5000"),
// answering its authentication challenges: Basic with the credential source's
// credentials, Bearer through TokenFlow for the request's scopes. Redirects are
// followed here (at most max_redirects); Authorization is sent only to the
// registry's own origin, never to a redirect target on another host.
// A 401 after authenticating becomes an error: "credentials refused by the
// registry" (Basic), "insufficient scope for <scope>" (Bearer with
// error="insufficient_scope"), or the token service's own refusal.
// Safe for concurrent use.
class RegistrySession {
 public:
  RegistrySession(std::string origin, HttpClient& http,
                  std::shared_ptr<CredentialSource> credentials,
                  const Clock& clock = SystemClock::Instance(),
                  RegistrySessionOptions options = {});

  // `request.url` may be a path ("/v2/...") on the registry or an absolute URL.
  // Returns the final response (any status but an unanswerable 401).
  Result<HttpResponse> Send(HttpRequest request, const std::vector<std::string>& scopes);

  // Adopts a challenge already seen (a ping without credentials), so the next
  // request authenticates at once instead of collecting a 401 first.
  // invalid_argument for a scheme other than Basic or Bearer.
  Status AdoptChallenge(const Challenge& challenge);
  // The Authorization header value for `scopes` under the current challenge:
  // Basic credentials or a Bearer token from the token service (cached);
  // nullopt when no challenge is known or the credentials are anonymous for
  // Basic. The token service's refusals are its errors.
  Result<std::optional<std::string>> Authorization(const std::vector<std::string>& scopes) {
    return AuthorizationFor(scopes);
  }

  // The URL of the last hop of the last Send (for resolving relative Links).
  const std::string& origin() const { return origin_; }
  AuthScheme auth_scheme() const;
  const TokenFlow& token_flow() const { return token_flow_; }

 private:
  Result<HttpResponse> SendFollowingRedirects(HttpRequest request,
                                              const std::optional<std::string>& authorization);
  Result<std::optional<std::string>> AuthorizationFor(const std::vector<std::string>& scopes);
  Status LearnChallenge(const HttpResponse& response);

  std::string origin_;
  HttpClient& http_;
  std::shared_ptr<CredentialSource> credentials_;
  RegistrySessionOptions options_;
  TokenFlow token_flow_;
  mutable std::mutex mutex_;
  AuthScheme scheme_ = AuthScheme::kNone;
  std::optional<Challenge> bearer_challenge_;
};

// "repository:<name>:<actions>" and the catalog scope.
std::string RepositoryScope(std::string_view repository, std::string_view actions);
inline constexpr std::string_view kCatalogScope = "registry:catalog:*";

}  // namespace reghub::registry
