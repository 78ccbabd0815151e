#include "store/sql_grant_store.h"

#include <set>
#include <tuple>

#include "store/sql_store_internal.h"

namespace reghub::store {
namespace {

using internal::ExecuteStatement;
using internal::InsertAudit;
using internal::Transact;

// The grants of `table` with their subjects' names; `where` filters them.
std::string SelectGrants(std::string_view table, std::string_view where) {
  return std::string(
             "SELECT CASE WHEN g.user_id IS NULL THEN 'team' ELSE 'user' END, "
             "COALESCE(g.user_id, g.team_id), COALESCE(u.username, t.name, ''), g.role, "
             "g.created_at, g.created_by FROM ") +
         std::string(table) +
         " g LEFT JOIN users u ON u.id = g.user_id LEFT JOIN teams t ON t.id = g.team_id " +
         std::string(where) + " ORDER BY g.role, 1, 3";
}

GrantRecord ReadGrant(const SqlRow& row) {
  return {.subject_kind = row.Text(0),
          .subject_id = row.Text(1),
          .subject_name = row.Text(2),
          .role = row.Text(3),
          .created_at = row.Int(4),
          .created_by = row.Text(5)};
}

Result<std::vector<GrantRecord>> QueryGrants(SqlConnection& connection, std::string_view sql,
                                             std::span<const SqlValue> params) {
  REGHUB_ASSIGN_OR_RETURN(auto rows, connection.Query(sql, params));
  std::vector<GrantRecord> grants;
  grants.reserve(rows.size());
  for (const SqlRow& row : rows) grants.push_back(ReadGrant(row));
  return grants;
}

nlohmann::json GrantsToAuditJson(const std::vector<GrantRecord>& grants) {
  nlohmann::json list = nlohmann::json::array();
  for (const GrantRecord& grant : grants) {
    list.push_back({{"subject",
                     {{"kind", grant.subject_kind},
                      {"id", grant.subject_id},
                      {"name", grant.subject_name}}},
                    {"role", grant.role}});
  }
  return list;
}

Result<std::vector<std::string>> QueryIds(SqlDatabase& database, std::string_view sql,
                                          std::span<const SqlValue> params) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const SqlRow& row : rows) ids.push_back(row.Text(0));
  return ids;
}

Result<bool> QueryExists(SqlDatabase& database, std::string_view sql,
                         std::span<const SqlValue> params) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  return !rows.empty();
}

// Deletes the rows `delete_sql` selects and inserts `grants` (once each)
// with `prefix` (the registry id, or nothing) before the subject columns.
Status WriteGrants(SqlConnection& connection, std::string_view delete_sql,
                   std::string_view insert_sql, const std::vector<SqlValue>& prefix,
                   const std::vector<GrantRecord>& grants) {
  REGHUB_RETURN_IF_ERROR(ExecuteStatement(connection, delete_sql, prefix));
  std::set<std::tuple<std::string, std::string, std::string>> written;
  for (const GrantRecord& grant : grants) {
    if (!written.insert({grant.subject_kind, grant.subject_id, grant.role}).second) continue;
    if (grant.subject_kind != "user" && grant.subject_kind != "team") {
      return Error::InvalidArgument("grant subject kind must be user or team, not \"" +
                                    grant.subject_kind + "\"");
    }
    std::vector<SqlValue> params = prefix;
    params.emplace_back(grant.subject_kind == "user" ? SqlValue(grant.subject_id) : nullptr);
    params.emplace_back(grant.subject_kind == "team" ? SqlValue(grant.subject_id) : nullptr);
    params.emplace_back(grant.role);
    params.emplace_back(grant.created_at);
    params.emplace_back(grant.created_by);
    Status inserted = ExecuteStatement(connection, insert_sql, params);
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kFailedPrecondition) {
        return Error::FailedPrecondition("the " + grant.subject_kind + " " + grant.subject_id +
                                         " of a grant does not exist (any more)");
      }
      return inserted;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<GrantRecord>> SqlGrantStore::ListGlobalGrants() {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  return QueryGrants(*lease, SelectGrants("global_grants", ""), {});
}

Result<std::vector<GrantRecord>> SqlGrantStore::ListRegistryGrants(const std::string& registry_id) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  const SqlValue params[] = {registry_id};
  REGHUB_ASSIGN_OR_RETURN(auto exists,
                          lease->Query("SELECT id FROM registries WHERE id = ?", params));
  if (exists.empty()) return Error::NotFound("registry " + registry_id + " not found");
  return QueryGrants(*lease, SelectGrants("registry_grants", "WHERE g.registry_id = ?"), params);
}

Status SqlGrantStore::ReplaceGlobalGrants(const std::vector<GrantRecord>& grants,
                                          const AuditEntry& audit) {
  const std::string select = SelectGrants("global_grants", "");
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    if (connection.dialect() == SqlDialect::kPostgres) {
      REGHUB_RETURN_IF_ERROR(
          connection.ExecuteScript("LOCK TABLE global_grants IN SHARE ROW EXCLUSIVE MODE"));
    }
    REGHUB_ASSIGN_OR_RETURN(auto before, QueryGrants(connection, select, {}));
    REGHUB_RETURN_IF_ERROR(WriteGrants(
        connection, "DELETE FROM global_grants",
        "INSERT INTO global_grants (user_id, team_id, role, created_at, created_by) "
        "VALUES (?, ?, ?, ?, ?)",
        {}, grants));
    REGHUB_ASSIGN_OR_RETURN(auto after, QueryGrants(connection, select, {}));
    AuditEntry entry = audit;
    entry.details["before"] = GrantsToAuditJson(before);
    entry.details["after"] = GrantsToAuditJson(after);
    return InsertAudit(connection, entry);
  });
}

