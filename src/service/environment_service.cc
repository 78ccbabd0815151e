// EnvironmentService: environments, attachments, the desired state and
// actuation reports. Injection policies and agent tokens are in
// environment_service_policy.cc.

#include "service/environment_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "access/tokens.h"
#include "core/violations.h"

namespace reghub::service {
namespace {

Status RefuseAgent(const Actor& actor) {
  if (actor.environment_id.empty()) return Status::Ok();
  return Error::PermissionDenied(
      "an agent token may only read its environment's desired state and report actuations");
}

// Agents may read and report for their own environment only.
Status CheckAgentScope(const Actor& actor, const std::string& environment_id) {
  if (actor.environment_id.empty() || actor.environment_id == environment_id) return Status::Ok();
  return Error::PermissionDenied("this agent token serves another environment");
}

std::vector<std::string> ChangedFields(const Environment& before, const Environment& after) {
  std::vector<std::string> changed;
  if (before.name != after.name) changed.push_back("name");
  if (before.description != after.description) changed.push_back("description");
  if (before.api_server_url != after.api_server_url) changed.push_back("api_server_url");
  if (before.namespaces != after.namespaces) changed.push_back("namespaces");
  if (before.editor_teams != after.editor_teams) changed.push_back("editor_teams");
  return changed;
}

std::vector<std::string> Sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

store::AuditEntry EnvironmentService::Audit(const Actor& actor, std::string action,
                                            std::string target_type, std::string target_id,
                                            nlohmann::json details) const {
  return {.at = clock_.Now(),
          .actor = actor.username,
          .action = std::move(action),
          .target_type = std::move(target_type),
          .target_id = std::move(target_id),
          .source = actor.source,
          .details = std::move(details)};
}

Result<Environment> EnvironmentService::Create(const Actor& actor, const EnvironmentPatch& patch) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, BuildEnvironment(patch));
  environment.id = access::GenerateId();
  environment.created_at = environment.updated_at = clock_.Now();
  environment.created_by = actor.username;
  environment.editor_teams = Sorted(environment.editor_teams);
  REGHUB_RETURN_IF_ERROR(environments_.InsertEnvironment(
      environment, Audit(actor, "environment.create", "environment", environment.id,
                         {{"name", environment.name},
                          {"kind", std::string(EnvironmentKindName(environment.kind))},
                          {"editor_teams", environment.editor_teams}})));
  return environment;
}

Result<store::Page<Environment>> EnvironmentService::List(const Actor& actor,
                                                          const store::PageRequest& page) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  return environments_.ListEnvironments(page);
}

Result<EnvironmentDetails> EnvironmentService::Get(const Actor& actor, const std::string& id) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(id));
  REGHUB_ASSIGN_OR_RETURN(auto attachments, AttachmentViews(id));
  return EnvironmentDetails{std::move(environment), std::move(attachments)};
}

Result<Environment> EnvironmentService::Update(const Actor& actor, const std::string& id,
                                               const EnvironmentPatch& patch) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(Environment current, environments_.GetEnvironment(id));
  REGHUB_ASSIGN_OR_RETURN(Environment next, ApplyEnvironmentPatch(current, patch));
  next.editor_teams = Sorted(next.editor_teams);
  if (next.editor_teams != current.editor_teams) {
    Status admin = access_(actor, Permission::kHubAdmin, "");
    if (!admin.ok()) {
      return Error::PermissionDenied(
          "only hub administrators may change an environment's editor_teams");
    }
  }
  std::vector<std::string> changed = ChangedFields(current, next);
  if (changed.empty()) return current;
  next.updated_at = clock_.Now();
  REGHUB_RETURN_IF_ERROR(environments_.UpdateEnvironment(
      next, Audit(actor, "environment.update", "environment", id,
                  {{"name", next.name}, {"changed", changed}})));
  return next;
}

