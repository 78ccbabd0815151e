#include "service/team_service.h"

#include <set>

#include "access/tokens.h"
#include "core/account_validation.h"
#include "service/account_rules.h"

namespace reghub::service {

Result<store::Page<store::TeamRecord>> TeamService::List(const Actor& actor,
                                                         const store::PageRequest& page) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  return teams_.ListTeams(page);
}

Result<store::TeamRecord> TeamService::Get(const Actor& actor, const std::string& id) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  return teams_.GetTeam(id);
}

Result<store::TeamRecord> TeamService::Create(const Actor& actor, const std::string& name,
                                              const std::string& description) {
  REGHUB_RETURN_IF_ERROR(RequireHubAdmin(actor, "create teams", is_hub_admin_));
  Violations violations;
  CheckAccountName(name, "name", violations);
  CheckText(description, "description", kMaxDescriptionLength, /*allow_line_breaks=*/true,
            /*required=*/false, violations);
  if (!violations.empty()) return violations.ToError();
  UnixSeconds now = clock_.Now();
  store::TeamRecord team{.id = access::GenerateId(), .name = name, .description = description,
                         .created_at = now};
  REGHUB_RETURN_IF_ERROR(teams_.InsertTeam(
      team, AuditBy(actor, now, "team.create", "team", team.id, {{"name", name}})));
  return team;
}

Result<store::TeamRecord> TeamService::Update(const Actor& actor, const std::string& id,
                                              const TeamPatch& patch) {
  REGHUB_RETURN_IF_ERROR(RequireHubAdmin(actor, "change teams", is_hub_admin_));
  Violations violations;
  if (patch.name) CheckAccountName(*patch.name, "name", violations);
  if (patch.description) {
    CheckText(*patch.description, "description", kMaxDescriptionLength, true, false, violations);
  }
  if (!violations.empty()) return violations.ToError();
  REGHUB_ASSIGN_OR_RETURN(store::TeamRecord team, teams_.GetTeam(id));
  nlohmann::json changes = nlohmann::json::object();
  if (patch.name && *patch.name != team.name) {
    changes["name"] = {{"before", team.name}, {"after", *patch.name}};
    team.name = *patch.name;
  }
  if (patch.description && *patch.description != team.description) {
    changes["description"] = {{"before", team.description}, {"after", *patch.description}};
    team.description = *patch.description;
  }
  if (changes.empty()) return team;
  REGHUB_RETURN_IF_ERROR(teams_.UpdateTeam(
      team, AuditBy(actor, clock_.Now(), "team.update", "team", id,
                    {{"name", team.name}, {"changes", std::move(changes)}})));
  return team;
}

Status TeamService::Delete(const Actor& actor, const std::string& id) {
  REGHUB_RETURN_IF_ERROR(RequireHubAdmin(actor, "delete teams", is_hub_admin_));
  REGHUB_ASSIGN_OR_RETURN(store::TeamRecord team, teams_.GetTeam(id));
  std::vector<std::string> members;
  for (const auto& member : team.members) members.push_back(member.username);
  return teams_.DeleteTeam(id, AuditBy(actor, clock_.Now(), "team.delete", "team", id,
                                       {{"name", team.name}, {"members", members}}));
}

Result<store::TeamRecord> TeamService::SetMembers(const Actor& actor, const std::string& id,
                                                  const std::vector<std::string>& usernames) {
  REGHUB_RETURN_IF_ERROR(RequireHubAdmin(actor, "set team members", is_hub_admin_));
  if (usernames.size() > kMaxMembers) {
    return Error::InvalidField("members",
                               "at most " + std::to_string(kMaxMembers) + " members per team");
  }
  Violations violations;
  for (std::size_t i = 0; i < usernames.size(); ++i) {
    CheckAccountName(usernames[i], "members[" + std::to_string(i) + "]", violations);
  }
  if (!violations.empty()) return violations.ToError();
  REGHUB_ASSIGN_OR_RETURN(store::TeamRecord team, teams_.GetTeam(id));
  std::vector<std::string> user_ids;
  std::set<std::string> wanted;
  for (std::size_t i = 0; i < usernames.size(); ++i) {
    auto user = store_.FindUserByName(usernames[i]);
    if (!user.ok()) {
      if (user.error().code != ErrorCode::kNotFound) return user.error();
      violations.Add("members[" + std::to_string(i) + "]", "no user named " + usernames[i]);
      continue;
    }
    user_ids.push_back(user->id);
    wanted.insert(user->username);
  }
  if (!violations.empty()) return violations.ToError();
  std::set<std::string> before;
  for (const auto& member : team.members) before.insert(member.username);
  std::vector<std::string> added, removed;
  for (const auto& name : wanted) if (!before.contains(name)) added.push_back(name);
  for (const auto& name : before) if (!wanted.contains(name)) removed.push_back(name);
  if (added.empty() && removed.empty()) return team;
  REGHUB_RETURN_IF_ERROR(teams_.SetMembers(
      id, user_ids,
      AuditBy(actor, clock_.Now(), "team.members_set", "team", id,
              {{"name", team.name}, {"added", added}, {"removed", removed}})));
  return teams_.GetTeam(id);
}

}  // namespace reghub::service
