// SqlStore: users, tokens and the audit log.

#include <utility>

#include "store/page_token.h"
#include "store/sql_store.h"
#include "store/sql_store_internal.h"

namespace reghub::store {
namespace internal {

Status ExecuteStatement(SqlConnection& connection, std::string_view sql,
                        std::span<const SqlValue> params) {
  Result<std::int64_t> changed = connection.Execute(sql, params);
  if (!changed.ok()) return changed.error();
  return Status::Ok();
}

Status InsertAudit(SqlConnection& connection, const AuditEntry& audit) {
  const SqlValue params[] = {audit.at,          audit.actor,     audit.action,
                             audit.target_type, audit.target_id, audit.source,
                             Dump(audit.details)};
  return ExecuteStatement(connection,
                          "INSERT INTO audit (at, actor, action, target_type, target_id, source, "
                          "details) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          params);
}

}  // namespace internal

namespace {

using internal::ExecuteStatement;
using internal::Flag;
using internal::InsertAudit;
using internal::Transact;

constexpr std::string_view kUserById =
    "SELECT id, username, password_hash, is_admin, disabled, created_at FROM users WHERE id = ?";
constexpr std::string_view kUserByName =
    "SELECT id, username, password_hash, is_admin, disabled, created_at FROM users "
    "WHERE username = ?";
constexpr std::string_view kTokenByHash =
    "SELECT id, token_hash, user_id, kind, name, created_at, expires_at, "
    "COALESCE(environment_id, '') FROM tokens WHERE token_hash = ?";
constexpr std::string_view kTokenOwnerByHash =
    "SELECT t.id, t.token_hash, t.user_id, t.kind, t.name, t.created_at, t.expires_at, "
    "COALESCE(t.environment_id, ''), "
    "u.id, u.username, u.password_hash, u.is_admin, u.disabled, u.created_at "
    "FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";

// Reads the user's six columns starting at column `first`.
UserRecord ReadUserAt(const SqlRow& row, std::size_t first) {
  UserRecord user;
  user.id = row.Text(first);
  user.username = row.Text(first + 1);
  user.password_hash = row.Text(first + 2);
  user.is_admin = row.Int(first + 3) != 0;
  user.disabled = row.Int(first + 4) != 0;
  user.created_at = row.Int(first + 5);
  return user;
}

UserRecord ReadUser(const SqlRow& row) { return ReadUserAt(row, 0); }

TokenRecord ReadToken(const SqlRow& row) {
  TokenRecord token;
  token.id = row.Text(0);
  token.token_hash = row.Text(1);
  token.user_id = row.Text(2);
  token.kind = row.Text(3);
  token.name = row.Text(4);
  token.created_at = row.Int(5);
  token.expires_at = row.Int(6);
  token.environment_id = row.Text(7);
  return token;
}

Result<AuditEntry> ReadAudit(const SqlRow& row) {
  AuditEntry entry;
  entry.id = row.Int(0);
  entry.at = row.Int(1);
  entry.actor = row.Text(2);
  entry.action = row.Text(3);
  entry.target_type = row.Text(4);
  entry.target_id = row.Text(5);
  entry.source = row.Text(6);
  entry.details = nlohmann::json::parse(row.Text(7), nullptr, /*allow_exceptions=*/false);
  if (entry.details.is_discarded()) return Error::Internal("a stored audit entry is not JSON");
  return entry;
}

template <typename Record, typename Reader>
Result<Record> QueryOne(SqlDatabase& database, std::string_view sql, SqlValue key, Reader read,
                        std::string missing) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, std::span(&key, 1)));
  if (rows.empty()) return Error::NotFound(std::move(missing));
  return read(rows.front());
}

Result<std::int64_t> Count(SqlDatabase& database, std::string_view sql) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql));
  return rows.empty() ? 0 : rows.front().Int(0);
}

}  // namespace

Status SqlStore::InsertUser(const UserRecord& user, const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {user.id,           user.username,      user.password_hash,
                               Flag(user.is_admin), Flag(user.disabled), user.created_at};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection,
        "INSERT INTO users (id, username, password_hash, is_admin, disabled, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        params));
    return InsertAudit(connection, audit);
  });
  if (status.ok() || status.error().code != ErrorCode::kAlreadyExists) return status;
  if (status.error().message.find("username") != std::string::npos) {
    return Error::AlreadyExists("user " + user.username + " already exists",
                                {{"username", "is taken"}});
  }
  return Error::AlreadyExists("user " + user.id + " already exists");
}

