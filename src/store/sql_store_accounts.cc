// SqlStore: users and tokens.

#include <utility>

#include "store/page_token.h"
#include "store/sql_store.h"
#include "store/sql_store_internal.h"

namespace reghub::store {

namespace {

using internal::ExecuteStatement;
using internal::Flag;
using internal::InsertAudit;
using internal::Transact;

#define REGHUB_USER_COLUMNS(p)                                                          \
  p "id, " p "username, " p "password_hash, " p "is_admin, " p "disabled, " p "created_at, " p \
    "display_name, " p "password_changed_at"
#define REGHUB_TOKEN_COLUMNS(p)                                                                 \
  p "id, " p "token_hash, " p "user_id, " p "kind, " p "name, " p "created_at, " p "expires_at, " \
    "COALESCE(" p "environment_id, '')"

constexpr std::string_view kUserById =
    "SELECT " REGHUB_USER_COLUMNS("") " FROM users WHERE id = ?";
constexpr std::string_view kUserByName =
    "SELECT " REGHUB_USER_COLUMNS("") " FROM users WHERE username = ?";
constexpr std::string_view kTokenByHash =
    "SELECT " REGHUB_TOKEN_COLUMNS("") " FROM tokens WHERE token_hash = ?";
constexpr std::string_view kTokenById =
    "SELECT " REGHUB_TOKEN_COLUMNS("") " FROM tokens WHERE id = ?";
constexpr std::string_view kTokenOwnerByHash =
    "SELECT " REGHUB_TOKEN_COLUMNS("t.") ", " REGHUB_USER_COLUMNS("u.")
    " FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";
constexpr std::size_t kTokenColumns = 8;

// Reads the user's eight columns starting at column `first`.
UserRecord ReadUserAt(const SqlRow& row, std::size_t first) {
  UserRecord user;
  user.id = row.Text(first);
  user.username = row.Text(first + 1);
  user.password_hash = row.Text(first + 2);
  user.is_admin = row.Int(first + 3) != 0;
  user.disabled = row.Int(first + 4) != 0;
  user.created_at = row.Int(first + 5);
  user.display_name = row.Text(first + 6);
  user.password_changed_at = row.Int(first + 7);
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

// failed_precondition when the user `id` is an enabled administrator and no
// other enabled administrator exists (inside the caller's transaction).
Status KeepAnAdministrator(SqlConnection& connection, const std::string& id,
                           const std::string& username, std::string_view what) {
  const SqlValue params[] = {id};
  REGHUB_ASSIGN_OR_RETURN(
      auto others, connection.Query("SELECT COUNT(*) FROM users WHERE is_admin = 1 AND "
                                    "disabled = 0 AND id <> ?",
                                    params));
  if (!others.empty() && others.front().Int(0) > 0) return Status::Ok();
  return Error::FailedPrecondition(
      "cannot " + std::string(what) + " " + username +
      ": the hub would be left without an enabled administrator; make another user an "
      "administrator first");
}

// The user `id` as stored now, inside the caller's transaction.
Result<UserRecord> LockedUser(SqlConnection& connection, const std::string& id) {
  const SqlValue params[] = {id};
  REGHUB_ASSIGN_OR_RETURN(auto rows, connection.Query(kUserById, params));
  if (rows.empty()) return Error::NotFound("user " + id + " not found");
  return ReadUser(rows.front());
}

}  // namespace

Status SqlStore::InsertUser(const UserRecord& user, const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {user.id,           user.username,      user.password_hash,
                               Flag(user.is_admin), Flag(user.disabled), user.created_at,
                               user.display_name, user.password_changed_at};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection,
        "INSERT INTO users (" REGHUB_USER_COLUMNS("") ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
      // The user's columns follow the token's.
      [](const SqlRow& row) { return TokenOwner{ReadToken(row), ReadUserAt(row, kTokenColumns)}; },
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

Result<Page<UserRecord>> SqlStore::ListUsers(const PageRequest& page) {
  const int size = ClampPageSize(page.page_size);
  std::string sql = "SELECT " REGHUB_USER_COLUMNS("") " FROM users";
  std::vector<SqlValue> params;
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(std::string after, DecodeTextPageToken(page.page_token));
    sql += " WHERE username > ?";
    params.emplace_back(std::move(after));
  }
  sql += " ORDER BY username LIMIT ?";
  params.emplace_back(std::int64_t{size} + 1);
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  Page<UserRecord> result;
  const bool more = rows.size() > static_cast<std::size_t>(size);
  if (more) rows.pop_back();
  for (const SqlRow& row : rows) result.items.push_back(ReadUser(row));
  if (more) result.next_page_token = EncodePageToken(result.items.back().username);
  return result;
}

Status SqlStore::UpdateUser(const UserRecord& user, const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    REGHUB_ASSIGN_OR_RETURN(UserRecord current, LockedUser(connection, user.id));
    if (current.is_admin && !current.disabled && (!user.is_admin || user.disabled)) {
      REGHUB_RETURN_IF_ERROR(KeepAnAdministrator(
          connection, user.id, current.username,
          user.disabled ? "disable" : "remove the administrator role of"));
    }
    const SqlValue params[] = {user.display_name, user.password_hash, Flag(user.is_admin),
                               Flag(user.disabled), user.password_changed_at, user.id};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection,
        "UPDATE users SET display_name = ?, password_hash = ?, is_admin = ?, disabled = ?, "
        "password_changed_at = ? WHERE id = ?",
        params));
    return InsertAudit(connection, audit);
  });
  // Cached token owners carry the user's flags: the next request re-reads them.
  InvalidateCaches("", /*tokens=*/true);
  return status;
}

