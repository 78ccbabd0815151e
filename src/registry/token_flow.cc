#include "registry/token_flow.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "registry/text.h"
#include "registry/url.h"

namespace reghub::registry {
namespace {

using std::chrono::system_clock;

// RFC 3339 "2009-11-10T23:00:00Z", optional fraction and numeric offset.
std::optional<system_clock::time_point> ParseRfc3339(std::string_view text) {
  std::string copy(text);
  int year, month, day, hour, minute, second;
  int consumed = 0;
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return std::nullopt;
  }
  std::string_view rest = std::string_view(copy).substr(static_cast<std::size_t>(consumed));
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest.front()))) {
      rest.remove_prefix(1);
    }
  }
  long offset = 0;
  if (rest == "Z" || rest == "z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh = std::atoi(std::string(rest.substr(1, 2)).c_str());
    int om = std::atoi(std::string(rest.substr(4, 2)).c_str());
    offset = (oh * 3600L + om * 60L) * (rest[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  time_t seconds = timegm(&tm) - offset;
  return system_clock::from_time_t(seconds);
}

std::string CacheKey(const std::string& realm, const std::string& service,
                     std::vector<std::string> scopes) {
  std::sort(scopes.begin(), scopes.end());
  std::string key = realm + "\n" + service;
  for (const auto& scope : scopes) key += "\n" + scope;
  return key;
}

std::vector<std::string> EffectiveScopes(const Challenge& challenge,
                                         std::vector<std::string> scopes) {
  if (!scopes.empty()) return scopes;
  std::string hint = challenge.Param("scope");
  std::size_t start = 0;
  while (start < hint.size()) {
    auto space = hint.find(' ', start);
    std::string part = hint.substr(start, space == std::string::npos ? std::string::npos
                                                                      : space - start);
    if (!part.empty()) scopes.push_back(part);
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return scopes;
}

std::string JoinScopes(const std::vector<std::string>& scopes) {
  std::string joined;
  for (const auto& scope : scopes) joined += (joined.empty() ? "" : " ") + scope;
  return joined;
}

}  // namespace

std::string BasicAuthorization(const BasicCredentials& credentials) {
  return "Basic " + Base64Encode(credentials.username + ":" + credentials.password.Reveal());
}

Result<BearerToken> ParseTokenResponse(std::string_view body, system_clock::time_point now) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Error::Unavailable("the token service answered with something that is not JSON");
  }
  BearerToken token;
  if (json.contains("token") && json["token"].is_string() &&
      !json["token"].get<std::string>().empty()) {
    token.token = json["token"].get<std::string>();
  } else if (json.contains("access_token") && json["access_token"].is_string()) {
    token.token = json["access_token"].get<std::string>();
  }
  if (token.token.empty()) {
    return Error::Unavailable("the token service answered without a token");
  }
  long long expires_in = 60;
  if (json.contains("expires_in") && json["expires_in"].is_number()) {
    expires_in = std::max<long long>(60, json["expires_in"].get<long long>());
  }
  system_clock::time_point issued = now;
  if (json.contains("issued_at") && json["issued_at"].is_string()) {
    if (auto parsed = ParseRfc3339(json["issued_at"].get<std::string>())) issued = *parsed;
  }
  token.expires_at = issued + std::chrono::seconds(expires_in);
  return token;
}

TokenFlow::TokenFlow(HttpClient& http, std::shared_ptr<CredentialSource> credentials,
                     const Clock& clock, TokenFlowOptions options)
    : http_(http), credentials_(std::move(credentials)), clock_(clock), options_(std::move(options)) {
  if (!credentials_) credentials_ = std::make_shared<StaticCredentialSource>();
}

int TokenFlow::fetch_count() const {
  std::lock_guard lock(mutex_);
  return fetch_count_;
}

