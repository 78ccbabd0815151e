// EnvironmentService: injection policies and agent tokens.

#include <algorithm>
#include <map>
#include <set>

#include "access/tokens.h"
#include "core/json_reader.h"
#include "core/violations.h"
#include "service/environment_service.h"

namespace reghub::service {
namespace {

Status RefuseAgent(const Actor& actor) {
  if (actor.environment_id.empty()) return Status::Ok();
  return Error::PermissionDenied(
      "an agent token may only read its environment's desired state and report actuations");
}

}  // namespace

Result<InjectionPolicy> EnvironmentService::PolicyOf(
    const Registry& registry, std::optional<store::InjectionPolicyRecord>* stored) {
  REGHUB_ASSIGN_OR_RETURN(*stored, environments_.GetInjectionPolicy(registry.id));
  if (stored->has_value()) return (*stored)->policy;
  return DefaultInjectionPolicy(registry.url.ToString());
}

Result<std::vector<Environment>> EnvironmentService::AllEnvironments() {
  std::vector<Environment> all;
  store::PageRequest request{500, ""};
  for (int page = 0; page < 10000; ++page) {
    REGHUB_ASSIGN_OR_RETURN(auto listed, environments_.ListEnvironments(request));
    for (auto& environment : listed.items) all.push_back(std::move(environment));
    if (listed.next_page_token.empty()) break;
    request.page_token = listed.next_page_token;
  }
  return all;
}

Result<InjectionPolicyView> EnvironmentService::PolicyView(const Registry& registry) {
  std::optional<store::InjectionPolicyRecord> stored;
  REGHUB_ASSIGN_OR_RETURN(InjectionPolicy policy, PolicyOf(registry, &stored));
  REGHUB_ASSIGN_OR_RETURN(auto environments, AllEnvironments());
  REGHUB_ASSIGN_OR_RETURN(auto attachments, environments_.ListAttachmentsOfRegistry(registry.id));
  std::set<std::string> attached;
  for (const auto& attachment : attachments) attached.insert(attachment.environment_id);
  std::map<std::string, std::string> names;
  for (const auto& environment : environments) names[environment.id] = environment.name;

  InjectionPolicyView view;
  view.registry_id = registry.id;
  view.mode = policy.mode;
  view.secret_source = policy.secret_source;
  view.secret_name = policy.secret_name;
  view.is_default = !stored.has_value();
  if (stored) {
    view.updated_at = stored->updated_at;
    view.updated_by = stored->updated_by;
  }
  for (const std::string& id : policy.environments) {
    if (auto found = names.find(id); found != names.end()) view.environment_names.push_back(found->second);
  }
  std::sort(view.environment_names.begin(), view.environment_names.end());
  for (const auto& environment : environments) {
    view.effective.push_back({environment.id, environment.name,
                              attached.count(environment.id) != 0,
                              EffectiveInjectionFor(policy, environment.id)});
  }
  return view;
}

Result<InjectionPolicyView> EnvironmentService::GetInjectionPolicy(const Actor& actor,
                                                                   const std::string& registry_id) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  return PolicyView(stored.registry);
}

