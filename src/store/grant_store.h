#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "store/records.h"

namespace reghub::store {

// One role granted to a user or a team, globally or on one registry.
struct GrantRecord {
  std::string subject_kind;            // "user" | "team"
  std::string subject_id;
  std::string subject_name;            // username or team name; filled on reads, ignored on writes
  std::string role;                    // "viewer", ..., "hub-administrator" (global only)
  UnixSeconds created_at = 0;
  std::string created_by;

  bool operator==(const GrantRecord&) const = default;
};

// A role held on one registry.
struct RegistryRole {
  std::string registry_id;
  std::string role;
};

// What authorization needs to know of one caller, read in one round trip.
struct CallerGrants {
  std::vector<std::string> team_ids;           // the teams the user belongs to
  std::vector<GrantRecord> global_grants;      // global grants to the user or one of their teams
  std::vector<GrantRecord> registry_grants;    // the asked registry's grants to them
};

// Grants and the few facts about teams and environments that authorization
// reads. Implementation: SqlGrantStore (store/sql_grant_store.h). The store
// does not judge roles or subjects beyond the schema: the service validates.
// Safe for concurrent use.
class GrantStore {
 public:
  virtual ~GrantStore() = default;

  // Ordered by role, subject kind and subject name.
  virtual Result<std::vector<GrantRecord>> ListGlobalGrants() = 0;
  // not_found when the registry does not exist.
  virtual Result<std::vector<GrantRecord>> ListRegistryGrants(const std::string& registry_id) = 0;

  // Replace all global grants / all of one registry's own grants with
  // `grants` in one transaction, serialised against concurrent replaces,
  // together with `audit`, whose details gain "before" and "after": the
  // grants as [{"subject":{"kind","id","name"},"role"}]. Duplicate grants in
  // `grants` are written once. failed_precondition when a subject does not
  // exist; not_found when the registry does not exist. Nothing is written
  // on failure.
  virtual Status ReplaceGlobalGrants(const std::vector<GrantRecord>& grants,
                                     const AuditEntry& audit) = 0;
  virtual Status ReplaceRegistryGrants(const std::string& registry_id,
                                       const std::vector<GrantRecord>& grants,
                                       const AuditEntry& audit) = 0;

  // The caller's teams and the global grants (and, with a registry id, that
  // registry's grants) held by the user or those teams.
  virtual Result<CallerGrants> ReadCallerGrants(const std::string& user_id,
                                                const std::string& registry_id) = 0;
  // The registries with an own grant to the user or one of their teams, and
  // the roles granted there (a registry appears once per role).
  virtual Result<std::vector<RegistryRole>> RegistriesGrantedTo(const std::string& user_id) = 0;
  // Registries created at or after `since`, newest first (candidates for a
  // creator's open window).
  virtual Result<std::vector<std::string>> RegistriesCreatedSince(UnixSeconds since) = 0;

  // The id of the user or team named `name` (subject_kind "user" | "team");
  // not_found naming it otherwise.
  virtual Result<std::string> FindSubjectId(const std::string& subject_kind,
                                            const std::string& name) = 0;

  // Whether the environment exists, and whether the user is a member of one
  // of its editor teams.
  virtual Result<bool> EnvironmentExists(const std::string& environment_id) = 0;
  virtual Result<bool> IsEnvironmentEditor(const std::string& environment_id,
                                           const std::string& user_id) = 0;
};

}  // namespace reghub::store
