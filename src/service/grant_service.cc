#include "service/grant_service.h"

#include <map>

namespace reghub::service {
namespace {

std::vector<GrantView> ToViews(const std::vector<store::GrantRecord>& records, bool inherited) {
  std::vector<GrantView> views;
  views.reserve(records.size());
  for (const store::GrantRecord& record : records) {
    auto kind = access::ParseSubjectKind(record.subject_kind);
    auto role = access::ParseRole(record.role);
    if (!kind || !role) continue;   // never written by this hub
    views.push_back({*kind, record.subject_id, record.subject_name, *role, inherited,
                     record.created_at, record.created_by});
  }
  return views;
}

store::AuditEntry GrantAudit(const Actor& actor, UnixSeconds now, std::string action,
                             std::string target_type, std::string target_id) {
  return {.at = now,
          .actor = actor.username,
          .action = std::move(action),
          .target_type = std::move(target_type),
          .target_id = std::move(target_id),
          .source = actor.source,
          .details = nlohmann::json::object()};
}

std::string Field(std::size_t index, std::string_view rest) {
  return "grants[" + std::to_string(index) + "]." + std::string(rest);
}

}  // namespace

Result<std::vector<store::GrantRecord>> GrantService::Resolve(
    const Actor& actor, const std::vector<GrantRequest>& requests, bool global) {
  if (requests.size() > kMaxGrants) {
    return Error::InvalidField("grants", "at most " + std::to_string(kMaxGrants) +
                                             " grants, got " + std::to_string(requests.size()));
  }
  const UnixSeconds now = clock_.Now();
  std::map<std::pair<access::SubjectKind, std::string>, std::string> ids;   // name -> id
  std::vector<store::GrantRecord> records;
  records.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const GrantRequest& request = requests[i];
    if (!global && !access::IsRegistryRole(request.role)) {
      return Error::InvalidField(Field(i, "role"),
                                 "hub-administrator can only be granted globally (PUT /api/v1/grants)");
    }
    const std::string kind(access::SubjectKindName(request.kind));
    auto known = ids.find({request.kind, request.name});
    if (known == ids.end()) {
      auto id = grants_.FindSubjectId(kind, request.name);
      if (!id.ok()) {
        if (id.error().code != ErrorCode::kNotFound) return id.error();
        return Error::InvalidField(Field(i, "subject.name"),
                                   "no " + kind + " named \"" + request.name + "\"");
      }
      known = ids.emplace(std::make_pair(request.kind, request.name), *id).first;
    }
    if (!request.id.empty() && request.id != known->second) {
      return Error::InvalidField(Field(i, "subject.id"),
                                 "is not the id of the " + kind + " \"" + request.name + "\"");
    }
    records.push_back({.subject_kind = kind,
                       .subject_id = known->second,
                       .subject_name = request.name,
                       .role = std::string(access::RoleName(request.role)),
                       .created_at = now,
                       .created_by = actor.username});
  }
  return records;
}

Result<std::vector<GrantView>> GrantService::ListGlobal(const Actor&) {
  REGHUB_ASSIGN_OR_RETURN(auto records, grants_.ListGlobalGrants());
  return ToViews(records, false);
}

Result<std::vector<GrantView>> GrantService::ReplaceGlobal(
    const Actor& actor, const std::vector<GrantRequest>& grants) {
  REGHUB_ASSIGN_OR_RETURN(auto records, Resolve(actor, grants, /*global=*/true));
  REGHUB_RETURN_IF_ERROR(grants_.ReplaceGlobalGrants(
      records, GrantAudit(actor, clock_.Now(), "grants.replace", "hub", "global")));
  return ListGlobal(actor);
}

Result<RegistryGrants> GrantService::ListForRegistry(const Actor&, const std::string& registry_id) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  REGHUB_ASSIGN_OR_RETURN(auto own, grants_.ListRegistryGrants(registry_id));
  REGHUB_ASSIGN_OR_RETURN(auto global, grants_.ListGlobalGrants());
  RegistryGrants result;
  result.grants = ToViews(own, false);
  for (GrantView& view : ToViews(global, true)) result.grants.push_back(std::move(view));
  result.permissions_deadline = stored.registry.permissions_deadline;
  result.pending = clock_.Now() < stored.registry.permissions_deadline;
  return result;
}

Result<RegistryGrants> GrantService::ReplaceForRegistry(const Actor& actor,
                                                        const std::string& registry_id,
                                                        const std::vector<GrantRequest>& grants) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  REGHUB_ASSIGN_OR_RETURN(auto records, Resolve(actor, grants, /*global=*/false));
  store::AuditEntry audit =
      GrantAudit(actor, clock_.Now(), "registry.grants.replace", "registry", registry_id);
  audit.details["url"] = stored.registry.url.ToString();
  REGHUB_RETURN_IF_ERROR(grants_.ReplaceRegistryGrants(registry_id, records, audit));
  return ListForRegistry(actor, registry_id);
}

}  // namespace reghub::service
