#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "store/pooled_database.h"

namespace reghub::store {

struct SqliteOptions {
  std::size_t max_connections = PooledDatabase::kDefaultMaxConnections;
  int busy_timeout_ms = 5000;
};

// An SQLite database file behind a connection pool. Every connection runs in
// WAL mode with foreign keys on and a busy timeout, keeps a cache of prepared
// statements keyed by SQL text, and opens transactions with BEGIN IMMEDIATE so
// that writers queue on the lock instead of failing on upgrade. The file (and
// so its -wal and -shm companions) is created with mode 0600.
// Safe for concurrent use; each leased connection belongs to one thread.
class SqliteDatabase final : public PooledDatabase {
 public:
  // Opens (creating if needed) the database at `path`, checking that it can
  // be read and switched to WAL mode. invalid_argument for an empty path or
  // ":memory:" (each pooled connection would see its own database);
  // unavailable when the file cannot be opened.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                      SqliteOptions options = {});

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  const std::string& path() const { return path_; }

 protected:
  Result<std::unique_ptr<SqlConnection>> Connect() override;
  bool PrepareForReuse(SqlConnection& connection) override;

 private:
  SqliteDatabase(std::string path, SqliteOptions options);

  const std::string path_;
  const SqliteOptions options_;
};

}  // namespace reghub::store
