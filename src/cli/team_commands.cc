#include "cli/team_commands.h"

#include <algorithm>
#include <memory>
#include <ostream>
#include <vector>

#include "cli/account_output.h"
#include "cli/cli_main.h"
#include "cli/output_flag.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

struct TeamOptions {
  std::string output = "table";
  std::string target;
  std::string name;
  std::string description;
  std::vector<std::string> users;
};

std::string TeamPath(const Json& team) {
  return "/api/v1/teams/" + QueryEscape(team.value("id", ""));
}

void AddList(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TeamOptions>();
  CLI::App* command = group->add_subcommand("list", "List teams with their member counts");
  command->alias("ls");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto teams = ListAllPages(client, "/api/v1/teams", "teams");
      if (!teams.ok()) return ReportError(context, teams.error());
      context.out << Render(FormatOf(options->output), *teams, TeamListTable);
      return kExitOk;
    });
  });
}

void AddGet(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TeamOptions>();
  CLI::App* command = group->add_subcommand("get", "Show one team with its members");
  command->add_option("team", options->target, "Team name or id")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto team = FindTeam(client, options->target);
      if (!team.ok()) return ReportError(context, team.error());
      context.out << Render(FormatOf(options->output), *team, TeamDetails);
      return kExitOk;
    });
  });
}

void AddCreate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TeamOptions>();
  CLI::App* command = group->add_subcommand("create", "Create a team (hub administrators)");
  command->add_option("name", options->name, "The team's name")->required();
  command->add_option("--description", options->description, "What the team is");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto created = client.Post("/api/v1/teams", {{"name", options->name},
                                                   {"description", options->description}});
      if (!created.ok()) return ReportError(context, created.error());
      context.out << Render(FormatOf(options->output), *created, TeamDetails);
      return kExitOk;
    });
  });
}

void AddUpdate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TeamOptions>();
  CLI::App* command = group->add_subcommand("update", "Rename or describe a team");
  command->add_option("team", options->target, "Team name or id")->required();
  CLI::Option* name = command->add_option("--name", options->name, "New name");
  CLI::Option* description =
      command->add_option("--description", options->description, "New description");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, name, description] {
    Json body = Json::object();
    if (name->count() > 0) body["name"] = options->name;
    if (description->count() > 0) body["description"] = options->description;
    if (body.empty()) {
      action = [&context] {
        return ReportUsageError(context, "nothing to update: give --name or --description");
      };
      return;
    }
    action = WithClient(context, [&context, options, body](const ApiClient& client) {
      auto team = FindTeam(client, options->target);
      if (!team.ok()) return ReportError(context, team.error());
      auto updated = client.Patch(TeamPath(*team), body);
      if (!updated.ok()) return ReportError(context, updated.error());
      context.out << Render(FormatOf(options->output), *updated, TeamDetails);
      return kExitOk;
    });
  });
}

void AddDelete(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TeamOptions>();
  CLI::App* command = group->add_subcommand("delete", "Delete a team (hub administrators)");
  command->alias("rm");
  command->add_option("team", options->target, "Team name or id")->required();
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto team = FindTeam(client, options->target);
      if (!team.ok()) return ReportError(context, team.error());
      auto deleted = client.Delete(TeamPath(*team));
      if (!deleted.ok()) return ReportError(context, deleted.error());
      context.out << "deleted team " << team->value("name", "") << " (" << team->value("id", "")
                  << ")\n";
      return kExitOk;
    });
  });
}

enum class MemberChange { kSet, kAdd, kRemove };

// The usernames the team will have after `change` with `users`.
std::vector<std::string> NewMembers(const Json& team, MemberChange change,
                                    const std::vector<std::string>& users) {
  if (change == MemberChange::kSet) return users;
  std::vector<std::string> members;
  if (team.contains("members") && team["members"].is_array()) {
    for (const Json& member : team["members"]) members.push_back(member.value("username", ""));
  }
  for (const std::string& user : users) {
    auto it = std::find(members.begin(), members.end(), user);
    if (change == MemberChange::kAdd && it == members.end()) members.push_back(user);
    if (change == MemberChange::kRemove && it != members.end()) members.erase(it);
  }
  return members;
}

void AddMemberCommand(CLI::App* members, CommandContext& context, CommandAction& action,
                      const char* name, const char* help, MemberChange change) {
  auto options = std::make_shared<TeamOptions>();
  CLI::App* command = members->add_subcommand(name, help);
  command->add_option("team", options->target, "Team name or id")->required();
  auto* users = command->add_option("users", options->users, "Usernames");
  if (change != MemberChange::kSet) users->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, change] {
    action = WithClient(context, [&context, options, change](const ApiClient& client) {
      auto team = FindTeam(client, options->target);
      if (!team.ok()) return ReportError(context, team.error());
      Json body = {{"members", NewMembers(*team, change, options->users)}};
      auto updated = client.Put(TeamPath(*team) + "/members", body);
      if (!updated.ok()) return ReportError(context, updated.error());
      context.out << Render(FormatOf(options->output), *updated, TeamDetails);
      return kExitOk;
    });
  });
}

}  // namespace

void AddTeamCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  CLI::App* group = app.add_subcommand("team", "Manage teams and their members");
  group->require_subcommand(1);
  AddList(group, context, action);
  AddGet(group, context, action);
  AddCreate(group, context, action);
  AddUpdate(group, context, action);
  AddDelete(group, context, action);
  CLI::App* members = group->add_subcommand("members", "Set, add or remove a team's members");
  members->require_subcommand(1);
  AddMemberCommand(members, context, action, "set", "Replace the members (none: empty the team)",
                   MemberChange::kSet);
  AddMemberCommand(members, context, action, "add", "Add members", MemberChange::kAdd);
  AddMemberCommand(members, context, action, "remove", "Remove members", MemberChange::kRemove);
}

}  // namespace reghub::cli
