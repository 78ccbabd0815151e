#include "cli/environment_commands.h"

#include <memory>
#include <ostream>
#include <vector>

#include "cli/cli_main.h"
#include "cli/environment_output.h"
#include "cli/output_flag.h"
#include "cli/registry_commands.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

std::string EnvironmentPath(const Json& environment) {
  return "/api/v1/environments/" + QueryEscape(environment.value("id", ""));
}

struct EnvironmentFlags {
  std::string name;
  std::string kind;
  std::string description;
  std::string api_server_url;
  std::vector<std::string> namespaces;
  std::vector<std::string> editor_teams;
  bool no_namespaces = false;
  bool no_editor_teams = false;
};

struct EnvironmentOptions {
  std::string output = "table";
  std::string target;
  std::string registry;
  EnvironmentFlags flags;
};

void AddFieldFlags(CLI::App* command, EnvironmentFlags& flags, bool create) {
  if (create) {
    command->add_option("name", flags.name, "Environment name (lower-case letters, digits, '-')")
        ->required();
    command->add_option("--kind", flags.kind, "kubernetes or nodes")
        ->required()
        ->check(CLI::IsMember({"kubernetes", "nodes"}));
  } else {
    command->add_option("--name", flags.name, "New name");
  }
  command->add_option("--description", flags.description, "Description");
  command->add_option("--api-server-url", flags.api_server_url,
                      "kubernetes: the API server, https://host[:port]");
  command->add_option("--namespace", flags.namespaces,
                      "kubernetes: a namespace the agent serves (repeat; replaces the list)");
  command->add_option("--editor-team", flags.editor_teams,
                      "A team whose members may edit the environment (repeat; replaces the list)");
  if (!create) {
    command->add_flag("--no-namespaces", flags.no_namespaces, "Clear the namespaces");
    command->add_flag("--no-editor-teams", flags.no_editor_teams, "Clear the editor teams");
  }
}

// The request body of the flags that were given.
Json BodyOf(const CLI::App& command, const EnvironmentFlags& flags) {
  Json body = Json::object();
  auto given = [&command](const char* name) { return command.count(name) > 0; };
  if (!flags.name.empty()) body["name"] = flags.name;
  if (!flags.kind.empty()) body["kind"] = flags.kind;
  if (given("--description")) body["description"] = flags.description;
  if (given("--api-server-url")) body["api_server_url"] = flags.api_server_url;
  if (given("--namespace")) body["namespaces"] = flags.namespaces;
  if (flags.no_namespaces) body["namespaces"] = Json::array();
  if (given("--editor-team")) body["editor_teams"] = flags.editor_teams;
  if (flags.no_editor_teams) body["editor_teams"] = Json::array();
  return body;
}

void AddList(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<EnvironmentOptions>();
  CLI::App* command = group->add_subcommand("list", "List environments");
  command->alias("ls");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      Json items = Json::array();
      std::string page_token;
      for (int page = 0; page < 10000; ++page) {
        std::string path = "/api/v1/environments?page_size=500";
        if (!page_token.empty()) path += "&page_token=" + QueryEscape(page_token);
        auto listed = client.Get(path);
        if (!listed.ok()) return ReportError(context, listed.error());
        for (Json& item : (*listed)["environments"]) items.push_back(std::move(item));
        page_token = listed->value("next_page_token", "");
        if (page_token.empty()) break;
      }
      context.out << Render(FormatOf(options->output), items, EnvironmentListTable);
      return kExitOk;
    });
  });
}

void AddGet(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<EnvironmentOptions>();
  CLI::App* command = group->add_subcommand("get", "Show an environment and its attachments");
  command->add_option("environment", options->target, "Environment name or id")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto environment = FindEnvironment(client, options->target);
      if (!environment.ok()) return ReportError(context, environment.error());
      context.out << Render(FormatOf(options->output), *environment, EnvironmentDetails);
      return kExitOk;
    });
  });
}

void AddCreate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<EnvironmentOptions>();
  CLI::App* command = group->add_subcommand("create", "Create an environment");
  AddFieldFlags(command, options->flags, true);
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, command] {
    Json body = BodyOf(*command, options->flags);
    action = WithClient(context, [&context, options, body](const ApiClient& client) {
      auto created = client.Post("/api/v1/environments", body);
      if (!created.ok()) return ReportError(context, created.error());
      context.out << Render(FormatOf(options->output), *created, EnvironmentDetails);
      return kExitOk;
    });
  });
}

