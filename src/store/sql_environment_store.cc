#include "store/sql_environment_store.h"

#include <nlohmann/json.hpp>

#include "core/violations.h"
#include "store/page_token.h"
#include "store/sql_store_internal.h"

namespace reghub::store {
namespace {

using internal::Dump;
using internal::ExecuteStatement;
using internal::InsertAudit;
using internal::Transact;

constexpr std::string_view kEnvironmentColumns =
    "SELECT id, name, kind, description, settings, created_at, created_by, updated_at "
    "FROM environments ";
constexpr std::string_view kAttachmentColumns =
    "SELECT environment_id, registry_id, attached_at, attached_by, actuated_revision, "
    "actuated_at FROM attachments ";

std::string Settings(const Environment& environment) {
  return Dump({{"api_server_url", environment.api_server_url},
               {"namespaces", environment.namespaces}});
}

Result<Environment> ReadEnvironment(SqlConnection& connection, const SqlRow& row) {
  Environment environment;
  environment.id = row.Text(0);
  environment.name = row.Text(1);
  auto kind = ParseEnvironmentKind(row.Text(2));
  if (!kind) return Error::Internal("environment " + environment.id + " has an unknown kind");
  environment.kind = *kind;
  environment.description = row.Text(3);
  try {
    auto settings = nlohmann::json::parse(row.Text(4));
    environment.api_server_url = settings.value("api_server_url", "");
    environment.namespaces =
        settings.value("namespaces", std::vector<std::string>{});
  } catch (const nlohmann::json::exception&) {
    return Error::Internal("environment " + environment.id + " has unreadable settings");
  }
  environment.created_at = row.Int(5);
  environment.created_by = row.Text(6);
  environment.updated_at = row.Int(7);
  const SqlValue params[] = {environment.id};
  REGHUB_ASSIGN_OR_RETURN(
      auto editors,
      connection.Query("SELECT t.name FROM environment_editors e JOIN teams t ON t.id = e.team_id "
                       "WHERE e.environment_id = ? ORDER BY t.name",
                       params));
  for (const SqlRow& editor : editors) environment.editor_teams.push_back(editor.Text(0));
  return environment;
}

Result<Environment> QueryOneEnvironment(SqlDatabase& database, std::string_view where,
                                        const std::string& value, const std::string& missing) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  const SqlValue params[] = {value};
  REGHUB_ASSIGN_OR_RETURN(auto rows,
                          lease->Query(std::string(kEnvironmentColumns) + std::string(where), params));
  if (rows.empty()) return Error::NotFound(missing);
  return ReadEnvironment(*lease, rows.front());
}

AttachmentRecord ReadAttachment(const SqlRow& row) {
  return AttachmentRecord{row.Text(0), row.Text(1), row.Int(2), row.Text(3), row.Int(4),
                          row.Int(5)};
}

Result<bool> Exists(SqlConnection& connection, std::string_view sql, const std::string& id) {
  const SqlValue params[] = {id};
  REGHUB_ASSIGN_OR_RETURN(auto rows, connection.Query(sql, params));
  return !rows.empty();
}

// Replaces the environment's editor rows with the teams named in it;
// invalid_argument at "editor_teams[i]" for a name no team has.
Status WriteEditors(SqlConnection& connection, const Environment& environment) {
  const SqlValue id_param[] = {environment.id};
  REGHUB_RETURN_IF_ERROR(ExecuteStatement(
      connection, "DELETE FROM environment_editors WHERE environment_id = ?", id_param));
  Violations violations;
  for (std::size_t i = 0; i < environment.editor_teams.size(); ++i) {
    const std::string& name = environment.editor_teams[i];
    const SqlValue name_param[] = {name};
    REGHUB_ASSIGN_OR_RETURN(auto teams,
                            connection.Query("SELECT id FROM teams WHERE name = ?", name_param));
    if (teams.empty()) {
      violations.Add("editor_teams[" + std::to_string(i) + "]", "no team named \"" + name + "\"");
      continue;
    }
    const SqlValue row[] = {environment.id, teams.front().Text(0)};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection, "INSERT INTO environment_editors (environment_id, team_id) VALUES (?, ?)",
        row));
  }
  if (!violations.empty()) return violations.ToError();
  return Status::Ok();
}

