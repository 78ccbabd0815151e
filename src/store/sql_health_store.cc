#include "store/sql_health_store.h"

#include <algorithm>
#include <utility>

#include "store/sql_store_internal.h"

namespace reghub::store {
namespace {

using internal::ExecuteStatement;
using internal::Flag;
using internal::Transact;

constexpr std::string_view kCheckColumns =
    "id, registry_id, checked_at, ok, failed_step, message, latency_ms, certificate_not_after, "
    "credentials_refused, last_success_at";

// Reads the ten columns of kCheckColumns starting at column `first`.
HealthCheckRecord ReadCheckAt(const SqlRow& row, std::size_t first) {
  HealthCheckRecord check;
  check.id = row.Int(first);
  check.registry_id = row.Text(first + 1);
  check.checked_at = row.Int(first + 2);
  check.ok = row.Int(first + 3) != 0;
  check.failed_step = row.Text(first + 4);
  check.message = row.Text(first + 5);
  check.latency_ms = row.Int(first + 6);
  if (!row.IsNull(first + 7)) check.certificate_not_after = row.Int(first + 7);
  check.credentials_refused = row.Int(first + 8) != 0;
  check.last_success_at = row.Int(first + 9);
  return check;
}

SqlValue Nullable(const std::optional<UnixSeconds>& value) {
  if (!value) return nullptr;
  return std::int64_t{*value};
}

}  // namespace

Status SqlHealthStore::Record(const HealthCheckRecord& check, int keep) {
  keep = std::max(keep, 1);
  return Transact(database_, [&](SqlConnection& connection) -> Status {
    const SqlValue id[] = {check.registry_id};
    REGHUB_ASSIGN_OR_RETURN(auto exists,
                            connection.Query("SELECT 1 FROM registries WHERE id = ?", id));
    if (exists.empty()) return Error::NotFound("registry " + check.registry_id + " not found");
    REGHUB_ASSIGN_OR_RETURN(auto previous,
                            connection.Query("SELECT last_success_at FROM health_checks "
                                             "WHERE registry_id = ? "
                                             "ORDER BY checked_at DESC, id DESC LIMIT 1",
                                             id));
    UnixSeconds last_success = previous.empty() ? 0 : previous.front().Int(0);
    if (check.ok) last_success = std::max(last_success, check.checked_at);
    const SqlValue row[] = {check.registry_id,
                            std::int64_t{check.checked_at},
                            Flag(check.ok),
                            check.failed_step,
                            check.message,
                            std::int64_t{check.latency_ms},
                            Nullable(check.certificate_not_after),
                            Flag(check.credentials_refused),
                            std::int64_t{last_success}};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection,
        "INSERT INTO health_checks (registry_id, checked_at, ok, failed_step, message, "
        "latency_ms, certificate_not_after, credentials_refused, last_success_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        row));
    const SqlValue prune[] = {check.registry_id, check.registry_id, std::int64_t{keep}};
    return ExecuteStatement(connection,
                            "DELETE FROM health_checks WHERE registry_id = ? AND id NOT IN ("
                            "SELECT id FROM health_checks WHERE registry_id = ? "
                            "ORDER BY checked_at DESC, id DESC LIMIT ?)",
                            prune);
  });
}

Result<std::vector<HealthCheckRecord>> SqlHealthStore::History(const std::string& registry_id,
                                                               int limit) {
  limit = std::clamp(limit, 1, 500);
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  const SqlValue params[] = {registry_id, std::int64_t{limit}};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows, lease->Query("SELECT " + std::string(kCheckColumns) +
                                  " FROM health_checks WHERE registry_id = ? "
                                  "ORDER BY checked_at DESC, id DESC LIMIT ?",
                              params));
  std::vector<HealthCheckRecord> checks;
  checks.reserve(rows.size());
  for (const SqlRow& row : rows) checks.push_back(ReadCheckAt(row, 0));
  return checks;
}

Result<std::vector<RegistryHealth>> SqlHealthStore::Latest() {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_.Acquire());
  REGHUB_ASSIGN_OR_RETURN(
      auto rows,
      lease->Query("SELECT r.id, r.url, r.display_name, h.id, h.registry_id, h.checked_at, h.ok, "
                   "h.failed_step, h.message, h.latency_ms, h.certificate_not_after, "
                   "h.credentials_refused, h.last_success_at "
                   "FROM registries r LEFT JOIN health_checks h ON h.id = ("
                   "SELECT x.id FROM health_checks x WHERE x.registry_id = r.id "
                   "ORDER BY x.checked_at DESC, x.id DESC LIMIT 1) "
                   "ORDER BY r.url"));
  std::vector<RegistryHealth> registries;
  registries.reserve(rows.size());
  for (const SqlRow& row : rows) {
    RegistryHealth health;
    health.registry_id = row.Text(0);
    health.url = row.Text(1);
    health.display_name = row.Text(2);
    if (!row.IsNull(3)) health.latest = ReadCheckAt(row, 3);
    registries.push_back(std::move(health));
  }
  return registries;
}

}  // namespace reghub::store