Status EnvironmentService::Delete(const Actor& actor, const std::string& id) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(id));
  // Agent tokens go through the main store (its token cache must forget
  // them); the store refuses the delete while one is left, so a token made
  // meanwhile is revoked on the next round.
  for (int attempt = 0; attempt < 3; ++attempt) {
    REGHUB_ASSIGN_OR_RETURN(auto tokens, environments_.ListAgentTokens(id));
    for (const auto& token : tokens) {
      Status revoked = store_.DeleteToken(
          token.id, Audit(actor, "agent_token.delete", "token", token.id,
                          {{"environment_id", id},
                           {"environment", environment.name},
                           {"name", token.name},
                           {"reason", "environment deleted"}}));
      if (!revoked.ok() && revoked.error().code != ErrorCode::kNotFound) return revoked;
    }
    Status deleted = environments_.DeleteEnvironment(
        id, Audit(actor, "environment.delete", "environment", id, {{"name", environment.name}}));
    if (deleted.ok() || deleted.error().code != ErrorCode::kFailedPrecondition) return deleted;
  }
  return Error::Unavailable("agent tokens kept appearing while environment " + environment.name +
                            " was deleted; try again");
}

Result<AttachmentView> EnvironmentService::Attach(const Actor& actor,
                                                  const std::string& environment_id,
                                                  const std::string& registry_id, bool* created) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(environment_id));
  REGHUB_RETURN_IF_ERROR(access_(actor, Permission::kRegistryAssign, registry_id));
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  store::AttachmentRecord record{.environment_id = environment_id,
                                 .registry_id = registry_id,
                                 .attached_at = clock_.Now(),
                                 .attached_by = actor.username};
  Status inserted = environments_.InsertAttachment(
      record, Audit(actor, "environment.attach", "environment", environment_id,
                    {{"environment", environment.name},
                     {"registry_id", registry_id},
                     {"registry", stored.registry.url.ToString()}}));
  *created = inserted.ok();
  if (!inserted.ok() && inserted.error().code != ErrorCode::kAlreadyExists) return inserted.error();
  REGHUB_ASSIGN_OR_RETURN(auto views, AttachmentViews(environment_id));
  for (auto& view : views) {
    if (view.record.registry_id == registry_id) return std::move(view);
  }
  return Error::NotFound("registry " + registry_id + " was detached meanwhile");
}

Status EnvironmentService::Detach(const Actor& actor, const std::string& environment_id,
                                  const std::string& registry_id) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(environment_id));
  REGHUB_RETURN_IF_ERROR(access_(actor, Permission::kRegistryAssign, registry_id));
  return environments_.DeleteAttachment(
      environment_id, registry_id,
      Audit(actor, "environment.detach", "environment", environment_id,
            {{"environment", environment.name}, {"registry_id", registry_id}}));
}

Result<std::vector<RegistryAttachmentView>> EnvironmentService::EnvironmentsOfRegistry(
    const Actor& actor, const std::string& registry_id) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  REGHUB_ASSIGN_OR_RETURN(auto records, environments_.ListAttachmentsOfRegistry(registry_id));
  std::optional<store::InjectionPolicyRecord> ignored;
  REGHUB_ASSIGN_OR_RETURN(InjectionPolicy policy, PolicyOf(stored.registry, &ignored));
  std::vector<RegistryAttachmentView> views;
  for (const auto& record : records) {
    auto environment = environments_.GetEnvironment(record.environment_id);
    if (!environment.ok()) {
      if (environment.error().code == ErrorCode::kNotFound) continue;  // deleted meanwhile
      return environment.error();
    }
    AttachmentView view{record, stored.registry.url.ToString(), stored.registry.display_name,
                        stored.registry.revision,
                        EffectiveInjectionFor(policy, record.environment_id)};
    views.push_back({std::move(environment).value(), std::move(view)});
  }
  return views;
}

