#include "store/sql_store.h"

#include <utility>

#include "core/registry_json.h"
#include "store/page_token.h"
#include "store/sql_store_internal.h"

namespace reghub::store {
namespace {

using internal::Dump;
using internal::ExecuteStatement;
using internal::Flag;
using internal::InsertAudit;
using internal::Transact;

std::string RegistryName(const Registry& registry) { return registry.url.ToString(); }

// Escapes LIKE's wildcards so that the query matches as a plain substring.
std::string ContainsPattern(std::string_view query) {
  std::string pattern = "%";
  for (char c : query) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  pattern += '%';
  return pattern;
}

Result<Registry> ParseDocument(const std::string& text) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Error::Internal("a stored registry document is not JSON");
  return RegistryFromJson(document);
}

Result<nlohmann::json> ParseJson(const std::string& text, std::string_view what) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return Error::Internal("a stored " + std::string(what) + " is not JSON");
  return value;
}

Result<RevisionRecord> ReadRevision(const std::string& registry_id, const SqlRow& row) {
  RevisionRecord record;
  record.registry_id = registry_id;
  record.revision = row.Int(0);
  record.created_at = row.Int(1);
  record.created_by = row.Text(2);
  REGHUB_ASSIGN_OR_RETURN(nlohmann::json changes, ParseJson(row.Text(3), "revision change list"));
  record.changes = FieldChangesFromJson(changes);
  REGHUB_ASSIGN_OR_RETURN(record.snapshot, ParseJson(row.Text(4), "revision snapshot"));
  return record;
}

Status InsertRevision(SqlConnection& connection, const Registry& registry,
                      const RevisionRecord& revision) {
  const SqlValue params[] = {registry.id,
                             registry.revision,
                             revision.created_at,
                             revision.created_by,
                             Dump(FieldChangesToJson(revision.changes)),
                             Dump(revision.snapshot)};
  return ExecuteStatement(connection,
                          "INSERT INTO registry_revisions (registry_id, revision, created_at, "
                          "created_by, changes, snapshot) VALUES (?, ?, ?, ?, ?, ?)",
                          params);
}

}  // namespace

SqlStore::SqlStore(std::unique_ptr<SqlDatabase> database, SqlStoreOptions options)
    : database_(std::move(database)), options_(std::move(options)) {}

std::uint64_t SqlStore::CacheGeneration() {
  std::lock_guard lock(coherence_mutex_);
  return generation_;
}

void SqlStore::InvalidateCaches(const std::string& registry_id, bool tokens) {
  std::lock_guard lock(coherence_mutex_);
  ++generation_;
  if (!registry_id.empty()) cache_.Erase(registry_id);
  if (tokens) token_owners_.clear();
}

void SqlStore::CacheIfCurrent(std::uint64_t generation, const std::function<void()>& put) {
  std::lock_guard lock(coherence_mutex_);
  if (generation == generation_) put();
}

Error SqlStore::DefaultTaken() {
  Result<StoredRegistry> current = FindDefaultRegistry();
  std::string holder = current.ok() ? "registry " + RegistryName(current->registry)
                                    : "another registry";
  return Error::FailedPrecondition(
      holder + " is already the default; unset it there first",
      {{"usage.default", "another registry is already the default"}});
}

Status SqlStore::InsertRegistry(const StoredRegistry& stored, const RevisionRecord& first,
                                const AuditEntry& audit) {
  const Registry& registry = stored.registry;
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {registry.id,
                               registry.url.ToString(),
                               std::string(ProviderName(registry.provider)),
                               registry.display_name,
                               Flag(registry.usage.is_default),
                               registry.revision,
                               Dump(RegistryToJson(registry, /*include_ca_pem=*/true)),
                               Blob{stored.sealed_credentials},
                               registry.created_at,
                               registry.updated_at};
    REGHUB_RETURN_IF_ERROR(ExecuteStatement(
        connection,
        "INSERT INTO registries (id, url, provider, display_name, is_default, revision, "
        "document, sealed_credentials, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params));
    REGHUB_RETURN_IF_ERROR(InsertRevision(connection, registry, first));
    return InsertAudit(connection, audit);
  });
  return ExplainRegistryWriteError(std::move(status), registry);
}

Status SqlStore::ExplainRegistryWriteError(Status status, const Registry& registry) {
  if (status.ok() || status.error().code != ErrorCode::kAlreadyExists) return status;
  const std::string& message = status.error().message;
  if (message.find("is_default") != std::string::npos) return DefaultTaken();
  if (message.find("url") != std::string::npos) {
    return Error::AlreadyExists("a registry with url " + RegistryName(registry) + " already exists",
                                {{"url", "is already registered"}});
  }
  return Error::AlreadyExists("registry " + registry.id + " already exists");
}

