#include "providers/ecr.h"

#include <nlohmann/json.hpp>

#include <cmath>

#include "registry/text.h"
#include "registry/url.h"

namespace reghub::providers {
namespace {

using std::chrono::system_clock;

constexpr char kTarget[] = "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken";

// What AWS said went wrong: the error type (x-amzn-ErrorType, the JSON
// "__type" or an XML <Code>, namespace stripped) and its message.
struct AwsFault {
  std::string type;
  std::string message;
};

AwsFault ReadAwsFault(const registry::HttpResponse& response) {
  AwsFault fault;
  nlohmann::json json = nlohmann::json::parse(response.body, nullptr, false);
  if (!json.is_discarded() && json.is_object()) {
    if (json.contains("__type") && json["__type"].is_string()) fault.type = json["__type"];
    for (const char* key : {"message", "Message"}) {
      if (json.contains(key) && json[key].is_string()) fault.message = json[key];
    }
  } else if (auto code = response.body.find("<Code>"); code != std::string::npos) {
    auto end = response.body.find("</Code>", code);
    if (end != std::string::npos) fault.type = response.body.substr(code + 6, end - code - 6);
    auto message = response.body.find("<Message>");
    auto message_end = response.body.find("</Message>");
    if (message != std::string::npos && message_end != std::string::npos && message_end > message) {
      fault.message = response.body.substr(message + 9, message_end - message - 9);
    }
  }
  if (auto header = response.Header("x-amzn-ErrorType"); header && fault.type.empty()) {
    fault.type = header->substr(0, header->find(':'));
  }
  if (auto hash = fault.type.rfind('#'); hash != std::string::npos) {
    fault.type = fault.type.substr(hash + 1);
  }
  if (fault.message.size() > 300) fault.message = fault.message.substr(0, 300) + "...";
  return fault;
}

// The request's circumstances, for messages that say what to check.
struct AwsCallContext {
  std::string access_key_id;
  std::string region;
  bool fips = false;
  std::string endpoint_host;
  std::chrono::system_clock::time_point now;
};

std::string UtcTime(std::chrono::system_clock::time_point time) {
  long long seconds =
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  std::string amz = AmzDate(seconds);  // 20260101T000000Z
  return amz.substr(0, 4) + "-" + amz.substr(4, 2) + "-" + amz.substr(6, 2) + " " +
         amz.substr(9, 2) + ":" + amz.substr(11, 2) + ":" + amz.substr(13, 2) + " UTC";
}

Error AwsError(const registry::HttpResponse& response, const AwsCallContext& call) {
  const int status = response.status;
  AwsFault fault = ReadAwsFault(response);
  const std::string& type = fault.type;
  std::string said = type.empty() ? "HTTP " + std::to_string(status) : type;
  if (!fault.message.empty()) said += ": " + fault.message;
  const std::string endpoint = "region " + call.region + ", " +
                               (call.fips ? "FIPS endpoint " : "endpoint ") + call.endpoint_host;
  const bool clock_skew = fault.message.find("Signature expired") != std::string::npos ||
                          fault.message.find("not yet current") != std::string::npos ||
                          type == "RequestExpired" || type == "RequestTimeTooSkewed";
  if (clock_skew) {
    return Error::Unauthenticated(
        "ECR rejected the request time (" + said + "): the hub's clock is wrong; it reads " +
        UtcTime(call.now) + ", and AWS accepts at most 5 minutes of skew: synchronise it (NTP)");
  }
  if (type == "InvalidSignatureException" || type == "SignatureDoesNotMatch" ||
      type == "IncompleteSignature") {
    return Error::Unauthenticated(
        "ECR rejected the signature (" + said + "): check that the secret access key is the "
        "one paired with access key id " + call.access_key_id + " (re-enter it, no spaces), that "
        "the hub's clock is right (it reads " + UtcTime(call.now) + "; AWS allows 5 minutes of "
        "skew), and that the region matches the registry (" + endpoint + ")");
  }
  if (type == "UnrecognizedClientException" || type == "InvalidClientTokenId") {
    return Error::Unauthenticated(
        "AWS does not recognise access key id " + call.access_key_id + " (" + said + "): check "
        "that the key exists and is active, that temporary credentials come with their session "
        "token, and that the account can use the " + endpoint +
        (call.fips ? " (FIPS endpoints exist only in US and GovCloud regions)" : "") +
        "; if the key is right, check the secret access key");
  }
  if (type == "ExpiredTokenException" || type == "ExpiredToken") {
    return Error::Unauthenticated("AWS refused the session token as expired (" + said +
                                  "): renew the temporary credentials");
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
    : EcrCredentialSource(std::make_shared<StaticAwsCredentialProvider>(std::move(credentials)),
                          std::move(options), http, clock) {}

EcrCredentialSource::EcrCredentialSource(std::shared_ptr<AwsCredentialProvider> credentials,
                                         EcrOptions options, registry::HttpClient& http,
                                         const registry::Clock& clock)
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
  REGHUB_ASSIGN_OR_RETURN(AwsCredentials credentials, credentials_->Get());
  SigV4Signer signer(credentials, {options_.region, "ecr"});
  SigV4Request signed_request = signer.Sign(std::move(request));

  registry::HttpRequest http_request;
  http_request.method = "POST";
  http_request.url = url->Origin() + "/";
  http_request.headers = signed_request.headers;
  http_request.body = signed_request.body;
  http_request.timeout = options_.timeout;
  REGHUB_ASSIGN_OR_RETURN(registry::HttpResponse response, http_.Send(http_request));
  if (response.status != 200) {
    return AwsError(response, {credentials.access_key_id, options_.region, options_.fips,
                               url->authority, now});
  }
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
