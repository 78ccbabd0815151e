#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/secret_string.h"

namespace reghub::providers {

// AWS credentials for signing. The session token is set for temporary
// credentials (STS, instance roles).
struct AwsCredentials {
  std::string access_key_id;
  SecretString secret_access_key;
  SecretString session_token;
};

// A request as the signer sees it. `path` and `query` are raw (not yet
// percent-encoded; the signer encodes them as SigV4 requires). Headers keep
// their order and duplicates.
struct SigV4Request {
  std::string method;
  std::string path = "/";
  std::string query;                                           // without '?'
  std::vector<std::pair<std::string, std::string>> headers;    // must hold Host and X-Amz-Date
  std::string body;
};

struct SigV4Scope {
  std::string region;
  std::string service;
};

struct SigV4Options {
  // Remove "." and ".." segments and repeated slashes (every service but S3).
  bool normalize_path = true;
  // Add X-Amz-Security-Token before signing so it is signed (most services);
  // false adds it after signing (the suite's post-sts-header-after).
  bool sign_session_token = true;
};

// AWS Signature Version 4 (the published aws-sig-v4-test-suite is the
// specification these functions are tested against). The pieces are exposed
// so that each intermediate form can be checked.
class SigV4Signer {
 public:
  SigV4Signer(AwsCredentials credentials, SigV4Scope scope, SigV4Options options = {});

  // The canonical request: method, canonical URI, sorted encoded query,
  // lower-cased trimmed headers (values of repeated headers joined by ','),
  // signed header list and hex sha256 of the body.
  std::string CanonicalRequest(const SigV4Request& request) const;
  // "AWS4-HMAC-SHA256\n<amz-date>\n<date>/<region>/<service>/aws4_request\n<hash>".
  std::string StringToSign(const SigV4Request& request) const;
  // The Authorization header value.
  std::string Authorization(const SigV4Request& request) const;
  // Hex HMAC-SHA256 of `string_to_sign` under the key derived for `date`
  // ("yyyymmdd") and this signer's scope.
  std::string Signature(std::string_view string_to_sign, std::string_view date) const;
  // Returns `request` with X-Amz-Security-Token (when there is a session token)
  // and Authorization added.
  SigV4Request Sign(SigV4Request request) const;

 private:
  AwsCredentials credentials_;
  SigV4Scope scope_;
  SigV4Options options_;
};

// "20150830T123600Z" for a Unix time.
std::string AmzDate(long long unix_seconds);

}  // namespace reghub::providers
