#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "support/docker_registry.h"

namespace reghub::testing {

// A loopback stand-in for the EC2 instance metadata service that follows the
// published IMDSv2 protocol (EC2 User Guide, "Use IMDSv2"):
//  - PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds (1-21600)
//    answers a session token (text/plain); without the header 400, with
//    X-Forwarded-For 403;
//  - every GET needs X-aws-ec2-metadata-token with a live token, else 401;
//  - GET /latest/meta-data/iam/security-credentials/ lists the role (404 when
//    no role is attached); GET …/<role> answers the credentials JSON
//    (Code, LastUpdated, Type, AccessKeyId, SecretAccessKey, Token, Expiration).
// IMDSv1 (GET without a token) is refused, as on an instance that requires v2.
class ImdsFixture {
 public:
  struct Credentials {
    std::string access_key_id = "ASIAIMDSEXAMPLE00001";
    std::string secret_access_key = "imdsSecretKeyEXAMPLE/abcdefghijklmnop1234";
    std::string token = "IQoJb3JpZ2luX2VjEXAMPLEimds";
    std::string expiration = "2099-01-01T00:00:00Z";
  };

  // `role` "" means no instance profile.
  explicit ImdsFixture(std::string role = "reghub-hub-role");

  std::string endpoint() const { return server_->origin(); }
  void set_credentials(Credentials credentials);
  // Forgets every session token (the next GET with an old one gets 401).
  void RevokeTokens();
  int tokens_issued() const { return tokens_issued_.load(); }
  int credential_fetches() const { return credential_fetches_.load(); }
  std::vector<LoopbackRequest> requests() const { return server_->requests(); }

 private:
  LoopbackResponse Handle(const LoopbackRequest& request);

  std::string role_;
  mutable std::mutex mutex_;
  Credentials credentials_;
  std::set<std::string> tokens_;
  std::atomic<int> tokens_issued_{0};
  std::atomic<int> credential_fetches_{0};
  std::unique_ptr<LoopbackHttpServer> server_;
};

}  // namespace reghub::testing
