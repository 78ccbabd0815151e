#include "store/sql_team_store.h"

#include <set>
#include <utility>

#include "store/page_token.h"
#include "store/sql_store_internal.h"

namespace reghub::store {
namespace {

using internal::ExecuteStatement;
using internal::InsertAudit;
using internal::Transact;

constexpr std::string_view kTeamColumns =
    "t.id, t.name, t.description, t.created_at, "
    "(SELECT COUNT(*) FROM team_members m WHERE m.team_id = t.id)";

TeamRecord ReadTeam(const SqlRow& row) {
  TeamRecord team;
  team.id = row.Text(0);
  team.name = row.Text(1);
  team.description = row.Text(2);
  team.created_at = row.Int(3);
  team.member_count = row.Int(4);
  return team;
}

// The contract's errors for a failed insert or rename of `team`.
Status ExplainTeamWriteError(Status status, const TeamRecord& team) {
  if (status.ok() || status.error().code != ErrorCode::kAlreadyExists) return status;
  return Error::AlreadyExists("team " + team.name + " already exists", {{"name", "is taken"}});
}

}  // namespace

Status SqlTeamStore::InsertTeam(const TeamRecord& team, const AuditEntry& audit) {
  return ExplainTeamWriteError(
      Transact(database_,
               [&](SqlConnection& connection) -> Status {
                 const SqlValue params[] = {team.id, team.name, team.description, team.created_at};
                 REGHUB_RETURN_IF_ERROR(ExecuteStatement(
                     connection,
                     "INSERT INTO teams (id, name, description, created_at) VALUES (?, ?, ?, ?)",
                     params));
                 return InsertAudit(connection, audit);
               }),
      team);
}

Result<TeamRecord> SqlTeamStore::FindTeam(std::string_view key_column, const std::string& key) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  const SqlValue params[] = {key};
  std::string sql = "SELECT " + std::string(kTeamColumns) + " FROM teams t WHERE t." +
                    std::string(key_column) + " = ?";
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  if (rows.empty()) return Error::NotFound("team " + key + " not found");
  TeamRecord team = ReadTeam(rows.front());
  const SqlValue team_id[] = {team.id};
  REGHUB_ASSIGN_OR_RETURN(
      auto members, lease->Query("SELECT u.id, u.username FROM team_members m JOIN users u ON "
                                 "u.id = m.user_id WHERE m.team_id = ? ORDER BY u.username",
                                 team_id));
  for (const SqlRow& row : members) team.members.push_back({row.Text(0), row.Text(1)});
  team.member_count = static_cast<std::int64_t>(team.members.size());
  return team;
}

Result<TeamRecord> SqlTeamStore::GetTeam(const std::string& id) { return FindTeam("id", id); }

Result<TeamRecord> SqlTeamStore::FindTeamByName(const std::string& name) {
  return FindTeam("name", name);
}

Result<Page<TeamRecord>> SqlTeamStore::ListTeams(const PageRequest& page) {
  const int size = ClampPageSize(page.page_size);
  std::string sql = "SELECT " + std::string(kTeamColumns) + " FROM teams t";
  std::vector<SqlValue> params;
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(std::string after, DecodeTextPageToken(page.page_token));
    sql += " WHERE t.name > ?";
    params.emplace_back(std::move(after));
  }
  sql += " ORDER BY t.name LIMIT ?";
  params.emplace_back(std::int64_t{size} + 1);
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  Page<TeamRecord> result;
  const bool more = rows.size() > static_cast<std::size_t>(size);
  if (more) rows.pop_back();
  for (const SqlRow& row : rows) result.items.push_back(ReadTeam(row));
  if (more) result.next_page_token = EncodePageToken(result.items.back().name);
  return result;
}

Status SqlTeamStore::UpdateTeam(const TeamRecord& team, const AuditEntry& audit) {
  return ExplainTeamWriteError(
      Transact(database_,
               [&](SqlConnection& connection) -> Status {
                 const SqlValue params[] = {team.name, team.description, team.id};
                 REGHUB_ASSIGN_OR_RETURN(
                     std::int64_t changed,
                     connection.Execute("UPDATE teams SET name = ?, description = ? WHERE id = ?",
                                        params));
                 if (changed == 0) return Error::NotFound("team " + team.id + " not found");
                 return InsertAudit(connection, audit);
               }),
      team);
}

Status SqlTeamStore::DeleteTeam(const std::string& id, const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {id};
    // Memberships, grants and environment editor rows go with it (ON DELETE CASCADE).
    REGHUB_ASSIGN_OR_RETURN(std::int64_t changed,
                            connection.Execute("DELETE FROM teams WHERE id = ?", params));
    if (changed == 0) return Error::NotFound("team " + id + " not found");
    return InsertAudit(connection, audit);
  });
}

Status SqlTeamStore::SetMembers(const std::string& team_id,
                                const std::vector<std::string>& user_ids,
                                const AuditEntry& audit) {
  const std::set<std::string> unique(user_ids.begin(), user_ids.end());
  Status status = Transact(database_, [&](SqlConnection& connection) -> Status {
    const SqlValue team[] = {team_id};
    REGHUB_ASSIGN_OR_RETURN(auto found,
                            connection.Query("SELECT id FROM teams WHERE id = ?", team));
    if (found.empty()) return Error::NotFound("team " + team_id + " not found");
    REGHUB_RETURN_IF_ERROR(
        ExecuteStatement(connection, "DELETE FROM team_members WHERE team_id = ?", team));
    for (const std::string& user_id : unique) {
      const SqlValue params[] = {team_id, user_id};
      REGHUB_RETURN_IF_ERROR(ExecuteStatement(
          connection, "INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", params));
    }
    return InsertAudit(connection, audit);
  });
  if (!status.ok() && status.error().code == ErrorCode::kFailedPrecondition) {
    return Error::FailedPrecondition("a member of team " + team_id +
                                     " does not exist (deleted meanwhile?); nothing was changed");
  }
  return status;
}

Result<std::map<std::string, std::vector<std::string>>> SqlTeamStore::TeamNamesOfUsers(
    const std::vector<std::string>& user_ids) {
  std::map<std::string, std::vector<std::string>> teams;
  if (user_ids.empty()) return teams;
  std::string sql =
      "SELECT m.user_id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id "
      "WHERE m.user_id IN (";
  std::vector<SqlValue> params;
  for (std::size_t i = 0; i < user_ids.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(user_ids[i]);
  }
  sql += ") ORDER BY t.name";
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  for (const SqlRow& row : rows) teams[row.Text(0)].push_back(row.Text(1));
  return teams;
}

}  // namespace reghub::store