Result<std::shared_ptr<const StoredRegistry>> SqlStore::LoadRegistry(SqlConnection& connection,
                                                                     const std::string& id) {
  // One round trip either way: the document comes back only when the cached
  // copy (if any) is not the stored one. Revision and update time together
  // identify a registry's content, even across a delete and re-insert.
  const std::uint64_t generation = CacheGeneration();
  std::shared_ptr<const StoredRegistry> cached = cache_.Find(id);
  if (cached && options_.sole_writer) return cached;
  const std::int64_t revision = cached ? cached->registry.revision : -1;
  const std::int64_t updated_at = cached ? cached->registry.updated_at : -1;
  const SqlValue params[] = {revision, updated_at, revision, updated_at, id};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows, connection.Query(
                     "SELECT revision, updated_at, "
                     "CASE WHEN revision = ? AND updated_at = ? THEN NULL ELSE document END, "
                     "CASE WHEN revision = ? AND updated_at = ? THEN NULL "
                     "ELSE sealed_credentials END FROM registries WHERE id = ?",
                     params));
  if (rows.empty()) return std::shared_ptr<const StoredRegistry>();
  const SqlRow& row = rows.front();
  if (cached && row.Int(0) == revision && row.Int(1) == updated_at) return cached;
  auto stored = std::make_shared<StoredRegistry>();
  REGHUB_ASSIGN_OR_RETURN(stored->registry, ParseDocument(row.Text(2)));
  stored->sealed_credentials = row.Bytes(3);
  CacheIfCurrent(generation, [&] { cache_.Put(stored); });
  return std::shared_ptr<const StoredRegistry>(std::move(stored));
}

Result<StoredRegistry> SqlStore::GetRegistry(const std::string& id) {
  if (options_.sole_writer) {
    if (auto cached = cache_.Find(id)) return *cached;
  }
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto stored, LoadRegistry(*lease, id));
  if (stored == nullptr) return Error::NotFound("registry " + id + " not found");
  return *stored;
}

Result<StoredRegistry> SqlStore::FindRegistryBy(std::string_view id_sql,
                                                std::span<const SqlValue> params,
                                                std::string missing) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto ids, lease->Query(id_sql, params));
  if (ids.empty()) return Error::NotFound(std::move(missing));
  REGHUB_ASSIGN_OR_RETURN(auto stored, LoadRegistry(*lease, ids.front().Text(0)));
  if (stored == nullptr) return Error::NotFound(std::move(missing));  // deleted meanwhile
  return *stored;
}

Result<StoredRegistry> SqlStore::FindRegistryByUrl(const std::string& canonical_url) {
  const SqlValue params[] = {canonical_url};
  return FindRegistryBy("SELECT id FROM registries WHERE url = ?", params,
                        "no registry with url " + canonical_url);
}

Result<StoredRegistry> SqlStore::FindDefaultRegistry() {
  // A literal 1 lets both engines use the partial index on is_default.
  return FindRegistryBy("SELECT id FROM registries WHERE is_default = 1", {},
                        "no registry is the default");
}

Status SqlStore::UpdateRegistry(const StoredRegistry& next, std::int64_t expected_revision,
                                const RevisionRecord& revision, const AuditEntry& audit) {
  const Registry& registry = next.registry;
  if (registry.revision != expected_revision + 1) {
    return Error::Internal("UpdateRegistry: the new revision must be the expected one plus 1");
  }
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {registry.url.ToString(),
                               std::string(ProviderName(registry.provider)),
                               registry.display_name,
                               Flag(registry.usage.is_default),
                               registry.revision,
                               Dump(RegistryToJson(registry, /*include_ca_pem=*/true)),
                               Blob{next.sealed_credentials},
                               registry.updated_at,
                               registry.id,
                               expected_revision};
    REGHUB_ASSIGN_OR_RETURN(
        std::int64_t changed,
        connection.Execute("UPDATE registries SET url = ?, provider = ?, display_name = ?, "
                       "is_default = ?, revision = ?, document = ?, sealed_credentials = ?, "
                       "updated_at = ? WHERE id = ? AND revision = ?",
                       params));
    if (changed == 0) {
      const SqlValue id[] = {registry.id};
      REGHUB_ASSIGN_OR_RETURN(
          auto rows, connection.Query("SELECT revision FROM registries WHERE id = ?", id));
      if (rows.empty()) return Error::NotFound("registry " + registry.id + " not found");
      return Error::Conflict("registry " + RegistryName(registry) +
                             " was changed by someone else (now at revision " +
                             std::to_string(rows.front().Int(0)) + "); reload and retry");
    }
    REGHUB_RETURN_IF_ERROR(InsertRevision(connection, registry, revision));
    return InsertAudit(connection, audit);
  });
  InvalidateCaches(registry.id, /*tokens=*/false);
  return ExplainRegistryWriteError(std::move(status), registry);
}