Status SqlStore::DeleteUser(const std::string& id, const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    REGHUB_ASSIGN_OR_RETURN(UserRecord current, LockedUser(connection, id));
    if (current.is_admin && !current.disabled) {
      REGHUB_RETURN_IF_ERROR(KeepAnAdministrator(connection, id, current.username, "delete"));
    }
    // Tokens, memberships and grants go with the user (ON DELETE CASCADE).
    const SqlValue params[] = {id};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(connection, "DELETE FROM users WHERE id = ?", params));
    return InsertAudit(connection, audit);
  });
  InvalidateCaches("", /*tokens=*/true);
  return status;
}

Status SqlStore::ChangePassword(const std::string& user_id, const std::string& password_hash,
                                UnixSeconds changed_at, const std::string& keep_token_id,
                                const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    const SqlValue update[] = {password_hash, changed_at, user_id};
    REGHUB_ASSIGN_OR_RETURN(
        std::int64_t changed,
        connection.Execute("UPDATE users SET password_hash = ?, password_changed_at = ? "
                           "WHERE id = ?",
                           update));
    if (changed == 0) return Error::NotFound("user " + user_id + " not found");
    const SqlValue sessions[] = {user_id, keep_token_id};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection, "DELETE FROM tokens WHERE user_id = ? AND kind = 'session' AND id <> ?",
        sessions));
    return InsertAudit(connection, audit);
  });
  InvalidateCaches("", /*tokens=*/true);
  return status;
}

Result<TokenRecord> SqlStore::GetToken(const std::string& id) {
  return QueryOne<TokenRecord>(*database_, kTokenById, id, ReadToken,
                               "token " + id + " not found");
}

Result<std::vector<TokenRecord>> SqlStore::ListUserTokens(const std::string& user_id,
                                                          const std::string& kind) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  const SqlValue params[] = {user_id, kind};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows, lease->Query("SELECT " REGHUB_TOKEN_COLUMNS("") " FROM tokens WHERE user_id = ? "
                              "AND kind = ? ORDER BY created_at, id",
                              params));
  std::vector<TokenRecord> tokens;
  tokens.reserve(rows.size());
  for (const SqlRow& row : rows) tokens.push_back(ReadToken(row));
  return tokens;
}

}  // namespace reghub::store
