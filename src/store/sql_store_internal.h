#pragma once

// Helpers shared by the files that implement SqlStore; not a public header.

#include <cstdint>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "store/records.h"
#include "store/sql_connection.h"

namespace reghub::store::internal {

// Runs `body` (returning Status) inside a transaction on `connection`:
// commits when it succeeds, rolls back and returns its error otherwise.
template <typename Body>
Status InTransaction(SqlConnection& connection, Body&& body) {
  REGHUB_RETURN_IF_ERROR(connection.Begin());
  Status status = std::forward<Body>(body)();
  if (status.ok()) status = connection.Commit();
  if (!status.ok()) (void)connection.Rollback();
  return status;
}

// Leases a connection and runs `body(connection)` in a transaction on it;
// the connection is back in the pool when this returns.
template <typename Body>
Status Transact(SqlDatabase& database, Body&& body) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database.Acquire());
  SqlConnection& connection = *lease;
  return InTransaction(connection, [&]() -> Status { return body(connection); });
}

// Writes `audit` on `connection` (inside the caller's transaction).
Status InsertAudit(SqlConnection& connection, const AuditEntry& audit);

// Executes a statement, dropping its count of changed rows.
Status ExecuteStatement(SqlConnection& connection, std::string_view sql,
                        std::span<const SqlValue> params);

inline std::int64_t Flag(bool value) { return value ? 1 : 0; }

// Compact JSON text for a column. Invalid UTF-8 is replaced rather than
// thrown on, so that a bad byte can never abort a write half-way.
inline std::string Dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace reghub::store::internal
