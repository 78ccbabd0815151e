#pragma once

#include "store/environment_store.h"
#include "store/sql_connection.h"

namespace reghub::store {

// EnvironmentStore over the schema-2 tables environments (the kind's own
// fields as JSON in `settings`), environment_editors, attachments,
// injection_policies and injection_policy_environments, reading teams,
// registries, users and tokens directly. The same SQL for SQLite and
// PostgreSQL. Editor teams read back ordered by name; a policy's
// environments ordered by id. A delete of an environment locks its row
// first (PostgreSQL: FOR UPDATE), so no agent token can be added between the
// check that none is left and the delete. REQUIRES: the database is migrated
// to version 2 or later and outlives the store. Safe for concurrent use.
class SqlEnvironmentStore final : public EnvironmentStore {
 public:
  explicit SqlEnvironmentStore(SqlDatabase& database) : database_(database) {}

  Status InsertEnvironment(const Environment& environment, const AuditEntry& audit) override;
  Result<Environment> GetEnvironment(const std::string& id) override;
  Result<Environment> FindEnvironmentByName(const std::string& name) override;
  Result<Page<Environment>> ListEnvironments(const PageRequest& page) override;
  Status UpdateEnvironment(const Environment& environment, const AuditEntry& audit) override;
  Status DeleteEnvironment(const std::string& id, const AuditEntry& audit) override;

  Status InsertAttachment(const AttachmentRecord& attachment, const AuditEntry& audit) override;
  Status DeleteAttachment(const std::string& environment_id, const std::string& registry_id,
                          const AuditEntry& audit) override;
  Result<std::vector<AttachmentRecord>> ListAttachments(
      const std::string& environment_id) override;
  Result<std::vector<AttachmentRecord>> ListAttachmentsOfRegistry(
      const std::string& registry_id) override;
  Status RecordActuations(const std::string& environment_id,
                          const std::vector<Actuation>& actuations, UnixSeconds at,
                          const AuditEntry& audit) override;

  Result<std::optional<InjectionPolicyRecord>> GetInjectionPolicy(
      const std::string& registry_id) override;
  Result<std::vector<InjectionPolicyRecord>> ListInjectionPolicies(
      const std::vector<std::string>& registry_ids) override;
  Status PutInjectionPolicy(const InjectionPolicyRecord& record, const AuditEntry& audit) override;

  Result<std::vector<AgentTokenInfo>> ListAgentTokens(const std::string& environment_id) override;

 private:
  SqlDatabase& database_;
};

}  // namespace reghub::store