void AddUpdate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<EnvironmentOptions>();
  CLI::App* command = group->add_subcommand("update", "Change an environment (only the given flags)");
  command->add_option("environment", options->target, "Environment name or id")->required();
  AddFieldFlags(command, options->flags, false);
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, command] {
    Json body = BodyOf(*command, options->flags);
    if (body.empty()) {
      action = [&context] {
        return ReportUsageError(context, "nothing to update: give at least one flag");
      };
      return;
    }
    action = WithClient(context, [&context, options, body](const ApiClient& client) {
      auto environment = FindEnvironment(client, options->target);
      if (!environment.ok()) return ReportError(context, environment.error());
      auto updated = client.Patch(EnvironmentPath(*environment), body);
      if (!updated.ok()) return ReportError(context, updated.error());
      context.out << Render(FormatOf(options->output), *updated, EnvironmentDetails);
      return kExitOk;
    });
  });
}

void AddDelete(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<EnvironmentOptions>();
  CLI::App* command =
      group->add_subcommand("delete", "Delete an environment (and revoke its agent tokens)");
  command->alias("rm");
  command->add_option("environment", options->target, "Environment name or id")->required();
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto environment = FindEnvironment(client, options->target);
      if (!environment.ok()) return ReportError(context, environment.error());
      auto deleted = client.Delete(EnvironmentPath(*environment));
      if (!deleted.ok()) return ReportError(context, deleted.error());
      context.out << "deleted environment " << environment->value("name", "") << " ("
                  << environment->value("id", "") << ")\n";
      return kExitOk;
    });
  });
}

// attach and detach: ENVIRONMENT REGISTRY.
void AddAttachment(CLI::App* group, CommandContext& context, CommandAction& action, bool attach) {
  auto options = std::make_shared<EnvironmentOptions>();
  CLI::App* command = group->add_subcommand(
      attach ? "attach" : "detach",
      attach ? "Attach a registry to an environment (needs assigner on the registry)"
             : "Detach a registry from an environment");
  command->add_option("environment", options->target, "Environment name or id")->required();
  command->add_option("registry", options->registry, "Registry id or URL")->required();
  if (attach) AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, attach] {
    action = WithClient(context, [&context, options, attach](const ApiClient& client) {
      auto environment = FindEnvironment(client, options->target);
      if (!environment.ok()) return ReportError(context, environment.error());
      auto registry = FindRegistry(client, options->registry);
      if (!registry.ok()) return ReportError(context, registry.error());
      std::string path = EnvironmentPath(*environment) + "/registries/" +
                         QueryEscape(registry->value("id", ""));
      auto done = attach ? client.Put(path, Json::object()) : client.Delete(path);
      if (!done.ok()) return ReportError(context, done.error());
      if (!attach || FormatOf(options->output) == OutputFormat::kTable) {
        context.out << (attach ? "attached " : "detached ") << registry->value("url", "")
                    << (attach ? " to " : " from ") << environment->value("name", "") << "\n";
      } else {
        context.out << Render(FormatOf(options->output), *done, EnvironmentDetails);
      }
      return kExitOk;
    });
  });
}

void AddEnvironmentsOfRegistry(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<EnvironmentOptions>();
  CLI::App* command = group->add_subcommand(
      "of-registry", "The environments a registry is attached to, with their revisions");
  command->add_option("registry", options->registry, "Registry id or URL")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto registry = FindRegistry(client, options->registry);
      if (!registry.ok()) return ReportError(context, registry.error());
      auto listed = client.Get("/api/v1/registries/" + QueryEscape(registry->value("id", "")) +
                               "/environments");
      if (!listed.ok()) return ReportError(context, listed.error());
      context.out << Render(FormatOf(options->output), *listed, RegistryEnvironmentsTable);
      return kExitOk;
    });
  });
}

}  // namespace

Result<Json> FindEnvironment(const ApiClient& client, const std::string& name_or_id) {
  std::string page_token;
  for (int page = 0; page < 10000; ++page) {
    std::string path = "/api/v1/environments?page_size=500";
    if (!page_token.empty()) path += "&page_token=" + QueryEscape(page_token);
    REGHUB_ASSIGN_OR_RETURN(Json listed, client.Get(path));
    for (const Json& environment : listed["environments"]) {
      if (environment.value("name", "") == name_or_id || environment.value("id", "") == name_or_id) {
        return client.Get(EnvironmentPath(environment));
      }
    }
    page_token = listed.value("next_page_token", "");
    if (page_token.empty()) break;
  }
  return Error::NotFound("no environment named or with id \"" + name_or_id + "\"");
}

void AddEnvironmentCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  CLI::App* group = app.add_subcommand("env", "Manage environments: clusters and node fleets");
  group->alias("environment");
  group->require_subcommand(1);
  AddList(group, context, action);
  AddGet(group, context, action);
  AddCreate(group, context, action);
  AddUpdate(group, context, action);
  AddDelete(group, context, action);
  AddAttachment(group, context, action, true);
  AddAttachment(group, context, action, false);
  AddEnvironmentsOfRegistry(group, context, action);
  AddEnvironmentTokenCommands(group, context, action);
  AddDesiredStateCommand(group, context, action);
  AddInjectionCommands(group, context, action);
}

}  // namespace reghub::cli
