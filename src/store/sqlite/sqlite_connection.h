#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "store/sql_connection.h"

namespace reghub::store {

// One SQLite connection with its prepared-statement cache. Used by one thread
// at a time (the pool hands it out). Errors carry sqlite3_errmsg(), which
// never contains bound values. Codes: unique or primary-key violation ->
// already_exists ("UNIQUE constraint failed: table.column"); other
// constraint violations (foreign key, check, not null) ->
// failed_precondition; busy or locked -> unavailable; else internal.
class SqliteConnection final : public SqlConnection {
 public:
  // Opens `path` (which must exist) and applies the per-connection settings.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                        int busy_timeout_ms);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    std::span<const SqlValue> params = {}) override;
  Result<std::int64_t> Execute(std::string_view sql,
                               std::span<const SqlValue> params = {}) override;
  Status ExecuteScript(std::string_view sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  bool InTransaction() const;

 private:
  struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  // The cached statement for `sql` with `params` bound, ready to step.
  Result<sqlite3_stmt*> Prepare(std::string_view sql, std::span<const SqlValue> params);
  Error ErrorFromCode(int code) const;

  static constexpr std::size_t kMaxCachedStatements = 256;
  sqlite3* db_;
  std::unordered_map<std::string, Statement, StringHash, std::equal_to<>> statements_;
};

}  // namespace reghub::store
