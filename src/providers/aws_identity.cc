#include "providers/aws_identity.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include "core/civil_time.h"
#include "registry/curl_http_client.h"

namespace reghub::providers {
namespace {

using std::chrono::system_clock;

constexpr char kDefaultEndpoint[] = "http://169.254.169.254";
constexpr char kCredentialsPath[] = "/latest/meta-data/iam/security-credentials/";

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  std::size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\n')) ++start;
  return text.substr(start);
}

std::string JsonString(const nlohmann::json& json, const char* key) {
  auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::optional<system_clock::time_point> ParseAwsTimestamp(std::string_view text) {
  CivilTime time;
  char zone = 0;
  std::string copy(text.substr(0, 40));
  int fields = std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &time.year, &time.month,
                           &time.day, &time.hour, &time.minute, &time.second, &zone);
  if (fields < 6 || time.month < 1 || time.month > 12 || time.day < 1 ||
      time.day > DaysInMonth(time.year, time.month) || time.hour > 23 || time.minute > 59 ||
      time.second > 60) {
    return std::nullopt;
  }
  // Fractions of a second ("…:00.000Z") are dropped; only UTC is produced by AWS.
  if (fields == 7 && zone != 'Z' && zone != '.') return std::nullopt;
  return system_clock::time_point(std::chrono::seconds(CivilToUnixSeconds(time)));
}

std::shared_ptr<AwsCredentialProvider> DefaultInstanceIdentity() {
  static registry::CurlHttpClient http(TlsSettings{TlsMode::kPlainHttp, "", ""},
                                       std::chrono::seconds(2));
  static std::shared_ptr<AwsCredentialProvider> identity =
      std::make_shared<InstanceIdentity>(http);
  return identity;
}

InstanceIdentity::InstanceIdentity(registry::HttpClient& http, const registry::Clock& clock,
                                   InstanceIdentityOptions options)
    : http_(http), clock_(clock), options_(std::move(options)) {
  if (!options_.getenv) {
    options_.getenv = [](const char* name) -> std::optional<std::string> {
      const char* value = std::getenv(name);
      if (value == nullptr) return std::nullopt;
      return std::string(value);
    };
  }
}

std::optional<std::string> InstanceIdentity::Env(const char* name) const {
  auto value = options_.getenv(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

std::string InstanceIdentity::Endpoint() const {
  std::string endpoint = Env("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or(kDefaultEndpoint);
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  return endpoint;
}

int InstanceIdentity::metadata_fetches() const {
  std::lock_guard lock(mutex_);
  return metadata_fetches_;
}

Result<AwsCredentials> InstanceIdentity::Get() {
  auto key_id = Env("AWS_ACCESS_KEY_ID");
  auto secret = Env("AWS_SECRET_ACCESS_KEY");
  if (key_id && secret) {
    return AwsCredentials{*key_id, SecretString(*secret),
                          SecretString(Env("AWS_SESSION_TOKEN").value_or(""))};
  }
  if (key_id || secret) {
    return Error::FailedPrecondition(
        std::string("the hub's environment sets ") +
        (key_id ? "AWS_ACCESS_KEY_ID but not AWS_SECRET_ACCESS_KEY"
                : "AWS_SECRET_ACCESS_KEY but not AWS_ACCESS_KEY_ID") +
        ": set both for the hub's AWS identity, or neither to use the instance role");
  }
  std::string disabled = Env("AWS_EC2_METADATA_DISABLED").value_or("");
  if (disabled == "true" || disabled == "TRUE" || disabled == "1") {
    return Error::FailedPrecondition(
        "the hub has no AWS identity: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set and "
        "AWS_EC2_METADATA_DISABLED turns off the instance metadata service");
  }
  std::lock_guard lock(mutex_);
  if (cached_ && clock_.Now() < cached_until_) return *cached_;
  return FromMetadata();
}

Result<std::string> InstanceIdentity::SessionToken(bool renew) {
  if (!renew && !session_token_.empty() && clock_.Now() < session_token_until_) {
    return session_token_;
  }
  registry::HttpRequest request;
  request.method = "PUT";
  request.url = Endpoint() + "/latest/api/token";
  request.headers = {{"X-aws-ec2-metadata-token-ttl-seconds",
                      std::to_string(options_.token_ttl.count())}};
  request.timeout = options_.timeout;
  auto response = http_.Send(request);
  if (!response.ok()) {
    return Error::Unavailable("cannot reach the EC2 instance metadata service at " + Endpoint() +
                              " (" + response.error().message +
                              "): run the hub on EC2 with an instance role (IMDSv2 enabled, hop "
                              "limit 2 in containers), or set AWS_ACCESS_KEY_ID and "
                              "AWS_SECRET_ACCESS_KEY");
  }
  if (response->status != 200 || Trim(response->body).empty()) {
    return Error::Unavailable("the EC2 instance metadata service at " + Endpoint() +
                              " refused an IMDSv2 session token (HTTP " +
                              std::to_string(response->status) +
                              "): check that IMDSv2 is enabled on the instance");
  }
  session_token_ = Trim(response->body);
  // Renewed a minute before the metadata service would expire it.
  session_token_until_ = clock_.Now() + options_.token_ttl - std::chrono::seconds(60);
  return session_token_;
}

Result<registry::HttpResponse> InstanceIdentity::MetadataGet(const std::string& path) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    REGHUB_ASSIGN_OR_RETURN(std::string token, SessionToken(/*renew=*/attempt > 0));
    registry::HttpRequest request;
    request.url = Endpoint() + path;
    request.headers = {{"X-aws-ec2-metadata-token", token}};
    request.timeout = options_.timeout;
    auto response = http_.Send(request);
    if (!response.ok()) {
      return Error::Unavailable("the EC2 instance metadata service at " + Endpoint() +
                                " did not answer " + path + ": " + response.error().message);
    }
    if (response->status != 401) return response;
  }
  return Error::Unavailable("the EC2 instance metadata service at " + Endpoint() +
                            " refused its own session token twice");
}

Result<AwsCredentials> InstanceIdentity::FromMetadata() {
  REGHUB_ASSIGN_OR_RETURN(registry::HttpResponse roles, MetadataGet(kCredentialsPath));
  if (roles.status == 404) {
    return Error::FailedPrecondition(
        "no IAM role is attached to the hub's EC2 instance (the instance metadata service lists "
        "none): attach an instance profile whose role allows ecr:GetAuthorizationToken");
  }
  std::string role = Trim(roles.body.substr(0, roles.body.find('\n')));
  if (roles.status != 200 || role.empty() || role.find('/') != std::string::npos) {
    return Error::Unavailable("the EC2 instance metadata service answered HTTP " +
                              std::to_string(roles.status) +
                              " without a role name for " + std::string(kCredentialsPath));
  }
  REGHUB_ASSIGN_OR_RETURN(registry::HttpResponse answer,
                          MetadataGet(std::string(kCredentialsPath) + role));
  if (answer.status != 200) {
    return Error::Unavailable("the EC2 instance metadata service answered HTTP " +
                              std::to_string(answer.status) + " for the credentials of role " +
                              role);
  }
  nlohmann::json json = nlohmann::json::parse(answer.body, nullptr, false);
  if (!json.is_object()) {
    return Error::Unavailable("the credentials of role " + role +
                              " from the instance metadata service are not JSON");
  }
  std::string code = JsonString(json, "Code");
  if (!code.empty() && code != "Success") {
    return Error::Unavailable("the instance metadata service could not give the credentials of "
                              "role " + role + " (Code " + code.substr(0, 64) + ")");
  }
  AwsCredentials credentials{JsonString(json, "AccessKeyId"),
                             SecretString(JsonString(json, "SecretAccessKey")),
                             SecretString(JsonString(json, "Token"))};
  auto expiration = ParseAwsTimestamp(JsonString(json, "Expiration"));
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty() || !expiration) {
    return Error::Unavailable("the credentials of role " + role +
                              " from the instance metadata service lack AccessKeyId, "
                              "SecretAccessKey or a valid Expiration");
  }
  ++metadata_fetches_;
  cached_ = credentials;
  cached_until_ = *expiration - options_.refresh_margin;
  return credentials;
}

}  // namespace reghub::providers
