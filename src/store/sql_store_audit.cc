// SqlStore: the audit log, and the statement helpers of sql_store_internal.h.

#include <utility>

#include "store/page_token.h"
#include "store/sql_store.h"
#include "store/sql_store_internal.h"

namespace reghub::store {
namespace internal {

Status ExecuteStatement(SqlConnection& connection, std::string_view sql,
                        std::span<const SqlValue> params) {
  Result<std::int64_t> changed = connection.Execute(sql, params);
  if (!changed.ok()) return changed.error();
  return Status::Ok();
}

Status InsertAudit(SqlConnection& connection, const AuditEntry& audit) {
  const SqlValue params[] = {audit.at,          audit.actor,     audit.action,
                             audit.target_type, audit.target_id, audit.source,
                             Dump(audit.details)};
  return ExecuteStatement(connection,
                          "INSERT INTO audit (at, actor, action, target_type, target_id, source, "
                          "details) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          params);
}

}  // namespace internal

namespace {

using internal::InsertAudit;

Result<AuditEntry> ReadAudit(const SqlRow& row) {
  AuditEntry entry;
  entry.id = row.Int(0);
  entry.at = row.Int(1);
  entry.actor = row.Text(2);
  entry.action = row.Text(3);
  entry.target_type = row.Text(4);
  entry.target_id = row.Text(5);
  entry.source = row.Text(6);
  entry.details = nlohmann::json::parse(row.Text(7), nullptr, /*allow_exceptions=*/false);
  if (entry.details.is_discarded()) return Error::Internal("a stored audit entry is not JSON");
  return entry;
}

}  // namespace

Status SqlStore::AppendAudit(const AuditEntry& audit) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  return InsertAudit(*lease, audit);
}

Result<Page<AuditEntry>> SqlStore::ListAudit(const PageRequest& page) {
  const int size = ClampPageSize(page.page_size);
  std::string sql =
      "SELECT id, at, actor, action, target_type, target_id, source, details FROM audit";
  std::vector<SqlValue> params;
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(std::int64_t before, DecodeIntPageToken(page.page_token));
    sql += " WHERE id < ?";
    params.emplace_back(before);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{size} + 1);

  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  Page<AuditEntry> result;
  const bool more = rows.size() > static_cast<std::size_t>(size);
  if (more) rows.pop_back();
  for (const SqlRow& row : rows) {
    REGHUB_ASSIGN_OR_RETURN(AuditEntry entry, ReadAudit(row));
    result.items.push_back(std::move(entry));
  }
  if (more) result.next_page_token = EncodePageToken(result.items.back().id);
  return result;
}

}  // namespace reghub::store