Result<InjectionPolicyView> EnvironmentService::PutInjectionPolicy(
    const Actor& actor, const std::string& registry_id, const InjectionPolicyInput& input) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(registry_id));
  store::InjectionPolicyRecord record;
  record.registry_id = registry_id;
  record.policy.mode = input.mode;
  record.policy.secret_source = input.secret_source;
  record.policy.secret_name =
      input.secret_name ? *input.secret_name : DefaultSecretName(stored.registry.url.ToString());
  Violations violations;
  for (std::size_t i = 0; i < input.environment_names.size(); ++i) {
    const std::string& name = input.environment_names[i];
    auto environment = environments_.FindEnvironmentByName(name);
    if (!environment.ok()) {
      if (environment.error().code != ErrorCode::kNotFound) return environment.error();
      violations.Add("environments[" + std::to_string(i) + "]",
                     "no environment named \"" + name + "\"");
      continue;
    }
    record.policy.environments.push_back(environment->id);
  }
  if (!violations.empty()) return violations.ToError();
  std::sort(record.policy.environments.begin(), record.policy.environments.end());
  record.updated_at = clock_.Now();
  record.updated_by = actor.username;
  std::vector<std::string> names = input.environment_names;
  std::sort(names.begin(), names.end());
  REGHUB_RETURN_IF_ERROR(environments_.PutInjectionPolicy(
      record, Audit(actor, "injection_policy.update", "registry", registry_id,
                    {{"registry", stored.registry.url.ToString()},
                     {"mode", std::string(InjectionModeName(record.policy.mode))},
                     {"environments", names},
                     {"secret_source", std::string(SecretSourceName(record.policy.secret_source))},
                     {"secret_name", record.policy.secret_name}})));
  return PolicyView(stored.registry);
}

Result<CreatedAgentToken> EnvironmentService::CreateAgentToken(
    const Actor& actor, const std::string& environment_id, const std::string& name,
    std::optional<std::int64_t> expires_in_days) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  Violations violations;
  if (name.empty()) {
    violations.Add("name", "is required: a name that says where the agent runs");
  } else if (auto problem = CheckText(name, kMaxAgentTokenNameLength, false)) {
    violations.Add("name", *problem);
  }
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > kMaxAgentTokenDays)) {
    violations.Add("expires_in_days",
                   "must be from 1 to " + std::to_string(kMaxAgentTokenDays) + " (or absent: never)");
  }
  if (!violations.empty()) return violations.ToError();
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(environment_id));
  REGHUB_ASSIGN_OR_RETURN(auto existing, environments_.ListAgentTokens(environment_id));
  for (const auto& token : existing) {
    if (token.name == name) {
      std::string message = "environment " + environment.name + " has an agent token named \"" +
                            name + "\" already";
      return Error::AlreadyExists(message, {{"name", message}});
    }
  }
  const UnixSeconds now = clock_.Now();
  SecretString token = access::GenerateToken();
  store::TokenRecord record{.id = access::GenerateId(),
                            .token_hash = access::HashToken(token.Reveal()),
                            .user_id = actor.user_id,
                            .kind = "agent",
                            .name = name,
                            .created_at = now,
                            .expires_at = expires_in_days ? now + *expires_in_days * 86400 : 0,
                            .environment_id = environment_id};
  REGHUB_RETURN_IF_ERROR(store_.InsertToken(
      record, Audit(actor, "agent_token.create", "token", record.id,
                    {{"environment_id", environment_id},
                     {"environment", environment.name},
                     {"name", name},
                     {"expires_at", record.expires_at}})));
  return CreatedAgentToken{{record.id, name, now, record.expires_at, actor.username},
                           std::move(token)};
}

Result<std::vector<store::AgentTokenInfo>> EnvironmentService::ListAgentTokens(
    const Actor& actor, const std::string& environment_id) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_RETURN_IF_ERROR(environments_.GetEnvironment(environment_id));
  return environments_.ListAgentTokens(environment_id);
}

Status EnvironmentService::RevokeAgentToken(const Actor& actor, const std::string& environment_id,
                                            const std::string& token_id) {
  REGHUB_RETURN_IF_ERROR(RefuseAgent(actor));
  REGHUB_ASSIGN_OR_RETURN(Environment environment, environments_.GetEnvironment(environment_id));
  REGHUB_ASSIGN_OR_RETURN(auto tokens, environments_.ListAgentTokens(environment_id));
  for (const auto& token : tokens) {
    if (token.id != token_id) continue;
    return store_.DeleteToken(token_id,
                              Audit(actor, "agent_token.delete", "token", token_id,
                                    {{"environment_id", environment_id},
                                     {"environment", environment.name},
                                     {"name", token.name}}));
  }
  return Error::NotFound("environment " + environment.name + " has no agent token " + token_id);
}

}  // namespace reghub::service
