#pragma once

#include "store/sql_connection.h"
#include "store/team_store.h"

namespace reghub::store {

// TeamStore over the hub's SqlDatabase (the one SqlStore::database() holds):
// the same SQL for SQLite and PostgreSQL. Team lists use keyset pagination
// on the name; page_size is clamped to 1..500. Membership changes do not
// touch users or tokens, so they need no cache invalidation in SqlStore.
// Safe for concurrent use: each call leases its own connection.
class SqlTeamStore final : public TeamStore {
 public:
  // `database` must outlive the store.
  explicit SqlTeamStore(SqlDatabase& database) : database_(database) {}

  Status InsertTeam(const TeamRecord& team, const AuditEntry& audit) override;
  Result<TeamRecord> GetTeam(const std::string& id) override;
  Result<TeamRecord> FindTeamByName(const std::string& name) override;
  Result<Page<TeamRecord>> ListTeams(const PageRequest& page) override;
  Status UpdateTeam(const TeamRecord& team, const AuditEntry& audit) override;
  Status DeleteTeam(const std::string& id, const AuditEntry& audit) override;
  Status SetMembers(const std::string& team_id, const std::vector<std::string>& user_ids,
                    const AuditEntry& audit) override;
  Result<std::map<std::string, std::vector<std::string>>> TeamNamesOfUsers(
      const std::vector<std::string>& user_ids) override;

 private:
  // The team `key_column` = `key` with its members.
  Result<TeamRecord> FindTeam(std::string_view key_column, const std::string& key);

  SqlDatabase& database_;
};

}  // namespace reghub::store
