#include "registry/registry_session.h"

#include "registry/text.h"
#include "registry/url.h"

namespace reghub::registry {
namespace {

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string joined;
  for (const auto& scope : scopes) joined += (joined.empty() ? "" : " ") + scope;
  return joined.empty() ? "this request" : joined;
}

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool SameOrigin(const std::string& url, const std::string& origin) {
  auto parsed = ParseUrl(url);
  return parsed && EqualsIgnoreCase(parsed->Origin(), origin);
}

}  // namespace

std::string RepositoryScope(std::string_view repository, std::string_view actions) {
  return "repository:" + std::string(repository) + ":" + std::string(actions);
}

RegistrySession::RegistrySession(std::string origin, HttpClient& http,
                                 std::shared_ptr<CredentialSource> credentials,
                                 const Clock& clock, RegistrySessionOptions options)
    : origin_(std::move(origin)),
      http_(http),
      credentials_(credentials ? std::move(credentials)
                               : std::make_shared<StaticCredentialSource>()),
      options_(std::move(options)),
      token_flow_(http, credentials_, clock, options_.token) {
  while (!origin_.empty() && origin_.back() == '/') origin_.pop_back();
  if (auto parsed = ParseUrl(origin_)) origin_ = parsed->Origin();
}

AuthScheme RegistrySession::auth_scheme() const {
  std::lock_guard lock(mutex_);
  return scheme_;
}

Result<std::optional<std::string>> RegistrySession::AuthorizationFor(
    const std::vector<std::string>& scopes) {
  AuthScheme scheme;
  std::optional<Challenge> challenge;
  {
    std::lock_guard lock(mutex_);
    scheme = scheme_;
    challenge = bearer_challenge_;
  }
  if (scheme == AuthScheme::kBasic) {
    REGHUB_ASSIGN_OR_RETURN(std::optional<BasicCredentials> credentials, credentials_->Get());
    if (!credentials) return std::optional<std::string>();
    return std::optional<std::string>(BasicAuthorization(*credentials));
  }
  if (scheme == AuthScheme::kBearer && challenge) {
    REGHUB_ASSIGN_OR_RETURN(std::string token, token_flow_.Token(*challenge, scopes));
    return std::optional<std::string>("Bearer " + token);
  }
  return std::optional<std::string>();
}

Status RegistrySession::AdoptChallenge(const Challenge& challenge) {
  std::lock_guard lock(mutex_);
  if (EqualsIgnoreCase(challenge.scheme, "bearer")) {
    Challenge resolved = challenge;
    std::string realm = resolved.Param("realm");
    if (!realm.empty()) {
      if (auto absolute = ResolveUrl(origin_ + "/v2/", realm)) resolved.params["realm"] = *absolute;
    }
    scheme_ = AuthScheme::kBearer;
    bearer_challenge_ = std::move(resolved);
    return Status::Ok();
  }
  if (EqualsIgnoreCase(challenge.scheme, "basic")) {
    scheme_ = AuthScheme::kBasic;
    return Status::Ok();
  }
  return Error::InvalidArgument("the hub speaks Basic and Bearer authentication, not " +
                                challenge.scheme);
}

Status RegistrySession::LearnChallenge(const HttpResponse& response) {
  auto challenges = ParseWwwAuthenticateHeaders(HeaderValues(response.headers, "WWW-Authenticate"));
  if (const Challenge* bearer = FindChallenge(challenges, "bearer")) return AdoptChallenge(*bearer);
  if (const Challenge* basic = FindChallenge(challenges, "basic")) return AdoptChallenge(*basic);
  return Error::Unauthenticated(
      "the registry answered 401 without a Basic or Bearer challenge; it cannot be "
      "authenticated to");
}

Result<HttpResponse> RegistrySession::Send(HttpRequest request,
                                           const std::vector<std::string>& scopes) {
  if (request.url.starts_with("/")) request.url = origin_ + request.url;
  request.timeout = options_.timeout;
  REGHUB_ASSIGN_OR_RETURN(std::optional<std::string> authorization, AuthorizationFor(scopes));
  REGHUB_ASSIGN_OR_RETURN(HttpResponse response, SendFollowingRedirects(request, authorization));
  if (response.status != 401) return response;

  bool sent_credentials = authorization.has_value();
  REGHUB_RETURN_IF_ERROR(LearnChallenge(response));
  auto challenges = ParseWwwAuthenticateHeaders(HeaderValues(response.headers, "WWW-Authenticate"));
  const Challenge* bearer = FindChallenge(challenges, "bearer");
  if (sent_credentials && bearer) {
    if (bearer->Param("error") == "insufficient_scope") {
      return Error::PermissionDenied("insufficient scope for " + JoinScopes(scopes) +
                                     ": the token service did not grant it to these credentials");
    }
    std::lock_guard lock(mutex_);
    if (bearer_challenge_) token_flow_.Invalidate(*bearer_challenge_, scopes);
  } else if (sent_credentials) {
    return Error::Unauthenticated(
        "credentials refused by the registry: check the username and password");
  }

  REGHUB_ASSIGN_OR_RETURN(authorization, AuthorizationFor(scopes));
  if (!authorization) {
    return Error::Unauthenticated("the registry requires credentials: add a username and password");
  }
  REGHUB_ASSIGN_OR_RETURN(response, SendFollowingRedirects(request, authorization));
  if (response.status != 401) return response;

  challenges = ParseWwwAuthenticateHeaders(HeaderValues(response.headers, "WWW-Authenticate"));
  bearer = FindChallenge(challenges, "bearer");
  if (bearer && bearer->Param("error") == "insufficient_scope") {
    return Error::PermissionDenied("insufficient scope for " + JoinScopes(scopes) +
                                   ": the token service did not grant it to these credentials");
  }
  if (bearer) {
    return Error::Unauthenticated("the registry refused the token from its token service" +
                                  (bearer->Param("error").empty()
                                       ? std::string()
                                       : " (" + bearer->Param("error") + ")"));
  }
  return Error::Unauthenticated(
      "credentials refused by the registry: check the username and password");
}

Result<HttpResponse> RegistrySession::SendFollowingRedirects(
    HttpRequest request, const std::optional<std::string>& authorization) {
  for (int hop = 0; hop <= options_.max_redirects; ++hop) {
    HttpRequest attempt = request;
    if (authorization && SameOrigin(attempt.url, origin_)) {
      attempt.headers.emplace_back("Authorization", *authorization);
    }
    REGHUB_ASSIGN_OR_RETURN(HttpResponse response, http_.Send(attempt));
    auto location = response.Header("Location");
    if (!IsRedirect(response.status) || !location) return response;
    auto next = ResolveUrl(request.url, *location);
    if (!next) {
      return Error::Unavailable("the registry redirected to an invalid location: " + *location);
    }
    request.url = *next;
    if (response.status == 303 ||
        ((response.status == 301 || response.status == 302) && request.method == "POST")) {
      request.method = "GET";
      request.body.clear();
    }
  }
  return Error::Unavailable("the registry redirected more than " +
                            std::to_string(options_.max_redirects) + " times");
}

}  // namespace reghub::registry
