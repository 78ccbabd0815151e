#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "access/roles.h"
#include "core/registry.h"
#include "core/result.h"

namespace reghub::access {

// How long a new registry's creator holds administrator on it.
inline constexpr UnixSeconds kPermissionsWindow = 5 * 60;

// Who asks: the user, whether users.is_admin is set, and the teams they belong to.
struct Caller {
  std::string user_id;
  std::string username;
  bool is_admin = false;
  std::vector<std::string> team_ids;
};

// What the policy needs to know of a registry.
struct RegistryFacts {
  std::string id;
  std::string url;                     // for messages
  std::string created_by;              // the creator's username
  UnixSeconds permissions_deadline = 0;
};

// Whether `grant` is held by the caller: granted to the user or to one of their teams.
bool HoldsGrant(const Caller& caller, const RoleGrant& grant);

// users.is_admin, or a global hub-administrator grant to the caller.
bool IsHubAdministrator(const Caller& caller, std::span<const RoleGrant> global_grants);

// Whether the creator's five-minute window is still open at `now`.
bool WindowOpen(const RegistryFacts& registry, UnixSeconds now);

// The caller's roles on one registry: every role when a hub administrator;
// otherwise the registry roles of the global grants and the registry's own
// grants held by the caller, plus administrator for the creator while the
// window is open (now < permissions_deadline). Grants to other subjects are
// ignored, so callers may pass all grants or only the caller's.
RoleSet EffectiveRegistryRoles(const Caller& caller, const RegistryFacts& registry,
                               std::span<const RoleGrant> global_grants,
                               std::span<const RoleGrant> own_grants, UnixSeconds now);

// Whether the caller holds `required` (a registry role) on the registry, and
// why not:
// - ok when the effective roles include it;
// - the creator whose window has closed and who lacks it: permission_denied
//   naming the deadline in RFC 3339 (they know the registry exists);
// - anyone else who cannot even view it: not_found, worded as for a missing
//   registry, so that ids of hidden registries do not leak;
// - a viewer lacking a stronger role: permission_denied naming the role
//   needed and the roles held.
Status DecideRegistryAccess(Role required, const Caller& caller, const RegistryFacts& registry,
                            std::span<const RoleGrant> global_grants,
                            std::span<const RoleGrant> own_grants, UnixSeconds now);

// The not_found error for a registry the caller may not know of; the same
// words as for a registry that does not exist.
Error HiddenRegistry(const std::string& id);

}  // namespace reghub::access