// The unique name index speaks as already_exists on "name".
Status ExplainNameTaken(Status status, const Environment& environment) {
  if (status.ok() || status.error().code != ErrorCode::kAlreadyExists) return status;
  std::string message = "an environment named \"" + environment.name + "\" exists already";
  return Error::AlreadyExists(message, {{"name", message}});
}

}  // namespace

Status SqlEnvironmentStore::InsertEnvironment(const Environment& environment,
                                              const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {environment.id,
                               environment.name,
                               std::string(EnvironmentKindName(environment.kind)),
                               environment.description,
                               Settings(environment),
                               environment.created_at,
                               environment.created_by,
                               environment.updated_at};
    REGHUB_RETURN_IF_ERROR(ExplainNameTaken(
        ExecuteStatement(connection,
                         "INSERT INTO environments (id, name, kind, description, settings, "
                         "created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         params),
        environment));
    REGHUB_RETURN_IF_ERROR(WriteEditors(connection, environment));
    return InsertAudit(connection, audit);
  });
}

Result<Environment> SqlEnvironmentStore::GetEnvironment(const std::string& id) {
  return QueryOneEnvironment(database_, "WHERE id = ?", id, "no environment with id " + id);
}

Result<Environment> SqlEnvironmentStore::FindEnvironmentByName(const std::string& name) {
  return QueryOneEnvironment(database_, "WHERE name = ?", name,
                             "no environment named \"" + name + "\"");
}

Result<Page<Environment>> SqlEnvironmentStore::ListEnvironments(const PageRequest& page) {
  const int size = ClampPageSize(page.page_size);
  std::string sql(kEnvironmentColumns);
  std::vector<SqlValue> params;
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(std::string after, DecodeTextPageToken(page.page_token));
    sql += "WHERE name > ? ";
    params.emplace_back(std::move(after));
  }
  sql += "ORDER BY name LIMIT ?";
  params.emplace_back(std::int64_t{size} + 1);
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  Page<Environment> result;
  const bool more = rows.size() > static_cast<std::size_t>(size);
  if (more) rows.pop_back();
  for (const SqlRow& row : rows) {
    REGHUB_ASSIGN_OR_RETURN(Environment environment, ReadEnvironment(*lease, row));
    result.items.push_back(std::move(environment));
  }
  if (more) result.next_page_token = EncodePageToken(result.items.back().name);
  return result;
}

Status SqlEnvironmentStore::UpdateEnvironment(const Environment& environment,
                                              const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {environment.name,        environment.description,
                               Settings(environment),   environment.updated_at,
                               environment.id};
    Result<std::int64_t> changed = connection.Execute(
        "UPDATE environments SET name = ?, description = ?, settings = ?, updated_at = ? "
        "WHERE id = ?",
        params);
    if (!changed.ok()) return ExplainNameTaken(changed.error(), environment);
    if (*changed == 0) return Error::NotFound("no environment with id " + environment.id);
    REGHUB_RETURN_IF_ERROR(WriteEditors(connection, environment));
    return InsertAudit(connection, audit);
  });
}

Status SqlEnvironmentStore::DeleteEnvironment(const std::string& id, const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {id};
    // On PostgreSQL the row lock keeps a concurrent agent token (whose
    // foreign key needs a share lock on this row) out until the delete ends.
    std::string lock = "SELECT id FROM environments WHERE id = ?";
    if (connection.dialect() == SqlDialect::kPostgres) lock += " FOR UPDATE";
    REGHUB_ASSIGN_OR_RETURN(auto found, connection.Query(lock, params));
    if (found.empty()) return Error::NotFound("no environment with id " + id);
    REGHUB_ASSIGN_OR_RETURN(
        auto tokens,
        connection.Query("SELECT COUNT(*) FROM tokens WHERE environment_id = ?", params));
    if (!tokens.empty() && tokens.front().Int(0) > 0) {
      return Error::FailedPrecondition("environment " + id +
                                       " still has agent tokens: revoke them first");
    }
    REGHUB_RETURN_IF_ERROR(
        ExecuteStatement(connection, "DELETE FROM environments WHERE id = ?", params));
    return InsertAudit(connection, audit);
  });
}

