#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "access/access_policy.h"
#include "core/result.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/permission.h"
#include "store/grant_store.h"
#include "store/store.h"

namespace reghub::service {

// Which registries a caller may see (all of them, or exactly `ids`), and
// which of those they administer: only administrators see a registry's
// credential metadata beyond its kind.
struct RegistryVisibility {
  bool all = false;
  std::unordered_set<std::string> ids;
  bool administers_all = false;
  std::unordered_set<std::string> administered;

  bool Contains(const std::string& id) const { return all || ids.count(id) != 0; }
  bool Administers(const std::string& id) const {
    return administers_all || administered.count(id) != 0;
  }
};

// The caller as the access policy sees them, with their global grants.
struct CallerAccess {
  access::Caller caller;
  std::vector<access::RoleGrant> global_grants;
  bool hub_administrator = false;
};

// Decides who may do what (issue 3): the router's authorizer, and the
// checks services make for a second resource. Rules per Permission:
// - kPublic, kAuthenticated, kEnvironmentView: any signed-in user.
// - kHubAdmin: users.is_admin, or a global hub-administrator grant to the
//   user or one of their teams.
// - kRegistryView/Consume/Assign/Administer on the registry `resource_id`:
//   viewer/consumer/assigner/administrator there (access::DecideRegistryAccess:
//   not_found when it does not exist or the caller cannot view it,
//   permission_denied when a viewer lacks the role). kRegistryGrants needs
//   administrator, which the creator holds until permissions_deadline.
// - kEnvironmentEdit: hub administrators and members of a team in the
//   environment's editors (not_found for a missing environment).
// - kEnvironmentAgent: the agent token of environment `resource_id`, or a hub
//   administrator.
// An agent token (Actor::environment_id set) gets permission_denied for
// every permission but kEnvironmentAgent on its own environment. Hub
// administrators by users.is_admin are decided without reading the database.
// Thread-safe; the stores and clock outlive it.
class AccessService {
 public:
  AccessService(store::Store& store, store::GrantStore& grants, const Clock& clock)
      : store_(store), grants_(grants), clock_(clock) {}

  // Whether `actor` holds `permission` on `resource_id` (the route's {id}).
  Status Authorize(const Actor& actor, Permission permission,
                   const std::string& resource_id) const;
  // The same decision, for services checking a registry (or environment)
  // that is not the route's {id}, e.g. assigner on the registry to attach.
  Status Check(const Actor& actor, Permission permission, const std::string& resource_id) const {
    return Authorize(actor, permission, resource_id);
  }

  // The registries `actor` may view: all for hub administrators and holders
  // of any global registry role; otherwise those with an own grant to them
  // or their teams, and those they created whose window is still open.
  // Hub administrators by users.is_admin are answered without a read.
  Result<RegistryVisibility> VisibleRegistries(const Actor& actor) const;

  // Whether `actor` administers the registry (sees its credential details):
  // true for users.is_admin without a read; false when the registry is
  // missing or hidden.
  Result<bool> Administers(const Actor& actor, const std::string& registry_id) const;

  // The caller's teams and the global grants they hold (one read, also for
  // users.is_admin callers).
  Result<CallerAccess> ReadCaller(const Actor& actor) const;

 private:
  Status AuthorizeRegistry(const Actor& actor, access::Role required,
                           const std::string& registry_id) const;
  Status AuthorizeHubAdmin(const Actor& actor) const;
  Status AuthorizeEnvironmentEdit(const Actor& actor, const std::string& environment_id) const;

  store::Store& store_;
  store::GrantStore& grants_;
  const Clock& clock_;
};

// The global grants as the policy sees them; grants with an unknown role or
// subject kind (never written by this hub) are skipped.
std::vector<access::RoleGrant> ToRoleGrants(const std::vector<store::GrantRecord>& records);

}  // namespace reghub::service