Status SqlGrantStore::ReplaceRegistryGrants(const std::string& registry_id,
                                            const std::vector<GrantRecord>& grants,
                                            const AuditEntry& audit) {
  const std::string select = SelectGrants("registry_grants", "WHERE g.registry_id = ?");
  const std::vector<SqlValue> key = {registry_id};
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    // Holding the registry's row orders concurrent replaces on PostgreSQL;
    // SQLite's write transaction already does.
    const bool postgres = connection.dialect() == SqlDialect::kPostgres;
    REGHUB_ASSIGN_OR_RETURN(
        auto exists, connection.Query(postgres ? "SELECT id FROM registries WHERE id = ? FOR UPDATE"
                                               : "SELECT id FROM registries WHERE id = ?",
                                      key));
    if (exists.empty()) return Error::NotFound("registry " + registry_id + " not found");
    REGHUB_ASSIGN_OR_RETURN(auto before, QueryGrants(connection, select, key));
    REGHUB_RETURN_IF_ERROR(WriteGrants(
        connection, "DELETE FROM registry_grants WHERE registry_id = ?",
        "INSERT INTO registry_grants (registry_id, user_id, team_id, role, created_at, "
        "created_by) VALUES (?, ?, ?, ?, ?, ?)",
        key, grants));
    REGHUB_ASSIGN_OR_RETURN(auto after, QueryGrants(connection, select, key));
    AuditEntry entry = audit;
    entry.details["before"] = GrantsToAuditJson(before);
    entry.details["after"] = GrantsToAuditJson(after);
    return InsertAudit(connection, entry);
  });
}

Result<CallerGrants> SqlGrantStore::ReadCallerGrants(const std::string& user_id,
                                                     const std::string& registry_id) {
  static constexpr std::string_view kSql =
      "SELECT 'member', 'team', team_id, '' FROM team_members WHERE user_id = ? "
      "UNION ALL "
      "SELECT 'global', CASE WHEN g.user_id IS NULL THEN 'team' ELSE 'user' END, "
      "COALESCE(g.user_id, g.team_id), g.role FROM global_grants g "
      "WHERE g.user_id = ? OR g.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?) "
      "UNION ALL "
      "SELECT 'registry', CASE WHEN g.user_id IS NULL THEN 'team' ELSE 'user' END, "
      "COALESCE(g.user_id, g.team_id), g.role FROM registry_grants g "
      "WHERE g.registry_id = ? AND (g.user_id = ? OR "
      "g.team_id IN (SELECT team_id FROM team_members WHERE user_id = ?))";
  const SqlValue params[] = {user_id, user_id, user_id, registry_id, user_id, user_id};
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(kSql, params));
  CallerGrants result;
  for (const SqlRow& row : rows) {
    const std::string& source = row.Text(0);
    if (source == "member") {
      result.team_ids.push_back(row.Text(2));
      continue;
    }
    GrantRecord grant{.subject_kind = row.Text(1), .subject_id = row.Text(2), .role = row.Text(3)};
    (source == "global" ? result.global_grants : result.registry_grants).push_back(std::move(grant));
  }
  return result;
}

Result<std::vector<RegistryRole>> SqlGrantStore::RegistriesGrantedTo(const std::string& user_id) {
  const SqlValue params[] = {user_id, user_id};
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  REGHUB_ASSIGN_OR_RETURN(
      auto rows, lease->Query("SELECT DISTINCT registry_id, role FROM registry_grants "
                              "WHERE user_id = ? OR "
                              "team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)",
                              params));
  std::vector<RegistryRole> roles;
  roles.reserve(rows.size());
  for (const SqlRow& row : rows) roles.push_back({row.Text(0), row.Text(1)});
  return roles;
}

Result<std::vector<std::string>> SqlGrantStore::RegistriesCreatedSince(UnixSeconds since) {
  const SqlValue params[] = {since};
  return QueryIds(database_,
                  "SELECT id FROM registries WHERE created_at >= ? ORDER BY created_at DESC, id",
                  params);
}

Result<std::string> SqlGrantStore::FindSubjectId(const std::string& subject_kind,
                                                 const std::string& name) {
  std::string_view sql;
  if (subject_kind == "user") {
    sql = "SELECT id FROM users WHERE username = ?";
  } else if (subject_kind == "team") {
    sql = "SELECT id FROM teams WHERE name = ?";
  } else {
    return Error::InvalidArgument("subject kind must be user or team, not \"" + subject_kind + "\"");
  }
  const SqlValue params[] = {name};
  REGHUB_ASSIGN_OR_RETURN(auto ids, QueryIds(database_, sql, params));
  if (ids.empty()) return Error::NotFound(subject_kind + " " + name + " not found");
  return ids.front();
}

Result<bool> SqlGrantStore::EnvironmentExists(const std::string& environment_id) {
  const SqlValue params[] = {environment_id};
  return QueryExists(database_, "SELECT 1 FROM environments WHERE id = ?", params);
}

Result<bool> SqlGrantStore::IsEnvironmentEditor(const std::string& environment_id,
                                                const std::string& user_id) {
  const SqlValue params[] = {environment_id, user_id};
  return QueryExists(database_,
                     "SELECT 1 FROM environment_editors e JOIN team_members m "
                     "ON m.team_id = e.team_id WHERE e.environment_id = ? AND m.user_id = ?",
                     params);
}

}  // namespace reghub::store