Result<std::string> TokenFlow::Token(const Challenge& challenge, std::vector<std::string> scopes) {
  std::string realm = challenge.Param("realm");
  if (realm.empty()) {
    return Error::Unavailable("the registry asked for a Bearer token but named no token realm");
  }
  std::string service = challenge.Param("service");
  scopes = EffectiveScopes(challenge, std::move(scopes));
  std::string key = CacheKey(realm, service, scopes);
  auto now = clock_.Now();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      if (now < it->second.expires_at) return it->second.token;
      cache_.erase(it);
    }
  }
  REGHUB_ASSIGN_OR_RETURN(BearerToken fetched, Fetch(realm, service, scopes));
  // Reuse until shortly before expiry: 30 s, or half the lifetime when shorter.
  auto lifetime = fetched.expires_at - now;
  auto margin = std::min<system_clock::duration>(std::chrono::seconds(30), lifetime / 2);
  BearerToken cached{fetched.token, fetched.expires_at - margin};
  std::lock_guard lock(mutex_);
  ++fetch_count_;
  cache_[key] = cached;
  return fetched.token;
}

void TokenFlow::Invalidate(const Challenge& challenge, std::vector<std::string> scopes) {
  scopes = EffectiveScopes(challenge, std::move(scopes));
  std::lock_guard lock(mutex_);
  cache_.erase(CacheKey(challenge.Param("realm"), challenge.Param("service"), scopes));
}

Result<BearerToken> TokenFlow::Fetch(const std::string& realm, const std::string& service,
                                     const std::vector<std::string>& scopes) {
  REGHUB_ASSIGN_OR_RETURN(std::optional<BasicCredentials> credentials, credentials_->Get());
  std::optional<HttpResponse> response;
  if (options_.use_oauth2_post && credentials) {
    REGHUB_ASSIGN_OR_RETURN(HttpResponse posted, FetchWithPost(realm, service, scopes, *credentials));
    if (posted.status != 404 && posted.status != 405) response = std::move(posted);
  }
  if (!response) {
    REGHUB_ASSIGN_OR_RETURN(HttpResponse got, FetchWithGet(realm, service, scopes, credentials));
    response = std::move(got);
  }
  if (response->status == 401 || response->status == 403) {
    if (!credentials) {
      return Error::Unauthenticated("the token service at " + realm +
                                    " refused anonymous access: add credentials");
    }
    return Error::Unauthenticated("credentials refused by the token service at " + realm +
                                  ": check the username and password");
  }
  if (response->status != 200) {
    return Error::Unavailable("the token service at " + realm + " answered HTTP " +
                              std::to_string(response->status));
  }
  return ParseTokenResponse(response->body, clock_.Now());
}

Result<HttpResponse> TokenFlow::FetchWithGet(const std::string& realm, const std::string& service,
                                             const std::vector<std::string>& scopes,
                                             const std::optional<BasicCredentials>& credentials) {
  std::string query;
  auto add = [&query](std::string_view key, std::string_view value) {
    query += (query.empty() ? "" : "&") + std::string(key) + "=" + PercentEncode(value);
  };
  if (!service.empty()) add("service", service);
  for (const auto& scope : scopes) add("scope", scope);
  if (credentials) add("account", credentials->username);
  HttpRequest request;
  request.method = "GET";
  request.url = realm + (realm.find('?') == std::string::npos ? "?" : "&") + query;
  request.timeout = options_.timeout;
  if (credentials) request.headers.emplace_back("Authorization", BasicAuthorization(*credentials));
  return http_.Send(request);
}

Result<HttpResponse> TokenFlow::FetchWithPost(const std::string& realm, const std::string& service,
                                              const std::vector<std::string>& scopes,
                                              const BasicCredentials& credentials) {
  std::string body = "grant_type=password&service=" + PercentEncode(service) +
                     "&client_id=" + PercentEncode(options_.client_id) +
                     "&access_type=offline&scope=" + PercentEncode(JoinScopes(scopes)) +
                     "&username=" + PercentEncode(credentials.username) +
                     "&password=" + PercentEncode(credentials.password.Reveal());
  HttpRequest request;
  request.method = "POST";
  request.url = realm;
  request.timeout = options_.timeout;
  request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  request.body = std::move(body);
  return http_.Send(request);
}

}  // namespace reghub::registry
