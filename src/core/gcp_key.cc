#include "core/gcp_key.h"

#include <nlohmann/json.hpp>

namespace reghub {

Result<GcpServiceAccountKey> ParseGcpServiceAccountKey(std::string_view text,
                                                       std::string_view field) {
  std::string name(field);
  // ordered_json keeps the members in the order Google wrote them.
  auto key = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (key.is_discarded() || !key.is_object()) {
    return Error::InvalidField(name,
                               "must be a service-account key: a JSON object as downloaded "
                               "from Google Cloud");
  }
  auto string_member = [&](const char* member) -> std::string {
    auto it = key.find(member);
    return it != key.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  if (string_member("type") != "service_account") {
    return Error::InvalidField(name,
                               "must be a service-account key (\"type\": "
                               "\"service_account\")");
  }
  GcpServiceAccountKey out;
  out.client_email = string_member("client_email");
  if (out.client_email.find('@') == std::string::npos) {
    return Error::InvalidField(name, "the key has no \"client_email\"");
  }
  if (string_member("private_key").empty()) {
    return Error::InvalidField(name, "the key has no \"private_key\"");
  }
  out.project_id = string_member("project_id");
  out.compact_json = key.dump();
  return out;
}

}  // namespace reghub
