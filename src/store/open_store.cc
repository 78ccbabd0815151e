#include "store/open_store.h"

#include <utility>

#include "store/migrations.h"
#include "store/postgres/pg_database.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_database.h"

namespace reghub::store {
namespace {

Result<std::unique_ptr<SqlDatabase>> OpenDatabase(const std::string& database) {
  if (database.starts_with("postgres://") || database.starts_with("postgresql://")) {
    REGHUB_ASSIGN_OR_RETURN(auto pg, PgDatabase::Open(database));
    return std::unique_ptr<SqlDatabase>(std::move(pg));
  }
  std::string path = database;
  if (path.starts_with("sqlite://")) {
    path = path.substr(9);
  } else if (path.starts_with("sqlite:")) {
    path = path.substr(7);
  } else if (path.find("://") != std::string::npos) {
    return Error::InvalidArgument(
        "unsupported database \"" + path.substr(0, path.find("://") + 3) +
        "…\": use sqlite:<path>, a file path, or postgres://user@host/db");
  }
  if (path.empty()) return Error::InvalidArgument("the database path is empty");
  REGHUB_ASSIGN_OR_RETURN(auto sqlite, SqliteDatabase::Open(path));
  return std::unique_ptr<SqlDatabase>(std::move(sqlite));
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& database) {
  REGHUB_ASSIGN_OR_RETURN(std::unique_ptr<SqlDatabase> sql, OpenDatabase(database));
  REGHUB_RETURN_IF_ERROR(ApplyMigrations(*sql));
  return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(sql)));
}

}  // namespace reghub::store
