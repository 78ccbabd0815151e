#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/desired_state.h"
#include "core/environment.h"
#include "core/environment_json.h"
#include "core/injection_policy.h"
#include "core/result.h"
#include "core/secret_string.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/permission.h"
#include "store/environment_store.h"
#include "store/store.h"

namespace reghub::service {

// Asks the access rules whether `actor` holds a permission on a resource
// other than the route's own (AccessService::Check in the hub).
using AccessCheck =
    std::function<Status(const Actor& actor, Permission permission, const std::string& resource_id)>;

// An attachment with what a reader needs to judge it: the registry's latest
// revision against the one the environment's agent actuated.
struct AttachmentView {
  store::AttachmentRecord record;
  std::string url;
  std::string display_name;
  std::int64_t latest_revision = 0;
  EffectiveInjection injection;

  bool up_to_date() const { return record.actuated_revision == latest_revision; }
};

struct EnvironmentDetails {
  Environment environment;
  std::vector<AttachmentView> attachments;
};

// One environment a registry is attached to.
struct RegistryAttachmentView {
  Environment environment;
  AttachmentView attachment;
};

// What a policy means for one environment of the hub.
struct EffectiveInjectionRow {
  std::string environment_id;
  std::string environment_name;
  bool attached = false;
  EffectiveInjection injection;
};

// A registry's injection policy as the API shows it: environments by name.
struct InjectionPolicyView {
  std::string registry_id;
  InjectionMode mode = InjectionMode::kAllExcept;
  std::vector<std::string> environment_names;
  SecretSource secret_source = SecretSource::kGenerated;
  std::string secret_name;
  bool is_default = true;              // no policy stored: the default applies
  UnixSeconds updated_at = 0;
  std::string updated_by;
  std::vector<EffectiveInjectionRow> effective;   // every environment, by name
};

struct CreatedAgentToken {
  store::AgentTokenInfo info;
  SecretString token;                  // shown to the caller once; only its hash is stored
};

struct DesiredState {
  Environment environment;
  std::vector<DesiredRegistry> registries;
};

inline constexpr std::size_t kMaxAgentTokenNameLength = 100;
inline constexpr std::int64_t kMaxAgentTokenDays = 3650;

// Use cases of environments (issue 3 item 4-5): CRUD, attachments with
// latest and actuated revisions, injection policies, agent tokens, the
// desired state an agent reads and the actuations it reports.
//
// Route permissions are the router's (AccessService); on top of them:
// - attach and detach also need assigner on the registry (`access` with
//   kRegistryAssign); changing editor_teams needs kHubAdmin;
// - an agent token (Actor::environment_id set) is refused everything but
//   DesiredState and ReportActuations of its own environment, here too;
// - ReportActuations refuses, with a field message per entry and writing
//   nothing, a registry that is not attached or a revision above the
//   registry's latest.
// Every change is audited in the same transaction. Agent tokens are written
// through the main Store (its token cache stays right); deleting an
// environment revokes its agent tokens first. Thread-safe; the stores,
// clock and check outlive it.
class EnvironmentService {
 public:
  EnvironmentService(store::Store& store, store::EnvironmentStore& environments,
                     const Clock& clock, AccessCheck access)
      : store_(store), environments_(environments), clock_(clock), access_(std::move(access)) {}

  Result<Environment> Create(const Actor& actor, const EnvironmentPatch& patch);
  Result<store::Page<Environment>> List(const Actor& actor, const store::PageRequest& page);
  Result<EnvironmentDetails> Get(const Actor& actor, const std::string& id);
  Result<Environment> Update(const Actor& actor, const std::string& id,
                             const EnvironmentPatch& patch);
  Status Delete(const Actor& actor, const std::string& id);

  // Attaches the registry; `created` tells whether it was attached just now
  // (false: it was already, and nothing changed).
  Result<AttachmentView> Attach(const Actor& actor, const std::string& environment_id,
                                const std::string& registry_id, bool* created);
  Status Detach(const Actor& actor, const std::string& environment_id,
                const std::string& registry_id);
  Result<std::vector<RegistryAttachmentView>> EnvironmentsOfRegistry(
      const Actor& actor, const std::string& registry_id);

  Result<InjectionPolicyView> GetInjectionPolicy(const Actor& actor,
                                                 const std::string& registry_id);
  // Environments by name (invalid_argument at "environments[i]" for an
  // unknown one); a generated secret without a name gets DefaultSecretName.
  Result<InjectionPolicyView> PutInjectionPolicy(const Actor& actor,
                                                 const std::string& registry_id,
                                                 const InjectionPolicyInput& input);

  // `name`: 1-100 characters, unique among the environment's agent tokens;
  // expires after `expires_in_days` (1-3650) or never.
  Result<CreatedAgentToken> CreateAgentToken(const Actor& actor,
                                             const std::string& environment_id,
                                             const std::string& name,
                                             std::optional<std::int64_t> expires_in_days);
  Result<std::vector<store::AgentTokenInfo>> ListAgentTokens(const Actor& actor,
                                                             const std::string& environment_id);
  Status RevokeAgentToken(const Actor& actor, const std::string& environment_id,
                          const std::string& token_id);

  Result<DesiredState> GetDesiredState(const Actor& actor, const std::string& environment_id);
  // The updated attachments of the reported registries.
  Result<std::vector<AttachmentView>> ReportActuations(const Actor& actor,
                                                       const std::string& environment_id,
                                                       const std::vector<Actuation>& actuations);

 private:
  // The registry's policy: stored, or the default for its URL.
  Result<InjectionPolicy> PolicyOf(const Registry& registry,
                                   std::optional<store::InjectionPolicyRecord>* stored);
  Result<AttachmentView> ViewOf(const store::AttachmentRecord& record);
  Result<std::vector<AttachmentView>> AttachmentViews(const std::string& environment_id);
  Result<std::vector<Environment>> AllEnvironments();
  Result<InjectionPolicyView> PolicyView(const Registry& registry);
  store::AuditEntry Audit(const Actor& actor, std::string action, std::string target_type,
                          std::string target_id, nlohmann::json details) const;

  store::Store& store_;
  store::EnvironmentStore& environments_;
  const Clock& clock_;
  AccessCheck access_;
};

}  // namespace reghub::service
