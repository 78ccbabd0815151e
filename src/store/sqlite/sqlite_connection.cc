#include "store/sqlite/sqlite_connection.h"

#include <utility>

namespace reghub::store {
namespace {

// Resets a stepped statement (and drops its bindings) however the call ends,
// so a cached statement never holds a read transaction open.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* statement) : statement_(statement) {}
  ~ResetOnExit() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* statement_;
};

SqlValue ReadColumn(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
    case SQLITE_FLOAT:
      return static_cast<std::int64_t>(sqlite3_column_double(statement, column));
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
    case SQLITE_BLOB: {
      const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement, column));
      auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      return Blob{bytes == nullptr ? std::string() : std::string(bytes, size)};
    }
    default:
      return nullptr;
  }
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 int busy_timeout_ms) {
  sqlite3* db = nullptr;
  int code = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
  if (code != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close(db);
    return Error::Unavailable("cannot open SQLite database " + path + ": " + message);
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  // WAL with synchronous=NORMAL stays consistent on power loss and may only
  // lose the last commits; foreign keys make registry deletion cascade.
  REGHUB_RETURN_IF_ERROR(connection->ExecuteScript(
      "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"));
  return connection;
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();
  sqlite3_close(db_);
}

Error SqliteConnection::ErrorFromCode(int code) const {
  std::string message = std::string("SQLite: ") + sqlite3_errmsg(db_);
  switch (code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Error::AlreadyExists(std::move(message));
    case SQLITE_BUSY:
    case SQLITE_BUSY_SNAPSHOT:
    case SQLITE_BUSY_RECOVERY:
    case SQLITE_LOCKED:
      return Error::Unavailable(std::move(message));
    default:
      if ((code & 0xff) == SQLITE_CONSTRAINT) return Error::FailedPrecondition(std::move(message));
      return Error::Internal(std::move(message));
  }
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql,
                                                std::span<const SqlValue> params) {
  auto found = statements_.find(sql);
  sqlite3_stmt* statement = nullptr;
  if (found != statements_.end()) {
    statement = found->second.get();
  } else {
    const char* tail = nullptr;
    int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &statement, &tail);
    if (code != SQLITE_OK) return ErrorFromCode(code);
    Statement owned(statement);
    if (statement == nullptr) return Error::Internal("SQLite: empty statement");
    if (tail != nullptr && std::string_view(tail).find_first_not_of(" \t\r\n;") !=
                               std::string_view::npos) {
      return Error::Internal("SQLite: one statement per call; use ExecuteScript for several");
    }
    if (statements_.size() >= kMaxCachedStatements) statements_.clear();
    statements_.emplace(std::string(sql), std::move(owned));
  }
  if (static_cast<std::size_t>(sqlite3_bind_parameter_count(statement)) != params.size()) {
    return Error::Internal("SQLite: statement expects " +
                           std::to_string(sqlite3_bind_parameter_count(statement)) +
                           " parameters, got " + std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int code = std::visit(
        [&](const auto& value) -> int {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            return sqlite3_bind_null(statement, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(statement, index, value);
          } else if constexpr (std::is_same_v<T, std::string>) {
            return sqlite3_bind_text64(statement, index, value.data(), value.size(),
                                       SQLITE_STATIC, SQLITE_UTF8);
          } else {
            // data() of an empty string is non-null, so an empty blob stays a blob.
            return sqlite3_bind_blob64(statement, index, value.bytes.data(), value.bytes.size(),
                                       SQLITE_STATIC);
          }
        },
        params[i]);
    if (code != SQLITE_OK) {
      sqlite3_clear_bindings(statement);
      return ErrorFromCode(code);
    }
  }
  return statement;
}

Result<std::vector<SqlRow>> SqliteConnection::Query(std::string_view sql,
                                                    std::span<const SqlValue> params) {
  REGHUB_ASSIGN_OR_RETURN(sqlite3_stmt * statement, Prepare(sql, params));
  ResetOnExit reset(statement);
  std::vector<SqlRow> rows;
  const int columns = sqlite3_column_count(statement);
  while (true) {
    int code = sqlite3_step(statement);
    if (code == SQLITE_DONE) break;
    if (code != SQLITE_ROW) return ErrorFromCode(sqlite3_extended_errcode(db_));
    std::vector<SqlValue> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      values.push_back(ReadColumn(statement, column));
    }
    rows.emplace_back(std::move(values));
  }
  return rows;
}

Result<std::int64_t> SqliteConnection::Execute(std::string_view sql,
                                               std::span<const SqlValue> params) {
  REGHUB_ASSIGN_OR_RETURN(sqlite3_stmt * statement, Prepare(sql, params));
  ResetOnExit reset(statement);
  int code;
  while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
  }
  if (code != SQLITE_DONE) return ErrorFromCode(sqlite3_extended_errcode(db_));
  return static_cast<std::int64_t>(sqlite3_changes64(db_));
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  std::string script(sql);
  int code = sqlite3_exec(db_, script.c_str(), nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return ErrorFromCode(sqlite3_extended_errcode(db_));
  return Status::Ok();
}

Status SqliteConnection::Begin() {
  // IMMEDIATE takes the write lock up front: a deferred transaction that
  // reads and then writes can fail with SQLITE_BUSY without waiting.
  Result<std::int64_t> done = Execute("BEGIN IMMEDIATE");
  if (!done.ok()) return done.error();
  return Status::Ok();
}

Status SqliteConnection::Commit() {
  Result<std::int64_t> done = Execute("COMMIT");
  if (!done.ok()) return done.error();
  return Status::Ok();
}

Status SqliteConnection::Rollback() {
  if (!InTransaction()) return Status::Ok();  // SQLite may already have rolled back
  Result<std::int64_t> done = Execute("ROLLBACK");
  if (!done.ok()) return done.error();
  return Status::Ok();
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace reghub::store
