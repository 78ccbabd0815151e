#include "providers/gcp.h"

#include <nlohmann/json.hpp>

#include "registry/text.h"

namespace reghub::providers {

Result<registry::BasicCredentials> GcpServiceAccountCredentials(const SecretString& json_key,
                                                                GcpKeyEncoding encoding) {
  nlohmann::json json = nlohmann::json::parse(json_key.Reveal(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return Error::InvalidField("credentials.json_key", "not a JSON object: paste the whole key file");
  }
  for (const char* field : {"type", "client_email", "private_key"}) {
    if (!json.contains(field) || !json[field].is_string() || json[field].get<std::string>().empty()) {
      return Error::InvalidField("credentials.json_key",
                                 std::string("the key has no \"") + field +
                                     "\": use a service-account JSON key");
    }
  }
  if (json["type"] != "service_account") {
    return Error::InvalidField("credentials.json_key",
                               "type must be \"service_account\": use a service-account JSON key");
  }
  registry::BasicCredentials credentials;
  if (encoding == GcpKeyEncoding::kBase64) {
    credentials.username = "_json_key_base64";
    credentials.password = SecretString(registry::Base64Encode(json_key.Reveal()));
  } else {
    credentials.username = "_json_key";
    credentials.password = json_key;
  }
  return credentials;
}

registry::BasicCredentials GcpAccessTokenCredentials(const SecretString& access_token) {
  return {"oauth2accesstoken", access_token};
}

}  // namespace reghub::providers
