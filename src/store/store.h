#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/records.h"

namespace reghub::store {

// The hub's persistent state. Implementations: SqlStore over SQLite or
// PostgreSQL (store/sql_store.h). Every mutating call writes its audit entry
// in the same transaction, so a change and its audit line land together or
// not at all. Safe for concurrent use from many threads.
class Store {
 public:
  virtual ~Store() = default;

  // --- registries ---
  // already_exists (details field "url") when the URL is taken;
  // failed_precondition when usage.default is set and another registry is the default.
  virtual Status InsertRegistry(const StoredRegistry& registry, const RevisionRecord& first,
                                const AuditEntry& audit) = 0;
  virtual Result<StoredRegistry> GetRegistry(const std::string& id) = 0;
  virtual Result<StoredRegistry> FindRegistryByUrl(const std::string& canonical_url) = 0;
  // The default registry, if any (not_found otherwise).
  virtual Result<StoredRegistry> FindDefaultRegistry() = 0;
  // Replaces the registry atomically if its stored revision is still
  // `expected_revision` (next.registry.revision must be expected + 1);
  // otherwise conflict, and nothing is written.
  virtual Status UpdateRegistry(const StoredRegistry& next, std::int64_t expected_revision,
                                const RevisionRecord& revision, const AuditEntry& audit) = 0;
  virtual Status DeleteRegistry(const std::string& id, const AuditEntry& audit) = 0;
  // Ordered by URL.
  virtual Result<Page<Registry>> ListRegistries(const RegistryFilter& filter,
                                                const PageRequest& page) = 0;
  virtual Result<std::int64_t> CountRegistries() = 0;

  // --- revisions ---
  // Newest first.
  virtual Result<Page<RevisionRecord>> ListRevisions(const std::string& registry_id,
                                                     const PageRequest& page) = 0;
  virtual Result<RevisionRecord> GetRevision(const std::string& registry_id,
                                             std::int64_t revision) = 0;

  // --- users and tokens ---
  virtual Status InsertUser(const UserRecord& user, const AuditEntry& audit) = 0;
  virtual Result<UserRecord> GetUser(const std::string& id) = 0;
  virtual Result<UserRecord> FindUserByName(const std::string& username) = 0;
  virtual Result<std::int64_t> CountUsers() = 0;
  // Ordered by username.
  virtual Result<Page<UserRecord>> ListUsers(const PageRequest& page) = 0;
  // Stores the user's display_name, is_admin, disabled and password_hash
  // (id, username and created_at stay). not_found for an unknown id;
  // failed_precondition when the change would leave the hub without an
  // enabled administrator. A disabled user's tokens are refused from the
  // next authentication on.
  virtual Status UpdateUser(const UserRecord& user, const AuditEntry& audit) = 0;
  // Deletes the user with their tokens, memberships and grants. not_found
  // for an unknown id; failed_precondition when it is the last enabled
  // administrator. Their tokens are refused from the next authentication on.
  virtual Status DeleteUser(const std::string& id, const AuditEntry& audit) = 0;
  // Sets a new password hash and password_changed_at, and deletes the user's
  // session tokens except `keep_token_id` ("" keeps none), in one transaction.
  virtual Status ChangePassword(const std::string& user_id, const std::string& password_hash,
                                UnixSeconds changed_at, const std::string& keep_token_id,
                                const AuditEntry& audit) = 0;
  virtual Status InsertToken(const TokenRecord& token, const AuditEntry& audit) = 0;
  virtual Result<TokenRecord> FindTokenByHash(const std::string& token_hash) = 0;
  virtual Result<TokenRecord> GetToken(const std::string& id) = 0;
  // The user's tokens of `kind` ("session", "api", "agent"), oldest first.
  virtual Result<std::vector<TokenRecord>> ListUserTokens(const std::string& user_id,
                                                          const std::string& kind) = 0;
  // The token and its user in one read: the per-request authentication path.
  virtual Result<TokenOwner> FindTokenOwner(const std::string& token_hash) = 0;
  virtual Status DeleteToken(const std::string& token_id, const AuditEntry& audit) = 0;
  virtual Status DeleteExpiredTokens(UnixSeconds now) = 0;

  // --- audit ---
  virtual Status AppendAudit(const AuditEntry& audit) = 0;
  // Newest first.
  virtual Result<Page<AuditEntry>> ListAudit(const PageRequest& page) = 0;
};

}  // namespace reghub::store