Status SqlEnvironmentStore::InsertAttachment(const AttachmentRecord& attachment,
                                             const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    REGHUB_ASSIGN_OR_RETURN(bool environment,
                            Exists(connection, "SELECT id FROM environments WHERE id = ?",
                                   attachment.environment_id));
    if (!environment) return Error::NotFound("no environment with id " + attachment.environment_id);
    REGHUB_ASSIGN_OR_RETURN(bool registry,
                            Exists(connection, "SELECT id FROM registries WHERE id = ?",
                                   attachment.registry_id));
    if (!registry) return Error::NotFound("no registry with id " + attachment.registry_id);
    const SqlValue params[] = {attachment.environment_id, attachment.registry_id,
                               attachment.attached_at,    attachment.attached_by,
                               attachment.actuated_revision, attachment.actuated_at};
    Status inserted = ExecuteStatement(
        connection,
        "INSERT INTO attachments (environment_id, registry_id, attached_at, attached_by, "
        "actuated_revision, actuated_at) VALUES (?, ?, ?, ?, ?, ?)",
        params);
    if (!inserted.ok() && inserted.error().code == ErrorCode::kAlreadyExists) {
      return Error::AlreadyExists("registry " + attachment.registry_id +
                                  " is attached to this environment already");
    }
    REGHUB_RETURN_IF_ERROR(inserted);
    return InsertAudit(connection, audit);
  });
}

Status SqlEnvironmentStore::DeleteAttachment(const std::string& environment_id,
                                             const std::string& registry_id,
                                             const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {environment_id, registry_id};
    REGHUB_ASSIGN_OR_RETURN(
        std::int64_t changed,
        connection.Execute("DELETE FROM attachments WHERE environment_id = ? AND registry_id = ?",
                           params));
    if (changed == 0) {
      return Error::NotFound("registry " + registry_id + " is not attached to environment " +
                             environment_id);
    }
    return InsertAudit(connection, audit);
  });
}

Result<std::vector<AttachmentRecord>> SqlEnvironmentStore::ListAttachments(
    const std::string& environment_id) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  const SqlValue params[] = {environment_id};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows, lease->Query(std::string(kAttachmentColumns) +
                                  "WHERE environment_id = ? ORDER BY attached_at, registry_id",
                              params));
  std::vector<AttachmentRecord> attachments;
  for (const SqlRow& row : rows) attachments.push_back(ReadAttachment(row));
  return attachments;
}

Result<std::vector<AttachmentRecord>> SqlEnvironmentStore::ListAttachmentsOfRegistry(
    const std::string& registry_id) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  const SqlValue params[] = {registry_id};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows, lease->Query(std::string(kAttachmentColumns) +
                                  "WHERE registry_id = ? ORDER BY attached_at, environment_id",
                              params));
  std::vector<AttachmentRecord> attachments;
  for (const SqlRow& row : rows) attachments.push_back(ReadAttachment(row));
  return attachments;
}

Status SqlEnvironmentStore::RecordActuations(const std::string& environment_id,
                                             const std::vector<Actuation>& actuations,
                                             UnixSeconds at, const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    for (const Actuation& actuation : actuations) {
      const SqlValue params[] = {actuation.revision, at, environment_id, actuation.registry_id};
      REGHUB_ASSIGN_OR_RETURN(
          std::int64_t changed,
          connection.Execute("UPDATE attachments SET actuated_revision = ?, actuated_at = ? "
                             "WHERE environment_id = ? AND registry_id = ?",
                             params));
      if (changed == 0) {
        return Error::NotFound("registry " + actuation.registry_id +
                               " is not attached to environment " + environment_id);
      }
    }
    return InsertAudit(connection, audit);
  });
}

Result<std::optional<InjectionPolicyRecord>> SqlEnvironmentStore::GetInjectionPolicy(
    const std::string& registry_id) {
  REGHUB_ASSIGN_OR_RETURN(auto policies, ListInjectionPolicies({registry_id}));
  if (policies.empty()) return std::optional<InjectionPolicyRecord>();
  return std::optional<InjectionPolicyRecord>(std::move(policies.front()));
}

