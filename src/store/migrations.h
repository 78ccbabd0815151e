#pragma once

#include <span>
#include <string_view>

#include "core/result.h"
#include "store/sql_connection.h"

namespace reghub::store {

// One step of the schema, written for each dialect. Versions increase by one;
// a migration that has been released is never edited: later changes append a
// new one (teams, grants and environments come that way).
struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sqlite;
  std::string_view postgres;
};

// Every migration, ordered by version.
std::span<const Migration> AllMigrations();

// Brings the database to the latest version: creates schema_migrations if
// needed and applies, each in its own transaction together with its row in
// schema_migrations, every migration not yet recorded there. Re-running is a
// no-op. Safe when several processes start at once (PostgreSQL: an advisory
// lock; SQLite: the write lock of BEGIN IMMEDIATE). failed_precondition when
// the database was written by a newer reghub (a version we do not know).
Status ApplyMigrations(SqlDatabase& database);

// The highest applied version (0 for an empty database, where it creates
// the empty schema_migrations table).
Result<int> SchemaVersion(SqlDatabase& database);

}  // namespace reghub::store
