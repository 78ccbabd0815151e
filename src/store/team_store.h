#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/records.h"

namespace reghub::store {

// Teams and their members (the teams and team_members tables). Every
// mutating call writes its audit entry in the same transaction. Users are
// referenced by id; deleting a user (Store::DeleteUser) drops their
// memberships. Implementation: SqlTeamStore (store/sql_team_store.h).
// Safe for concurrent use from many threads.
class TeamStore {
 public:
  virtual ~TeamStore() = default;

  // already_exists (details field "name") when the name is taken.
  virtual Status InsertTeam(const TeamRecord& team, const AuditEntry& audit) = 0;
  // The team with its members (ordered by username) and member_count.
  virtual Result<TeamRecord> GetTeam(const std::string& id) = 0;
  virtual Result<TeamRecord> FindTeamByName(const std::string& name) = 0;
  // Ordered by name, with member_count (members left empty).
  virtual Result<Page<TeamRecord>> ListTeams(const PageRequest& page) = 0;
  // Stores name and description. not_found for an unknown id; already_exists
  // (field "name") when the new name is taken.
  virtual Status UpdateTeam(const TeamRecord& team, const AuditEntry& audit) = 0;
  // Deletes the team with its memberships and grants. not_found when unknown.
  virtual Status DeleteTeam(const std::string& id, const AuditEntry& audit) = 0;
  // Replaces the team's members with `user_ids` (duplicates are ignored).
  // not_found for an unknown team; failed_precondition when a user does not
  // exist (then nothing changes).
  virtual Status SetMembers(const std::string& team_id, const std::vector<std::string>& user_ids,
                            const AuditEntry& audit) = 0;
  // For each of `user_ids`, the names of the teams the user belongs to,
  // ordered by name (users without a team are absent).
  virtual Result<std::map<std::string, std::vector<std::string>>> TeamNamesOfUsers(
      const std::vector<std::string>& user_ids) = 0;
};

}  // namespace reghub::store