Result<AttachmentView> EnvironmentService::ViewOf(const store::AttachmentRecord& record) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(record.registry_id));
  std::optional<store::InjectionPolicyRecord> ignored;
  REGHUB_ASSIGN_OR_RETURN(InjectionPolicy policy, PolicyOf(stored.registry, &ignored));
  return AttachmentView{record, stored.registry.url.ToString(), stored.registry.display_name,
                        stored.registry.revision,
                        EffectiveInjectionFor(policy, record.environment_id)};
}

Result<std::vector<AttachmentView>> EnvironmentService::AttachmentViews(
    const std::string& environment_id) {
  REGHUB_ASSIGN_OR_RETURN(auto records, environments_.ListAttachments(environment_id));
  std::vector<AttachmentView> views;
  for (const auto& record : records) {
    auto view = ViewOf(record);
    if (!view.ok()) {
      if (view.error().code == ErrorCode::kNotFound) continue;  // registry deleted meanwhile
      return view.error();
    }
    views.push_back(std::move(view).value());
  }
  return views;
}

Result<DesiredState> EnvironmentService::GetDesiredState(const Actor& actor,
                                                         const std::string& environment_id) {
  REGHUB_RETURN_IF_ERROR(CheckAgentScope(actor, environment_id));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(environment_id));
  REGHUB_ASSIGN_OR_RETURN(auto records, environments_.ListAttachments(environment_id));
  DesiredState state{std::move(environment), {}};
  for (const auto& record : records) {
    auto stored = store_.GetRegistry(record.registry_id);
    if (!stored.ok()) {
      if (stored.error().code == ErrorCode::kNotFound) continue;
      return stored.error();
    }
    std::optional<store::InjectionPolicyRecord> ignored;
    REGHUB_ASSIGN_OR_RETURN(InjectionPolicy policy, PolicyOf(stored->registry, &ignored));
    state.registries.push_back(
        {stored->registry, EffectiveInjectionFor(policy, environment_id)});
  }
  return state;
}

Result<std::vector<AttachmentView>> EnvironmentService::ReportActuations(
    const Actor& actor, const std::string& environment_id,
    const std::vector<Actuation>& actuations) {
  REGHUB_RETURN_IF_ERROR(CheckAgentScope(actor, environment_id));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(environment_id));
  REGHUB_ASSIGN_OR_RETURN(auto views, AttachmentViews(environment_id));
  std::map<std::string, const AttachmentView*> attached;
  for (const auto& view : views) attached[view.record.registry_id] = &view;
  Violations violations;
  nlohmann::json reported = nlohmann::json::array();
  for (std::size_t i = 0; i < actuations.size(); ++i) {
    const Actuation& actuation = actuations[i];
    std::string path = "registries[" + std::to_string(i) + "]";
    auto found = attached.find(actuation.registry_id);
    if (found == attached.end()) {
      violations.Add(path + ".registry_id", "registry " + actuation.registry_id +
                                                " is not attached to environment " +
                                                environment.name);
      continue;
    }
    if (actuation.revision > found->second->latest_revision) {
      violations.Add(path + ".revision",
                     "revision " + std::to_string(actuation.revision) +
                         " is above the latest revision " +
                         std::to_string(found->second->latest_revision) + " of registry " +
                         found->second->url);
      continue;
    }
    reported.push_back({{"registry_id", actuation.registry_id}, {"revision", actuation.revision}});
  }
  if (!violations.empty()) return violations.ToError();
  REGHUB_RETURN_IF_ERROR(environments_.RecordActuations(
      environment_id, actuations, clock_.Now(),
      Audit(actor, "environment.actuation", "environment", environment_id,
            {{"environment", environment.name}, {"registries", reported}})));
  REGHUB_ASSIGN_OR_RETURN(auto updated, AttachmentViews(environment_id));
  std::set<std::string> ids;
  for (const Actuation& actuation : actuations) ids.insert(actuation.registry_id);
  std::vector<AttachmentView> result;
  for (auto& view : updated) {
    if (ids.count(view.record.registry_id)) result.push_back(std::move(view));
  }
  return result;
}

}  // namespace reghub::service
