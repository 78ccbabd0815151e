#include "cli/grant_commands.h"

#include <memory>

#include "cli/cli_main.h"
#include "cli/output.h"
#include "cli/output_flag.h"
#include "cli/registry_commands.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

struct GrantOptions {
  std::string output = "table";
  std::string registry;
  std::string user;
  std::string team;
  std::string role;
};

// The grants path of the global grants, or of the registry named by id or URL.
Result<std::string> GrantsPath(const ApiClient& client, const std::string& registry) {
  if (registry.empty()) return std::string("/api/v1/grants");
  REGHUB_ASSIGN_OR_RETURN(Json found, FindRegistry(client, registry));
  return "/api/v1/registries/" + QueryEscape(found.value("id", "")) + "/grants";
}

Result<Json> ApplyEdit(const ApiClient& client, const GrantOptions& options, GrantEdit edit) {
  REGHUB_ASSIGN_OR_RETURN(std::string path, GrantsPath(client, options.registry));
  REGHUB_ASSIGN_OR_RETURN(Json current, client.Get(path));
  const bool user = !options.user.empty();
  REGHUB_ASSIGN_OR_RETURN(Json body, EditGrants(current, edit, user ? "user" : "team",
                                                user ? options.user : options.team, options.role));
  return client.Put(path, body);
}

bool SameSubject(const Json& grant, const std::string& kind, const std::string& name) {
  const Json subject = grant.value("subject", Json::object());
  return subject.value("kind", "") == kind && subject.value("name", "") == name;
}

void AddEditCommand(CLI::App* group, CommandContext& context, CommandAction& action,
                    const std::string& name, const std::string& description, GrantEdit edit) {
  auto options = std::make_shared<GrantOptions>();
  CLI::App* command = group->add_subcommand(name, description);
  command->add_option("--registry", options->registry,
                      "Registry id or URL (default: the global grants)");
  auto* user = command->add_option("--user", options->user, "The user (username)");
  auto* team = command->add_option("--team", options->team, "The team (name)");
  user->excludes(team);
  team->excludes(user);
  auto* role = command->add_option(
      "--role", options->role,
      "viewer, consumer, assigner, administrator or (global only) hub-administrator");
  if (edit != GrantEdit::kRemove) role->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, edit] {
    if (options->user.empty() && options->team.empty()) {
      action = [&context] { return ReportUsageError(context, "one of --user or --team is required"); };
      return;
    }
    action = WithClient(context, [&context, options, edit](const ApiClient& client) {
      auto result = ApplyEdit(client, *options, edit);
      if (!result.ok()) return ReportError(context, result.error());
      context.out << Render(FormatOf(options->output), *result, GrantsTable);
      return kExitOk;
    });
  });
}

}  // namespace

Result<Json> EditGrants(const Json& current, GrantEdit edit, const std::string& kind,
                        const std::string& name, const std::string& role) {
  Json grants = Json::array();
  bool held = false;
  bool removed = false;
  for (const Json& grant : current.value("grants", Json::array())) {
    if (grant.value("inherited", false)) continue;
    const std::string grant_role = grant.value("role", "");
    if (SameSubject(grant, kind, name)) {
      if (edit == GrantEdit::kSet && grant_role != role) continue;
      if (edit == GrantEdit::kRemove && (role.empty() || grant_role == role)) {
        removed = true;
        continue;
      }
      if (grant_role == role) held = true;
    }
    grants.push_back({{"subject",
                       {{"kind", grant["subject"].value("kind", "")},
                        {"name", grant["subject"].value("name", "")}}},
                      {"role", grant_role}});
  }
  if (edit == GrantEdit::kRemove && !removed) {
    return Error::NotFound("the " + kind + " " + name + " holds no " +
                           (role.empty() ? std::string("grant") : role + " grant") + " here");
  }
  if (edit != GrantEdit::kRemove && !held) {
    grants.push_back({{"subject", {{"kind", kind}, {"name", name}}}, {"role", role}});
  }
  return Json{{"grants", std::move(grants)}};
}

std::string GrantsTable(const Json& grants) {
  std::vector<std::vector<std::string>> rows;
  for (const Json& grant : grants.value("grants", Json::array())) {
    const Json subject = grant.value("subject", Json::object());
    rows.push_back({subject.value("kind", ""), subject.value("name", ""), grant.value("role", ""),
                    grant.value("inherited", false) ? "global" : "own",
                    grant.value("created_by", ""), grant.value("created_at", "")});
  }
  std::string text = RenderTable({"KIND", "NAME", "ROLE", "SOURCE", "CREATED BY", "CREATED AT"}, rows);
  if (grants.contains("permissions_deadline")) {
    text += "\nPermissions deadline: " + CellText(grants["permissions_deadline"]) +
            (grants.value("pending", false) ? " (its creator may still set the first grants)\n"
                                            : " (passed)\n");
  }
  return text;
}

void AddGrantCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  CLI::App* group = app.add_subcommand(
      "grant", "Show and change who holds which role, globally or on one registry");
  group->require_subcommand(1);

  auto options = std::make_shared<GrantOptions>();
  CLI::App* list = group->add_subcommand("list", "List the global grants, or a registry's");
  list->add_option("--registry", options->registry,
                   "Registry id or URL (default: the global grants)");
  AddOutputFlag(list, options->output);
  list->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto path = GrantsPath(client, options->registry);
      if (!path.ok()) return ReportError(context, path.error());
      auto grants = client.Get(*path);
      if (!grants.ok()) return ReportError(context, grants.error());
      context.out << Render(FormatOf(options->output), *grants, GrantsTable);
      return kExitOk;
    });
  });

  AddEditCommand(group, context, action, "set", "Give a user or team exactly one role",
                 GrantEdit::kSet);
  AddEditCommand(group, context, action, "add", "Grant a role to a user or team", GrantEdit::kAdd);
  AddEditCommand(group, context, action, "remove",
                 "Take a role (or, without --role, every role) from a user or team",
                 GrantEdit::kRemove);
}

}  // namespace reghub::cli
