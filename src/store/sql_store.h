#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "store/registry_cache.h"
#include "store/sql_connection.h"
#include "store/store.h"

namespace reghub::store {

// The Store over any SqlDatabase: one implementation, the same SQL for SQLite
// and PostgreSQL (the few differences live in the migrations). REQUIRES: the
// database has been migrated (ApplyMigrations; OpenStore does it).
//
// Contracts beyond store.h:
// - Each mutating call is one transaction holding the change and its audit
//   line. UpdateRegistry is a compare-and-swap on the stored revision; the
//   losing writer gets conflict "registry <url> was changed by someone else
//   (now at revision N); reload and retry".
// - Revision rows are keyed by the registry's id and revision, whatever the
//   RevisionRecord's own registry_id/revision say.
// - Lists use keyset pagination; page_size is clamped to 1..500; a page token
//   the store did not make is invalid_argument (field "page_token").
// - The sealed credentials are stored byte for byte as given, in a blob
//   column, and are read back only by GetRegistry/Find*Registry.
// - Reads of registries keep decoded registries in memory and
//   re-check the stored revision on every call, so they see every committed
//   change, including those of other processes sharing the database.
// Safe for concurrent use: each call leases its own connection.
struct SqlStoreOptions {
  // This process is the database's only writer (an embedded SQLite file held
  // under a process lock). Cached registries and token owners are then served
  // without asking the database; every write in this store invalidates them.
  // Off for shared databases, where each read revalidates against the rows.
  bool sole_writer = false;
  // Held for the store's lifetime (the process lock of a sole writer).
  std::shared_ptr<void> ownership;
};

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<SqlDatabase> database, SqlStoreOptions options = {});

  SqlDatabase& database() { return *database_; }

  Status InsertRegistry(const StoredRegistry& registry, const RevisionRecord& first,
                        const AuditEntry& audit) override;
  Result<StoredRegistry> GetRegistry(const std::string& id) override;
  Result<StoredRegistry> FindRegistryByUrl(const std::string& canonical_url) override;
  Result<StoredRegistry> FindDefaultRegistry() override;
  Status UpdateRegistry(const StoredRegistry& next, std::int64_t expected_revision,
                        const RevisionRecord& revision, const AuditEntry& audit) override;
  Status DeleteRegistry(const std::string& id, const AuditEntry& audit) override;
  Result<Page<Registry>> ListRegistries(const RegistryFilter& filter,
                                        const PageRequest& page) override;
  Result<std::int64_t> CountRegistries() override;

  Result<Page<RevisionRecord>> ListRevisions(const std::string& registry_id,
                                             const PageRequest& page) override;
  Result<RevisionRecord> GetRevision(const std::string& registry_id,
                                     std::int64_t revision) override;

  Status InsertUser(const UserRecord& user, const AuditEntry& audit) override;
  Result<UserRecord> GetUser(const std::string& id) override;
  Result<UserRecord> FindUserByName(const std::string& username) override;
  Result<std::int64_t> CountUsers() override;
  Result<Page<UserRecord>> ListUsers(const PageRequest& page) override;
  Status UpdateUser(const UserRecord& user, const AuditEntry& audit) override;
  Status DeleteUser(const std::string& id, const AuditEntry& audit) override;
  Status ChangePassword(const std::string& user_id, const std::string& password_hash,
                        UnixSeconds changed_at, const std::string& keep_token_id,
                        const AuditEntry& audit) override;
  Status InsertToken(const TokenRecord& token, const AuditEntry& audit) override;
  Result<TokenRecord> FindTokenByHash(const std::string& token_hash) override;
  Result<TokenRecord> GetToken(const std::string& id) override;
  Result<std::vector<TokenRecord>> ListUserTokens(const std::string& user_id,
                                                  const std::string& kind) override;
  Result<TokenOwner> FindTokenOwner(const std::string& token_hash) override;
  Status DeleteToken(const std::string& token_id, const AuditEntry& audit) override;
  Status DeleteExpiredTokens(UnixSeconds now) override;

  Status AppendAudit(const AuditEntry& audit) override;
  Result<Page<AuditEntry>> ListAudit(const PageRequest& page) override;

 private:
  // The registry `id` as stored now (nullptr when there is none), from the
  // cache when that holds the stored revision.
  Result<std::shared_ptr<const StoredRegistry>> LoadRegistry(SqlConnection& connection,
                                                             const std::string& id);
  // The registry whose id `id_sql` selects; not_found with `missing` when
  // there is none.
  Result<StoredRegistry> FindRegistryBy(std::string_view id_sql, std::span<const SqlValue> params,
                                        std::string missing);
  // Why the default could not be set: names the current default registry.
  Error DefaultTaken();
  // Turns the engine's unique-violation message into the contract's errors:
  // failed_precondition for a second default, already_exists on "url".
  Status ExplainRegistryWriteError(Status status, const Registry& registry);

  // Cache coherence for sole writers: a write bumps the generation and drops
  // what it changed; a read caches what it loaded only if no write happened
  // since it began, so a stale row can never be cached after its invalidation.
  std::uint64_t CacheGeneration();
  void InvalidateCaches(const std::string& registry_id, bool tokens);
  void CacheIfCurrent(std::uint64_t generation, const std::function<void()>& put);

  std::unique_ptr<SqlDatabase> database_;
  const SqlStoreOptions options_;
  RegistryCache cache_;
  std::mutex coherence_mutex_;
  std::uint64_t generation_ = 0;                                  // guarded by coherence_mutex_
  std::unordered_map<std::string, TokenOwner> token_owners_;      // guarded by coherence_mutex_
};

}  // namespace reghub::store
