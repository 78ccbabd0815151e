#include "access/access_policy.h"

#include <algorithm>

#include "core/registry_json.h"

namespace reghub::access {
namespace {

std::string_view Needing(Role role) {
  switch (role) {
    case Role::kViewer: return "viewing";
    case Role::kConsumer: return "using the credentials of";
    case Role::kAssigner: return "assigning";
    case Role::kAdministrator: return "administering";
    case Role::kHubAdministrator: return "administering";
  }
  return "using";
}

}  // namespace

bool HoldsGrant(const Caller& caller, const RoleGrant& grant) {
  if (grant.kind == SubjectKind::kUser) {
    return !caller.user_id.empty() && grant.subject_id == caller.user_id;
  }
  return std::find(caller.team_ids.begin(), caller.team_ids.end(), grant.subject_id) !=
         caller.team_ids.end();
}

bool IsHubAdministrator(const Caller& caller, std::span<const RoleGrant> global_grants) {
  if (caller.is_admin) return true;
  return std::any_of(global_grants.begin(), global_grants.end(), [&](const RoleGrant& grant) {
    return grant.role == Role::kHubAdministrator && HoldsGrant(caller, grant);
  });
}

bool WindowOpen(const RegistryFacts& registry, UnixSeconds now) {
  return now < registry.permissions_deadline;
}

RoleSet EffectiveRegistryRoles(const Caller& caller, const RegistryFacts& registry,
                               std::span<const RoleGrant> global_grants,
                               std::span<const RoleGrant> own_grants, UnixSeconds now) {
  RoleSet roles;
  if (IsHubAdministrator(caller, global_grants)) {
    roles.Add(Role::kHubAdministrator);
    return roles;
  }
  for (const auto& grants : {global_grants, own_grants}) {
    for (const RoleGrant& grant : grants) {
      if (IsRegistryRole(grant.role) && HoldsGrant(caller, grant)) roles.Add(grant.role);
    }
  }
  if (!caller.username.empty() && caller.username == registry.created_by &&
      WindowOpen(registry, now)) {
    roles.Add(Role::kAdministrator);
  }
  return roles;
}

Error HiddenRegistry(const std::string& id) { return Error::NotFound("registry " + id + " not found"); }

Status DecideRegistryAccess(Role required, const Caller& caller, const RegistryFacts& registry,
                            std::span<const RoleGrant> global_grants,
                            std::span<const RoleGrant> own_grants, UnixSeconds now) {
  RoleSet roles = EffectiveRegistryRoles(caller, registry, global_grants, own_grants, now);
  if (roles.Has(required)) return Status::Ok();
  const bool creator = !caller.username.empty() && caller.username == registry.created_by;
  if (creator && !WindowOpen(registry, now)) {
    return Error::PermissionDenied(
        "permission denied: the permissions window of registry " + registry.url + " closed at " +
        FormatTimestamp(registry.permissions_deadline) +
        "; since then only its administrators and hub administrators manage it, and " +
        std::string(Needing(required)) + " it needs the " + std::string(RoleName(required)) +
        " role (you hold " + roles.Describe() + ")");
  }
  if (!roles.Has(Role::kViewer)) return HiddenRegistry(registry.id);
  return Error::PermissionDenied("permission denied: " + std::string(Needing(required)) +
                                 " registry " + registry.url + " needs the " +
                                 std::string(RoleName(required)) + " role; you hold " +
                                 roles.Describe());
}

}  // namespace reghub::access
