#include "support/imds_fixture.h"

namespace reghub::testing {

ImdsFixture::ImdsFixture(std::string role) : role_(std::move(role)) {
  server_ = std::make_unique<LoopbackHttpServer>(
      [this](const LoopbackRequest& request) { return Handle(request); });
}

void ImdsFixture::set_credentials(Credentials credentials) {
  std::lock_guard lock(mutex_);
  credentials_ = std::move(credentials);
}

void ImdsFixture::RevokeTokens() {
  std::lock_guard lock(mutex_);
  tokens_.clear();
}

LoopbackResponse ImdsFixture::Handle(const LoopbackRequest& request) {
  const std::string prefix = "/latest/meta-data/iam/security-credentials/";
  if (request.path == "/latest/api/token") {
    if (request.method != "PUT") return {405, {}, ""};
    if (!request.Header("X-Forwarded-For").empty()) return {403, {}, ""};
    std::string ttl = request.Header("X-aws-ec2-metadata-token-ttl-seconds");
    int seconds = ttl.empty() ? 0 : std::atoi(ttl.c_str());
    if (seconds < 1 || seconds > 21600) return {400, {}, ""};
    std::string token = "imds-session-" + std::to_string(++tokens_issued_);
    std::lock_guard lock(mutex_);
    tokens_.insert(token);
    return {200, {{"Content-Type", "text/plain"}, {"X-aws-ec2-metadata-token-ttl-seconds", ttl}},
            token};
  }
  if (request.method != "GET") return {405, {}, ""};
  std::lock_guard lock(mutex_);
  if (tokens_.count(request.Header("X-aws-ec2-metadata-token")) == 0) return {401, {}, ""};
  if (request.path == prefix) {
    if (role_.empty()) return {404, {}, ""};
    return {200, {{"Content-Type", "text/plain"}}, role_};
  }
  if (!role_.empty() && request.path == prefix + role_) {
    ++credential_fetches_;
    std::string body = R"({"Code":"Success","LastUpdated":"2026-11-27T00:00:00Z","Type":"AWS-HMAC",)"
                       R"("AccessKeyId":")" + credentials_.access_key_id +
                       R"(","SecretAccessKey":")" + credentials_.secret_access_key +
                       R"(","Token":")" + credentials_.token + R"(","Expiration":")" +
                       credentials_.expiration + R"("})";
    return {200, {{"Content-Type", "text/plain"}}, body};
  }
  return {404, {}, ""};
}

}  // namespace reghub::testing
