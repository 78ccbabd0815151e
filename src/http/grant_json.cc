#include "http/grant_json.h"

#include "core/registry_json.h"

namespace reghub::http {
namespace {

constexpr std::size_t kMaxNameLength = 200;

Error Invalid(const std::string& field, const std::string& message) {
  return Error::InvalidField(field, message);
}

Status OnlyKeys(const nlohmann::json& object, std::initializer_list<std::string_view> keys,
                const std::string& prefix) {
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view candidate : keys) known = known || key == candidate;
    if (!known) return Invalid(prefix + key, "unknown field");
  }
  return Status::Ok();
}

Result<std::string> RequiredString(const nlohmann::json& object, const std::string& key,
                                   const std::string& field) {
  auto it = object.find(key);
  if (it == object.end()) return Invalid(field, "required");
  if (!it->is_string()) return Invalid(field, "must be a string");
  return it->get<std::string>();
}

Result<service::GrantRequest> ParseGrant(const nlohmann::json& grant, const std::string& at) {
  if (!grant.is_object()) return Invalid(at, "must be an object {\"subject\",\"role\"}");
  REGHUB_RETURN_IF_ERROR(OnlyKeys(grant, {"subject", "role"}, at + "."));
  auto subject = grant.find("subject");
  if (subject == grant.end()) return Invalid(at + ".subject", "required");
  if (!subject->is_object()) {
    return Invalid(at + ".subject", "must be an object {\"kind\",\"name\"}");
  }
  REGHUB_RETURN_IF_ERROR(OnlyKeys(*subject, {"kind", "name", "id"}, at + ".subject."));
  service::GrantRequest request;
  REGHUB_ASSIGN_OR_RETURN(std::string kind, RequiredString(*subject, "kind", at + ".subject.kind"));
  auto parsed_kind = access::ParseSubjectKind(kind);
  if (!parsed_kind) return Invalid(at + ".subject.kind", "must be \"user\" or \"team\"");
  request.kind = *parsed_kind;
  REGHUB_ASSIGN_OR_RETURN(request.name, RequiredString(*subject, "name", at + ".subject.name"));
  if (request.name.empty()) return Invalid(at + ".subject.name", "must not be empty");
  if (request.name.size() > kMaxNameLength) {
    return Invalid(at + ".subject.name",
                   "must be at most " + std::to_string(kMaxNameLength) + " characters");
  }
  if (subject->contains("id")) {
    REGHUB_ASSIGN_OR_RETURN(request.id, RequiredString(*subject, "id", at + ".subject.id"));
    if (request.id.size() > kMaxNameLength) return Invalid(at + ".subject.id", "is too long");
  }
  REGHUB_ASSIGN_OR_RETURN(std::string role, RequiredString(grant, "role", at + ".role"));
  auto parsed_role = access::ParseRole(role);
  if (!parsed_role) {
    return Invalid(at + ".role",
                   "must be one of viewer, consumer, assigner, administrator, hub-administrator");
  }
  request.role = *parsed_role;
  return request;
}

}  // namespace

Result<std::vector<service::GrantRequest>> ParseGrantsBody(const nlohmann::json& body) {
  if (!body.is_object()) return Error::InvalidArgument("the body must be an object {\"grants\":[…]}");
  REGHUB_RETURN_IF_ERROR(OnlyKeys(body, {"grants"}, ""));
  auto grants = body.find("grants");
  if (grants == body.end()) return Invalid("grants", "required (an empty list removes all)");
  if (!grants->is_array()) return Invalid("grants", "must be a list");
  if (grants->size() > service::GrantService::kMaxGrants) {
    return Invalid("grants", "at most " + std::to_string(service::GrantService::kMaxGrants) +
                                 " grants, got " + std::to_string(grants->size()));
  }
  std::vector<service::GrantRequest> requests;
  requests.reserve(grants->size());
  for (std::size_t i = 0; i < grants->size(); ++i) {
    REGHUB_ASSIGN_OR_RETURN(auto request,
                            ParseGrant((*grants)[i], "grants[" + std::to_string(i) + "]"));
    requests.push_back(std::move(request));
  }
  return requests;
}

nlohmann::json GrantToJson(const service::GrantView& grant, bool with_inherited) {
  nlohmann::json json = {{"subject",
                          {{"kind", access::SubjectKindName(grant.kind)},
                           {"id", grant.subject_id},
                           {"name", grant.subject_name}}},
                         {"role", access::RoleName(grant.role)},
                         {"created_at", FormatTimestamp(grant.created_at)},
                         {"created_by", grant.created_by}};
  if (with_inherited) json["inherited"] = grant.inherited;
  return json;
}

nlohmann::json GlobalGrantsToJson(const std::vector<service::GrantView>& grants) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& grant : grants) list.push_back(GrantToJson(grant, false));
  return {{"grants", std::move(list)}};
}

nlohmann::json RegistryGrantsToJson(const service::RegistryGrants& grants) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& grant : grants.grants) list.push_back(GrantToJson(grant, true));
  return {{"grants", std::move(list)},
          {"permissions_deadline", FormatTimestamp(grants.permissions_deadline)},
          {"pending", grants.pending}};
}

}  // namespace reghub::http