Result<std::vector<InjectionPolicyRecord>> SqlEnvironmentStore::ListInjectionPolicies(
    const std::vector<std::string>& registry_ids) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  std::vector<InjectionPolicyRecord> records;
  for (const std::string& registry_id : registry_ids) {
    const SqlValue params[] = {registry_id};
    REGHUB_ASSIGN_OR_RETURN(
        auto rows, lease->Query("SELECT mode, secret_source, secret_name, updated_at, updated_by "
                                "FROM injection_policies WHERE registry_id = ?",
                                params));
    if (rows.empty()) continue;
    const SqlRow& row = rows.front();
    InjectionPolicyRecord record;
    record.registry_id = registry_id;
    auto mode = ParseInjectionMode(row.Text(0));
    auto source = ParseSecretSource(row.Text(1));
    if (!mode || !source) {
      return Error::Internal("the injection policy of registry " + registry_id + " is unreadable");
    }
    record.policy.mode = *mode;
    record.policy.secret_source = *source;
    record.policy.secret_name = row.Text(2);
    record.updated_at = row.Int(3);
    record.updated_by = row.Text(4);
    REGHUB_ASSIGN_OR_RETURN(
        auto environments,
        lease->Query("SELECT environment_id FROM injection_policy_environments "
                     "WHERE registry_id = ? ORDER BY environment_id",
                     params));
    for (const SqlRow& environment : environments) {
      record.policy.environments.push_back(environment.Text(0));
    }
    records.push_back(std::move(record));
  }
  return records;
}

Status SqlEnvironmentStore::PutInjectionPolicy(const InjectionPolicyRecord& record,
                                               const AuditEntry& audit) {
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    REGHUB_ASSIGN_OR_RETURN(
        bool registry,
        Exists(connection, "SELECT id FROM registries WHERE id = ?", record.registry_id));
    if (!registry) return Error::NotFound("no registry with id " + record.registry_id);
    for (const std::string& environment_id : record.policy.environments) {
      REGHUB_ASSIGN_OR_RETURN(
          bool environment,
          Exists(connection, "SELECT id FROM environments WHERE id = ?", environment_id));
      if (!environment) return Error::NotFound("no environment with id " + environment_id);
    }
    const SqlValue id_param[] = {record.registry_id};
    // The policy's environments go with it (ON DELETE CASCADE).
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection, "DELETE FROM injection_policies WHERE registry_id = ?", id_param));
    const SqlValue params[] = {record.registry_id,
                               std::string(InjectionModeName(record.policy.mode)),
                               std::string(SecretSourceName(record.policy.secret_source)),
                               record.policy.secret_name, record.updated_at, record.updated_by};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection,
        "INSERT INTO injection_policies (registry_id, mode, secret_source, secret_name, "
        "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
        params));
    for (const std::string& environment_id : record.policy.environments) {
      const SqlValue row[] = {record.registry_id, environment_id};
      REGHUB_RETURN_IF_ERROR(ExecuteStatement(
          connection,
          "INSERT INTO injection_policy_environments (registry_id, environment_id) VALUES (?, ?)",
          row));
    }
    return InsertAudit(connection, audit);
  });
}

Result<std::vector<AgentTokenInfo>> SqlEnvironmentStore::ListAgentTokens(
    const std::string& environment_id) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  const SqlValue params[] = {environment_id};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows,
      lease->Query("SELECT t.id, t.name, t.created_at, t.expires_at, u.username FROM tokens t "
                   "JOIN users u ON u.id = t.user_id "
                   "WHERE t.environment_id = ? AND t.kind = 'agent' ORDER BY t.name, t.id",
                   params));
  std::vector<AgentTokenInfo> tokens;
  for (const SqlRow& row : rows) {
    tokens.push_back({row.Text(0), row.Text(1), row.Int(2), row.Int(3), row.Text(4)});
  }
  return tokens;
}

}  // namespace reghub::store
