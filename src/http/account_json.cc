#include "http/account_json.h"

#include <algorithm>

#include "core/registry_json.h"

namespace reghub::http {

BodyReader::BodyReader(const nlohmann::json& body, std::initializer_list<std::string_view> allowed)
    : body_(body) {
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      violations_.Add(key.size() > 64 ? key.substr(0, 64) + "…" : key, "unknown field");
    }
  }
}

std::optional<std::string> BodyReader::String(const std::string& field, bool required) {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) violations_.Add(field, "is required");
    return std::nullopt;
  }
  if (!it->is_string()) {
    violations_.Add(field, "must be a string");
    return std::nullopt;
  }
  return it->get<std::string>();
}

std::optional<bool> BodyReader::Bool(const std::string& field) {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) {
    violations_.Add(field, "must be true or false");
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<long long> BodyReader::Integer(const std::string& field) {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) {
    violations_.Add(field, "must be a whole number");
    return std::nullopt;
  }
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > 1'000'000'000ULL) {
    violations_.Add(field, "is out of range");
    return std::nullopt;
  }
  return it->get<long long>();
}

std::optional<std::vector<std::string>> BodyReader::Strings(const std::string& field,
                                                            bool required,
                                                            std::size_t max_items) {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) violations_.Add(field, "is required (a list of strings)");
    return std::nullopt;
  }
  if (!it->is_array()) {
    violations_.Add(field, "must be a list of strings");
    return std::nullopt;
  }
  if (it->size() > max_items) {
    violations_.Add(field, "must hold at most " + std::to_string(max_items) + " items");
    return std::nullopt;
  }
  std::vector<std::string> items;
  bool valid = true;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const auto& item = (*it)[i];
    if (!item.is_string()) {
      violations_.Add(field + "[" + std::to_string(i) + "]", "must be a string");
      valid = false;
      continue;
    }
    items.push_back(item.get<std::string>());
  }
  if (!valid) return std::nullopt;
  return items;
}

Status BodyReader::Finish() const {
  if (violations_.empty()) return Status::Ok();
  return violations_.ToError();
}

nlohmann::json UserToJson(const service::UserView& view) {
  const store::UserRecord& user = view.user;
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"is_admin", user.is_admin},
          {"disabled", user.disabled},
          {"created_at", FormatTimestamp(user.created_at)},
          {"password_changed_at", user.password_changed_at == 0
                                      ? nlohmann::json(nullptr)
                                      : nlohmann::json(FormatTimestamp(user.password_changed_at))},
          {"teams", view.teams}};
}

nlohmann::json TeamToJson(const store::TeamRecord& team, bool with_members) {
  nlohmann::json json = {{"id", team.id},
                         {"name", team.name},
                         {"description", team.description},
                         {"created_at", FormatTimestamp(team.created_at)},
                         {"member_count", team.member_count}};
  if (with_members) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& member : team.members) {
      members.push_back({{"id", member.user_id}, {"username", member.username}});
    }
    json["members"] = std::move(members);
  }
  return json;
}

nlohmann::json TokenToJson(const store::TokenRecord& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"created_at", FormatTimestamp(token.created_at)},
          {"expires_at", token.expires_at == 0 ? nlohmann::json(nullptr)
                                               : nlohmann::json(FormatTimestamp(token.expires_at))}};
}

}  // namespace reghub::http