Status SqlStore::DeleteRegistry(const std::string& id, const AuditEntry& audit) {
  Status status = Transact(*database_, [&](SqlConnection& connection) -> Status {
    const SqlValue params[] = {id};
    REGHUB_ASSIGN_OR_RETURN(std::int64_t changed,
                            connection.Execute("DELETE FROM registries WHERE id = ?", params));
    if (changed == 0) return Error::NotFound("registry " + id + " not found");
    return InsertAudit(connection, audit);
  });
  InvalidateCaches(id, /*tokens=*/false);
  return status;
}

Result<Page<Registry>> SqlStore::ListRegistries(const RegistryFilter& filter,
                                                const PageRequest& page) {
  const int size = ClampPageSize(page.page_size);
  std::string sql = "SELECT url, id, revision, updated_at FROM registries WHERE 1 = 1";
  std::vector<SqlValue> params;
  if (filter.provider) {
    sql += " AND provider = ?";
    params.emplace_back(std::string(ProviderName(*filter.provider)));
  }
  if (!filter.query.empty()) {
    sql += " AND (lower(url) LIKE ? ESCAPE '\\' OR lower(display_name) LIKE ? ESCAPE '\\')";
    std::string pattern = ContainsPattern(filter.query);
    params.emplace_back(pattern);
    params.emplace_back(std::move(pattern));
  }
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(std::string after, DecodeTextPageToken(page.page_token));
    sql += " AND url > ?";
    params.emplace_back(std::move(after));
  }
  sql += " ORDER BY url LIMIT ?";
  params.emplace_back(std::int64_t{size} + 1);  // one more tells whether a next page exists

  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  Page<Registry> result;
  const bool more = rows.size() > static_cast<std::size_t>(size);
  if (more) rows.pop_back();
  result.items.reserve(rows.size());
  // Most pages come from the cache; a registry changed since it was cached
  // is read again (and one deleted meanwhile is left out).
  for (const SqlRow& row : rows) {
    std::shared_ptr<const StoredRegistry> cached = cache_.Find(row.Text(1));
    if (!cached || cached->registry.revision != row.Int(2) ||
        cached->registry.updated_at != row.Int(3)) {
      REGHUB_ASSIGN_OR_RETURN(cached, LoadRegistry(*lease, row.Text(1)));
      if (cached == nullptr) continue;
    }
    result.items.push_back(cached->registry);
  }
  if (more) result.next_page_token = EncodePageToken(rows.back().Text(0));
  return result;
}

Result<std::int64_t> SqlStore::CountRegistries() {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query("SELECT COUNT(*) FROM registries"));
  return rows.empty() ? 0 : rows.front().Int(0);
}

Result<Page<RevisionRecord>> SqlStore::ListRevisions(const std::string& registry_id,
                                                     const PageRequest& page) {
  const int size = ClampPageSize(page.page_size);
  std::string sql =
      "SELECT revision, created_at, created_by, changes, snapshot FROM registry_revisions "
      "WHERE registry_id = ?";
  std::vector<SqlValue> params = {registry_id};
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(std::int64_t before, DecodeIntPageToken(page.page_token));
    sql += " AND revision < ?";
    params.emplace_back(before);
  }
  sql += " ORDER BY revision DESC LIMIT ?";
  params.emplace_back(std::int64_t{size} + 1);

  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  const SqlValue id[] = {registry_id};
  REGHUB_ASSIGN_OR_RETURN(auto exists, lease->Query("SELECT 1 FROM registries WHERE id = ?", id));
  if (exists.empty()) return Error::NotFound("registry " + registry_id + " not found");
  REGHUB_ASSIGN_OR_RETURN(auto rows, lease->Query(sql, params));
  Page<RevisionRecord> result;
  const bool more = rows.size() > static_cast<std::size_t>(size);
  if (more) rows.pop_back();
  for (const SqlRow& row : rows) {
    REGHUB_ASSIGN_OR_RETURN(RevisionRecord record, ReadRevision(registry_id, row));
    result.items.push_back(std::move(record));
  }
  if (more) result.next_page_token = EncodePageToken(rows.back().Int(0));
  return result;
}

Result<RevisionRecord> SqlStore::GetRevision(const std::string& registry_id,
                                             std::int64_t revision) {
  REGHUB_ASSIGN_OR_RETURN(SqlDatabase::Lease lease, database_->Acquire());
  const SqlValue params[] = {registry_id, revision};
  REGHUB_ASSIGN_OR_RETURN(
      auto rows,
      lease->Query("SELECT revision, created_at, created_by, changes, snapshot "
                   "FROM registry_revisions WHERE registry_id = ? AND revision = ?",
                   params));
  if (rows.empty()) {
    return Error::NotFound("registry " + registry_id + " has no revision " +
                           std::to_string(revision));
  }
  return ReadRevision(registry_id, rows.front());
}

}  // namespace reghub::store
