#include "store/postgres/pg_database.h"

#include <utility>

#include "store/postgres/pg_connection.h"

namespace reghub::store {

PgDatabase::PgDatabase(std::string conninfo, PgOptions options)
    : PooledDatabase(options.max_connections), conninfo_(std::move(conninfo)) {}

Result<std::unique_ptr<PgDatabase>> PgDatabase::Open(const std::string& conninfo,
                                                     PgOptions options) {
  std::unique_ptr<PgDatabase> database(new PgDatabase(conninfo, options));
  REGHUB_ASSIGN_OR_RETURN(auto first, PgConnection::Open(conninfo));
  database->AddIdle(std::move(first));
  return database;
}

Result<std::unique_ptr<SqlConnection>> PgDatabase::Connect() {
  REGHUB_ASSIGN_OR_RETURN(auto connection, PgConnection::Open(conninfo_));
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

bool PgDatabase::PrepareForReuse(SqlConnection& connection) {
  return static_cast<PgConnection&>(connection).ResetForReuse();
}

}  // namespace reghub::store
