#pragma once

#include <functional>
#include <string>

#include "core/result.h"
#include "service/actor.h"
#include "store/records.h"

namespace reghub::service {

// Checks shared by the user, team and token services. The router's
// authorizer already enforces each route's Permission; the services check
// again so that they are safe to call from anywhere.

// Agent tokens act for their environment only, never on accounts.
inline Status RequirePerson(const Actor& actor) {
  if (!actor.environment_id.empty()) {
    return Error::PermissionDenied("an environment agent token cannot manage users, teams or tokens");
  }
  return Status::Ok();
}

// Whether the actor is a hub administrator. The hub passes the access
// service's answer (users.is_admin or a global hub-administrator grant);
// empty means users.is_admin alone.
using HubAdminCheck = std::function<bool(const Actor&)>;

inline bool IsHubAdmin(const Actor& actor, const HubAdminCheck& check) {
  return check ? check(actor) : actor.is_admin;
}

inline Status RequireHubAdmin(const Actor& actor, const std::string& what,
                              const HubAdminCheck& check) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  if (!IsHubAdmin(actor, check)) {
    return Error::PermissionDenied("only hub administrators may " + what);
  }
  return Status::Ok();
}

// An audit entry by `actor` on `target_type` `target_id`.
inline store::AuditEntry AuditBy(const Actor& actor, UnixSeconds at, std::string action,
                                 std::string target_type, std::string target_id,
                                 nlohmann::json details = nlohmann::json::object()) {
  return {.at = at, .actor = actor.username, .action = std::move(action),
          .target_type = std::move(target_type), .target_id = std::move(target_id),
          .source = actor.source, .details = std::move(details)};
}

}  // namespace reghub::service
