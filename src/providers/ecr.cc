#include "providers/ecr.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include "registry/text.h"
#include "registry/url.h"

namespace reghub::providers {
namespace {

using std::chrono::system_clock;

constexpr char kTarget[] = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";

Error AwsError(int status, std::string_view body) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  std::string type;
  std::string message;
  if (!json.is_discarded() && json.is_object()) {
    if (json.contains("__type") && json["__type"].is_string()) type = json["__type"];
    for (const char* key : {"message", "Message"}) {
      if (json.contains(key) && json[key].is_string()) message = json[key];
    }
  }
  if (auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
  std::string said = type.empty() ? "HTTP " + std::to_string(status) : type;
  if (!message.empty()) said += ": " + message;
  if (type == "UnrecognizedClientException" || type == "InvalidSignatureException" ||
      type == "ExpiredTokenException" || type == "IncompleteSignature" ||
      type == "InvalidClientTokenId" || type == "SignatureDoesNotMatch") {
    return Error::Unauthenticated("AWS refused the access key (" + said +
                                  "): check the access key id, secret and session token");
  }
  if (type == "AccessDeniedException" || status == 403) {
    return Error::PermissionDenied("AWS denied ecr:GetAuthorizationToken (" + said +
                                   "): allow it in the key's IAM policy");
  }
  if (status >= 500 || type == "ThrottlingException") {
    return Error::Unavailable("ECR GetAuthorizationToken failed (" + said + "); retry later");
  }
  return Error::FailedPrecondition("ECR GetAuthorizationToken failed (" + said + ")");
}

}  // namespace

std::string EcrApiEndpoint(std::string_view region, bool fips) {
  return fips ? "https://ecr-fips." + std::string(region) + ".amazonaws.com"
              : "https://api.ecr." + std::string(region) + ".amazonaws.com";
}

Result<EcrAuthorization> ParseEcrAuthorizationResponse(std::string_view body) {
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.contains("authorizationData") ||
      !json["authorizationData"].is_array() || json["authorizationData"].empty()) {
    return Error::Unavailable("ECR answered GetAuthorizationToken without authorizationData");
  }
  const auto& data = json["authorizationData"][0];
  if (!data.contains("authorizationToken") || !data["authorizationToken"].is_string()) {
    return Error::Unavailable("ECR answered GetAuthorizationToken without a token");
  }
  std::string decoded = registry::Base64Decode(data["authorizationToken"].get<std::string>());
  auto colon = decoded.find(':');
  if (colon == std::string::npos) {
    return Error::Unavailable("ECR's authorization token is not base64 of user:password");
  }
  EcrAuthorization authorization;
  authorization.credentials.username = decoded.substr(0, colon);
  authorization.credentials.password = SecretString(decoded.substr(colon + 1));
  double expires = 0;
  if (data.contains("expiresAt") && data["expiresAt"].is_number()) expires = data["expiresAt"];
  authorization.expires_at =
      system_clock::time_point(std::chrono::milliseconds(std::llround(expires * 1000)));
  if (data.contains("proxyEndpoint") && data["proxyEndpoint"].is_string()) {
    authorization.proxy_endpoint = data["proxyEndpoint"];
  }
  return authorization;
}

EcrCredentialSource::EcrCredentialSource(AwsCredentials credentials, EcrOptions options,
                                         registry::HttpClient& http, const registry::Clock& clock)
    : credentials_(std::move(credentials)), options_(std::move(options)), http_(http), clock_(clock) {}

int EcrCredentialSource::fetch_count() const {
  std::lock_guard lock(mutex_);
  return fetch_count_;
}

Result<EcrAuthorization> EcrCredentialSource::GetAuthorizationToken() {
  if (options_.region.empty()) {
    return Error::InvalidField("credentials.region", "the ECR region is required");
  }
  std::string endpoint = options_.endpoint_override.empty()
                             ? EcrApiEndpoint(options_.region, options_.fips)
                             : options_.endpoint_override;
  auto url = registry::ParseUrl(endpoint);
  if (!url) return Error::Internal("invalid ECR endpoint " + endpoint);
  auto now = clock_.Now();
  long long seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();

  SigV4Request request;
  request.method = "POST";
  request.path = "/";
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"Host", url->authority},
                     {"X-Amz-Date", AmzDate(seconds)},
                     {"X-Amz-Target", kTarget}};
  request.body = "{}";
  SigV4Signer signer(credentials_, {options_.region, "ecr"});
  SigV4Request signed_request = signer.Sign(std::move(request));

  registry::HttpRequest http_request;
  http_request.method = "POST";
  http_request.url = url->Origin() + "/";
  http_request.headers = signed_request.headers;
  http_request.body = signed_request.body;
  http_request.timeout = options_.timeout;
  REGHUB_ASSIGN_OR_RETURN(registry::HttpResponse response, http_.Send(http_request));
  if (response.status != 200) return AwsError(response.status, response.body);
  return ParseEcrAuthorizationResponse(response.body);
}

Result<std::optional<registry::BasicCredentials>> EcrCredentialSource::Get() {
  {
    std::lock_guard lock(mutex_);
    if (cached_ && clock_.Now() < refresh_at_) {
      return std::optional<registry::BasicCredentials>(cached_->credentials);
    }
  }
  REGHUB_ASSIGN_OR_RETURN(EcrAuthorization fresh, GetAuthorizationToken());
  auto now = clock_.Now();
  auto lifetime = fresh.expires_at - now;
  auto margin = std::min<system_clock::duration>(std::chrono::minutes(15), lifetime / 4);
  std::lock_guard lock(mutex_);
  ++fetch_count_;
  refresh_at_ = fresh.expires_at - margin;
  cached_ = fresh;
  return std::optional<registry::BasicCredentials>(fresh.credentials);
}

}  // namespace reghub::providers