Result<UserRecord> SqlStore::GetUser(const std::string& id) {
  return QueryOne<UserRecord>(*database_, kUserById, id,
                              ReadUser, "user " + id + " not found");
}

Result<UserRecord> SqlStore::FindUserByName(const std::string& username) {
  return QueryOne<UserRecord>(*database_, kUserByName,
                              username, ReadUser, "user " + username + " not found");
}

Result<std::int64_t> SqlStore::CountUsers() {
  return Count(*database_, "SELECT COUNT(*) FROM users");
}

Status SqlStore::InsertToken(const TokenRecord& token, const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    SqlValue environment = nullptr;
    if (!token.environment_id.empty()) environment = token.environment_id;
    const SqlValue params[] = {token.id,   token.token_hash, token.user_id,   token.kind,
                               token.name, token.created_at, token.expires_at, environment};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection,
        "INSERT INTO tokens (id, token_hash, user_id, kind, name, created_at, expires_at, "
        "environment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        params));
    return InsertAudit(connection, audit);
  });
  if (status.ok()) return status;
  // Neither message quotes the hash: it identifies a live credential.
  if (status.error().code == ErrorCode::kAlreadyExists) {
    return Error::AlreadyExists("token " + token.id + " already exists");
  }
  if (status.error().code == ErrorCode::kFailedPrecondition) {
    return Error::FailedPrecondition("user " + token.user_id + " does not exist");
  }
  return status;
}

Result<TokenRecord> SqlStore::FindTokenByHash(const std::string& token_hash) {
  return QueryOne<TokenRecord>(*database_, kTokenByHash,
                               token_hash, ReadToken, "token not found");
}

Result<TokenOwner> SqlStore::FindTokenOwner(const std::string& token_hash) {
  const std::uint64_t generation = CacheGeneration();
  if (options_.sole_writer) {
    std::lock_guard lock(coherence_mutex_);
    if (auto it = token_owners_.find(token_hash); it != token_owners_.end()) return it->second;
  }
  auto owner = QueryOne<TokenOwner>(
      *database_, kTokenOwnerByHash, token_hash,
      // The user's columns follow the token's seven.
      [](const SqlRow& row) { return TokenOwner{ReadToken(row), ReadUserAt(row, 8)}; },
      "token not found");
  if (owner.ok() && options_.sole_writer) {
    CacheIfCurrent(generation, [&] {
      if (token_owners_.size() >= 100000) token_owners_.clear();
      token_owners_[token_hash] = *owner;
    });
  }
  return owner;
}

Status SqlStore::DeleteToken(const std::string& token_id, const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {token_id};
    REGHUB_ASSIGN_OR_RETURN(std::int64_t changed,
                            connection.Execute("DELETE FROM tokens WHERE id = ?", params));
    if (changed == 0) return Error::NotFound("token " + token_id + " not found");
    return InsertAudit(connection, audit);
  });
  InvalidateCaches("", /*tokens=*/true);
  return status;
}

Status SqlStore::DeleteExpiredTokens(UnixSeconds now) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  const SqlValue params[] = {now};
  Status status = ExecuteStatement(
      *lease, "DELETE FROM tokens WHERE expires_at <> 0 AND expires_at <= ?", params);
  InvalidateCaches("", /*tokens=*/true);
  return status;
}

Status SqlStore::AppendAudit(const AuditEntry& audit) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  return InsertAudit(*lease, audit);
}

Result<Page<AuditEntry>> SqlStore::ListAudit(const PageRequest& page) {
  const int size = ClampPageSize(page.page_size);
  std::string sql =
      "SELECT id, at, actor, action, target_type, target_id, source, details FROM audit";
  std::vector<SqlValue> params;
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(std::int64_t before, DecodeIntPageToken(page.page_token));
    sql += " WHERE id < ?";
    params.emplace_back(before);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{size} + 1);

  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  Page<AuditEntry> result;
  const bool more = rows.size() > static_cast<std::size_t>(size);
  if (more) rows.pop_back();
  for (const SqlRow& row : rows) {
    REGHUB_ASSIGN_OR_RETURN(AuditEntry entry, ReadAudit(row));
    result.items.push_back(std::move(entry));
  }
  if (more) result.next_page_token = EncodePageToken(result.items.back().id);
  return result;
}

}  // namespace reghub::store
