#pragma once

#include "store/grant_store.h"
#include "store/sql_connection.h"

namespace reghub::store {

// GrantStore over the schema-2 tables global_grants and registry_grants
// (a grant names exactly one of user_id and team_id), reading users, teams,
// team_members, registries and environment_editors directly. The same SQL
// for SQLite and PostgreSQL; replaces are serialised by SQLite's write lock
// and, on PostgreSQL, by locking the registry's row (FOR UPDATE) or the
// global_grants table. REQUIRES: the database is migrated to version 2 or
// later, and outlives the store. Safe for concurrent use.
class SqlGrantStore final : public GrantStore {
 public:
  explicit SqlGrantStore(SqlDatabase& database) : database_(database) {}

  Result<std::vector<GrantRecord>> ListGlobalGrants() override;
  Result<std::vector<GrantRecord>> ListRegistryGrants(const std::string& registry_id) override;
  Status ReplaceGlobalGrants(const std::vector<GrantRecord>& grants,
                             const AuditEntry& audit) override;
  Status ReplaceRegistryGrants(const std::string& registry_id,
                               const std::vector<GrantRecord>& grants,
                               const AuditEntry& audit) override;
  Result<CallerGrants> ReadCallerGrants(const std::string& user_id,
                                        const std::string& registry_id) override;
  Result<std::vector<RegistryRole>> RegistriesGrantedTo(const std::string& user_id) override;
  Result<std::vector<std::string>> RegistriesCreatedSince(UnixSeconds since) override;
  Result<std::string> FindSubjectId(const std::string& subject_kind,
                                    const std::string& name) override;
  Result<bool> EnvironmentExists(const std::string& environment_id) override;
  Result<bool> IsEnvironmentEditor(const std::string& environment_id,
                                   const std::string& user_id) override;

 private:
  SqlDatabase& database_;
};

}  // namespace reghub::store
