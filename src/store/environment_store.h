#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/desired_state.h"
#include "core/environment.h"
#include "core/injection_policy.h"
#include "core/result.h"
#include "store/records.h"

namespace reghub::store {

// A registry attached to an environment, with what the environment's agent
// last reported (actuated_revision 0: nothing yet).
struct AttachmentRecord {
  std::string environment_id;
  std::string registry_id;
  UnixSeconds attached_at = 0;
  std::string attached_by;
  std::int64_t actuated_revision = 0;
  UnixSeconds actuated_at = 0;

  bool operator==(const AttachmentRecord&) const = default;
};

// A registry's stored injection policy (environments by id).
struct InjectionPolicyRecord {
  std::string registry_id;
  InjectionPolicy policy;
  UnixSeconds updated_at = 0;
  std::string updated_by;

  bool operator==(const InjectionPolicyRecord&) const = default;
};

// An agent token as listed (never its hash).
struct AgentTokenInfo {
  std::string id;
  std::string name;
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;          // 0: never
  std::string created_by;              // the username of the token's owner

  bool operator==(const AgentTokenInfo&) const = default;
};

// Environments, their editor teams, attachments and injection policies.
// Implementation: SqlEnvironmentStore. Every mutating call writes `audit` in
// the same transaction, so the change and its audit line land together or
// not at all; nothing is written when a call fails. Agent tokens are rows of
// the main Store's tokens table and are written only through it (it caches
// token owners); this store only lists them. Safe for concurrent use.
class EnvironmentStore {
 public:
  virtual ~EnvironmentStore() = default;

  // --- environments ---
  // Environment::editor_teams holds team names: they are resolved to teams
  // here (invalid_argument at "editor_teams[i]" naming a missing team).
  // already_exists (field "name") when the name is taken.
  virtual Status InsertEnvironment(const Environment& environment, const AuditEntry& audit) = 0;
  virtual Result<Environment> GetEnvironment(const std::string& id) = 0;
  virtual Result<Environment> FindEnvironmentByName(const std::string& name) = 0;
  // Ordered by name; keyset paging on the name.
  virtual Result<Page<Environment>> ListEnvironments(const PageRequest& page) = 0;
  // Replaces the stored environment `environment.id` (not_found when gone).
  virtual Status UpdateEnvironment(const Environment& environment, const AuditEntry& audit) = 0;
  // failed_precondition while agent tokens of the environment exist: delete
  // them through the main Store first (see above). not_found when gone.
  virtual Status DeleteEnvironment(const std::string& id, const AuditEntry& audit) = 0;

  // --- attachments ---
  // not_found when the environment or the registry does not exist;
  // already_exists when the registry is attached already.
  virtual Status InsertAttachment(const AttachmentRecord& attachment, const AuditEntry& audit) = 0;
  // not_found when the registry is not attached.
  virtual Status DeleteAttachment(const std::string& environment_id,
                                  const std::string& registry_id, const AuditEntry& audit) = 0;
  // Ordered by attachment time, then registry id.
  virtual Result<std::vector<AttachmentRecord>> ListAttachments(
      const std::string& environment_id) = 0;
  virtual Result<std::vector<AttachmentRecord>> ListAttachmentsOfRegistry(
      const std::string& registry_id) = 0;
  // Sets actuated_revision and actuated_at = `at` of each attachment, all or
  // none: not_found when a registry is not attached to the environment.
  virtual Status RecordActuations(const std::string& environment_id,
                                  const std::vector<Actuation>& actuations, UnixSeconds at,
                                  const AuditEntry& audit) = 0;

  // --- injection policies ---
  // nullopt when the registry has no stored policy (the default applies).
  virtual Result<std::optional<InjectionPolicyRecord>> GetInjectionPolicy(
      const std::string& registry_id) = 0;
  // The stored policies of these registries (those without one are absent).
  virtual Result<std::vector<InjectionPolicyRecord>> ListInjectionPolicies(
      const std::vector<std::string>& registry_ids) = 0;
  // Creates or replaces the policy; not_found when the registry or one of
  // the environments does not exist.
  virtual Status PutInjectionPolicy(const InjectionPolicyRecord& record,
                                    const AuditEntry& audit) = 0;

  // --- agent tokens (read only) ---
  // The environment's tokens of kind "agent", oldest first.
  virtual Result<std::vector<AgentTokenInfo>> ListAgentTokens(
      const std::string& environment_id) = 0;
};

}  // namespace reghub::store
