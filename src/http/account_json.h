#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/violations.h"
#include "service/token_service.h"
#include "service/user_service.h"
#include "store/records.h"

namespace reghub::http {

// Reads the fields of a JSON request body of the account routes (users,
// teams, tokens) strictly: fields not in `allowed` are refused ("unknown
// field"), each read checks its JSON type, and Finish() reports every
// problem at once as invalid_argument with one detail per field. Values are
// never quoted in messages (some are passwords).
class BodyReader {
 public:
  BodyReader(const nlohmann::json& body, std::initializer_list<std::string_view> allowed);

  std::optional<std::string> String(const std::string& field, bool required = false);
  std::optional<bool> Bool(const std::string& field);
  std::optional<long long> Integer(const std::string& field);
  // A list of strings of at most `max_items` items.
  std::optional<std::vector<std::string>> Strings(const std::string& field, bool required,
                                                  std::size_t max_items);
  Status Finish() const;

 private:
  const nlohmann::json& body_;
  Violations violations_;
};

// A user as the API shows it (never the password hash):
// {"id","username","display_name","is_admin","disabled","created_at","password_changed_at","teams"}.
nlohmann::json UserToJson(const service::UserView& user);
// {"id","name","description","created_at","member_count"} and, when
// `with_members`, "members":[{"id","username"}].
nlohmann::json TeamToJson(const store::TeamRecord& team, bool with_members);
// {"id","name","created_at","expires_at"} (expires_at null when it never expires).
nlohmann::json TokenToJson(const store::TokenRecord& token);

}  // namespace reghub::http
