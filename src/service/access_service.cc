#include "service/access_service.h"

#include "access/roles.h"

namespace reghub::service {
namespace {

Error AgentRefused() {
  return Error::PermissionDenied(
      "permission denied: an agent token may only read its own environment's desired state "
      "and report its actuations");
}

access::Caller CallerOf(const Actor& actor, std::vector<std::string> team_ids) {
  return {actor.user_id, actor.username, actor.is_admin, std::move(team_ids)};
}

access::RegistryFacts FactsOf(const Registry& registry) {
  return {registry.id, registry.url.ToString(), registry.created_by, registry.permissions_deadline};
}

}  // namespace

std::vector<access::RoleGrant> ToRoleGrants(const std::vector<store::GrantRecord>& records) {
  std::vector<access::RoleGrant> grants;
  grants.reserve(records.size());
  for (const store::GrantRecord& record : records) {
    auto kind = access::ParseSubjectKind(record.subject_kind);
    auto role = access::ParseRole(record.role);
    if (!kind || !role) continue;
    grants.push_back({*kind, record.subject_id, *role});
  }
  return grants;
}

Result<CallerAccess> AccessService::ReadCaller(const Actor& actor) const {
  REGHUB_ASSIGN_OR_RETURN(store::CallerGrants read, grants_.ReadCallerGrants(actor.user_id, ""));
  CallerAccess result;
  result.caller = CallerOf(actor, std::move(read.team_ids));
  result.global_grants = ToRoleGrants(read.global_grants);
  result.hub_administrator = access::IsHubAdministrator(result.caller, result.global_grants);
  return result;
}

Status AccessService::Authorize(const Actor& actor, Permission permission,
                                const std::string& resource_id) const {
  if (permission == Permission::kPublic) return Status::Ok();
  if (!actor.environment_id.empty()) {
    if (permission == Permission::kEnvironmentAgent && actor.environment_id == resource_id) {
      return Status::Ok();
    }
    return AgentRefused();
  }
  switch (permission) {
    case Permission::kPublic:
    case Permission::kAuthenticated:
    case Permission::kEnvironmentView:
      return Status::Ok();
    case Permission::kHubAdmin:
      return AuthorizeHubAdmin(actor);
    case Permission::kRegistryView:
      return AuthorizeRegistry(actor, access::Role::kViewer, resource_id);
    case Permission::kRegistryConsume:
      return AuthorizeRegistry(actor, access::Role::kConsumer, resource_id);
    case Permission::kRegistryAssign:
      return AuthorizeRegistry(actor, access::Role::kAssigner, resource_id);
    case Permission::kRegistryAdminister:
    case Permission::kRegistryGrants:
      // The creator's window is an administrator role (access_policy.h).
      return AuthorizeRegistry(actor, access::Role::kAdministrator, resource_id);
    case Permission::kEnvironmentEdit:
      return AuthorizeEnvironmentEdit(actor, resource_id);
    case Permission::kEnvironmentAgent: {
      Status admin = AuthorizeHubAdmin(actor);
      if (admin.ok()) return admin;
      if (admin.error().code != ErrorCode::kPermissionDenied) return admin;
      return Error::PermissionDenied(
          "permission denied: only the environment's agent token or a hub administrator may "
          "do this");
    }
  }
  return Error::Internal("unknown permission");
}

Status AccessService::AuthorizeHubAdmin(const Actor& actor) const {
  if (actor.is_admin) return Status::Ok();
  REGHUB_ASSIGN_OR_RETURN(CallerAccess caller, ReadCaller(actor));
  if (caller.hub_administrator) return Status::Ok();
  return Error::PermissionDenied("permission denied: this needs a hub administrator");
}

Status AccessService::AuthorizeRegistry(const Actor& actor, access::Role required,
                                        const std::string& registry_id) const {
  if (registry_id.empty()) {
    return Error::Internal("a registry permission was checked without a registry id");
  }
  // Hub administrators by flag pass without a read: a missing registry is
  // then the handler's not_found.
  if (actor.is_admin) return Status::Ok();
  auto stored = store_.GetRegistry(registry_id);
  if (!stored.ok()) {
    if (stored.error().code == ErrorCode::kNotFound) return access::HiddenRegistry(registry_id);
    return stored.error();
  }
  REGHUB_ASSIGN_OR_RETURN(store::CallerGrants read,
                          grants_.ReadCallerGrants(actor.user_id, registry_id));
  const access::Caller caller = CallerOf(actor, std::move(read.team_ids));
  const auto global = ToRoleGrants(read.global_grants);
  const auto own = ToRoleGrants(read.registry_grants);
  return access::DecideRegistryAccess(required, caller, FactsOf(stored->registry), global, own,
                                      clock_.Now());
}

Status AccessService::AuthorizeEnvironmentEdit(const Actor& actor,
                                               const std::string& environment_id) const {
  if (actor.is_admin) return Status::Ok();
  REGHUB_ASSIGN_OR_RETURN(CallerAccess caller, ReadCaller(actor));
  if (caller.hub_administrator) return Status::Ok();
  REGHUB_ASSIGN_OR_RETURN(bool editor, grants_.IsEnvironmentEditor(environment_id, actor.user_id));
  if (editor) return Status::Ok();
  REGHUB_ASSIGN_OR_RETURN(bool exists, grants_.EnvironmentExists(environment_id));
  if (!exists) return Error::NotFound("environment " + environment_id + " not found");
  return Error::PermissionDenied(
      "permission denied: editing environment " + environment_id +
      " needs a hub administrator or a member of one of its editor teams");
}

Result<RegistryVisibility> AccessService::VisibleRegistries(const Actor& actor) const {
  RegistryVisibility visible;
  if (!actor.environment_id.empty()) return visible;
  if (actor.is_admin) {
    visible.all = visible.administers_all = true;
    return visible;
  }
  REGHUB_ASSIGN_OR_RETURN(CallerAccess caller, ReadCaller(actor));
  for (const access::RoleGrant& grant : caller.global_grants) {
    if (access::RoleImplies(grant.role, access::Role::kAdministrator)) visible.administers_all = true;
  }
  // Any global role includes viewer on every registry.
  if (caller.hub_administrator || !caller.global_grants.empty()) visible.all = true;
  if (visible.all && visible.administers_all) return visible;

  REGHUB_ASSIGN_OR_RETURN(auto granted, grants_.RegistriesGrantedTo(actor.user_id));
  for (const store::RegistryRole& held : granted) {
    auto role = access::ParseRole(held.role);
    if (!role) continue;
    if (!visible.all) visible.ids.insert(held.registry_id);
    if (access::RoleImplies(*role, access::Role::kAdministrator)) {
      visible.administered.insert(held.registry_id);
    }
  }
  const UnixSeconds now = clock_.Now();
  REGHUB_ASSIGN_OR_RETURN(auto recent,
                          grants_.RegistriesCreatedSince(now - access::kPermissionsWindow));
  for (const std::string& id : recent) {
    if (visible.Administers(id)) continue;
    auto stored = store_.GetRegistry(id);
    if (!stored.ok()) continue;   // deleted meanwhile
    const Registry& registry = stored->registry;
    if (registry.created_by == actor.username && access::WindowOpen(FactsOf(registry), now)) {
      if (!visible.all) visible.ids.insert(id);
      visible.administered.insert(id);
    }
  }
  return visible;
}

Result<bool> AccessService::Administers(const Actor& actor, const std::string& registry_id) const {
  if (!actor.environment_id.empty()) return false;
  if (actor.is_admin) return true;
  Status status = AuthorizeRegistry(actor, access::Role::kAdministrator, registry_id);
  if (status.ok()) return true;
  if (status.error().code == ErrorCode::kPermissionDenied ||
      status.error().code == ErrorCode::kNotFound) {
    return false;
  }
  return status.error();
}

}  // namespace reghub::service
