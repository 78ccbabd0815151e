#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "store/pooled_database.h"

namespace reghub::store {

struct PgOptions {
  std::size_t max_connections = PooledDatabase::kDefaultMaxConnections;
};

// A PostgreSQL database reached through libpq, behind a connection pool.
// `conninfo` is anything PQconnectdb accepts: "postgresql://user@host:5432/db"
// or "host=... dbname=...". Transactions run at READ COMMITTED, so a
// conditional UPDATE that loses a race re-reads the row and changes nothing.
// Safe for concurrent use; each leased connection belongs to one thread.
class PgDatabase final : public PooledDatabase {
 public:
  // Connects once to check the server answers; unavailable otherwise (the
  // message names host and user, never a password).
  static Result<std::unique_ptr<PgDatabase>> Open(const std::string& conninfo,
                                                  PgOptions options = {});

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

 protected:
  Result<std::unique_ptr<SqlConnection>> Connect() override;
  bool PrepareForReuse(SqlConnection& connection) override;

 private:
  PgDatabase(std::string conninfo, PgOptions options);

  const std::string conninfo_;
};

}  // namespace reghub::store
