#include "store/migrations.h"

#include <ctime>
#include <string>

namespace reghub::store {
namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

// An arbitrary constant naming reghub's migration lock among the advisory
// locks of a shared PostgreSQL database.
constexpr std::int64_t kMigrationLockKey = 0x72656768756231;  // "reghub1"

// Holds PostgreSQL's session advisory lock while migrations run.
class AdvisoryLock {
 public:
  explicit AdvisoryLock(SqlConnection& connection) : connection_(connection) {}
  Status Lock() {
    const SqlValue key = kMigrationLockKey;
    Result<std::vector<SqlRow>> locked =
        connection_.Query("SELECT pg_advisory_lock(?)", std::span(&key, 1));
    if (!locked.ok()) return locked.error();
    held_ = true;
    return Status::Ok();
  }
  ~AdvisoryLock() {
    if (!held_) return;
    const SqlValue key = kMigrationLockKey;
    (void)connection_.Query("SELECT pg_advisory_unlock(?)", std::span(&key, 1));
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  SqlConnection& connection_;
  bool held_ = false;
};

Result<bool> IsApplied(SqlConnection& connection, int version) {
  const SqlValue params[] = {std::int64_t{version}};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows, connection.Query("SELECT 1 FROM schema_migrations WHERE version = ?", params));
  return !rows.empty();
}

Status ApplyOne(SqlConnection& connection, const Migration& migration) {
  REGHUB_RETURN_IF_ERROR(connection.Begin());
  auto apply = [&]() -> Status {
    // Another process may have applied it between our check and our lock.
    REGHUB_ASSIGN_OR_RETURN(bool applied, IsApplied(connection, migration.version));
    if (applied) return Status::Ok();
    std::string_view sql =
        connection.dialect() == SqlDialect::kSqlite ? migration.sqlite : migration.postgres;
    REGHUB_RETURN_IF_ERROR(connection.ExecuteScript(sql));
    const SqlValue params[] = {std::int64_t{migration.version}, std::string(migration.name),
                               static_cast<std::int64_t>(std::time(nullptr))};
    REGHUB_ASSIGN_OR_RETURN(
        auto inserted,
        connection.Execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", params));
    (void)inserted;
    return Status::Ok();
  };
  Status status = apply();
  if (!status.ok()) {
    (void)connection.Rollback();
    return Error{status.error().code,
                 "migration " + std::to_string(migration.version) + " (" +
                     std::string(migration.name) + ") failed: " + status.error().message,
                 {}};
  }
  return connection.Commit();
}

Result<int> MaxVersion(SqlConnection& connection) {
  REGHUB_ASSIGN_OR_RETURN(auto rows,
                          connection.Query("SELECT MAX(version) FROM schema_migrations"));
  return rows.empty() ? 0 : static_cast<int>(rows.front().Int(0));
}

}  // namespace

Status ApplyMigrations(SqlDatabase& database) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  SqlConnection& connection = *lease;
  AdvisoryLock lock(connection);
  if (connection.dialect() == SqlDialect::kPostgres) REGHUB_RETURN_IF_ERROR(lock.Lock());
  REGHUB_RETURN_IF_ERROR(connection.ExecuteScript(kCreateMigrationsTable));
  REGHUB_ASSIGN_OR_RETURN(int current, MaxVersion(connection));
  std::span<const Migration> migrations = AllMigrations();
  int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest) {
    return Error::FailedPrecondition(
        "the database schema is at version " + std::to_string(current) +
        ", newer than this reghub knows (" + std::to_string(latest) + "); upgrade reghub");
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    REGHUB_RETURN_IF_ERROR(ApplyOne(connection, migration));
  }
  return Status::Ok();
}

Result<int> SchemaVersion(SqlDatabase& database) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  REGHUB_RETURN_IF_ERROR(lease->ExecuteScript(kCreateMigrationsTable));
  return MaxVersion(*lease);
}

}  // namespace reghub::store
