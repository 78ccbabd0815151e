#pragma once

#include "core/result.h"
#include "core/secret_string.h"
#include "registry/credentials.h"

namespace reghub::providers {

enum class GcpKeyEncoding {
  kRaw,      // username "_json_key", the JSON as password
  kBase64,   // username "_json_key_base64", base64 of the JSON as password
};

// Basic credentials for Artifact Registry / GCR from a service-account JSON
// key. The key must be a JSON object with type "service_account",
// client_email and private_key (invalid_argument on credentials.json_key
// otherwise; the message never quotes the key).
Result<registry::BasicCredentials> GcpServiceAccountCredentials(
    const SecretString& json_key, GcpKeyEncoding encoding = GcpKeyEncoding::kRaw);

// Basic credentials for an OAuth2 access token ("oauth2accesstoken").
registry::BasicCredentials GcpAccessTokenCredentials(const SecretString& access_token);

}  // namespace reghub::providers
