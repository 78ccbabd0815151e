#include "cli/registry_commands.h"

#include <memory>
#include <ostream>

#include "cli/cli_main.h"
#include "cli/output.h"
#include "cli/output_flag.h"
#include "cli/registry_flags.h"
#include "cli/registry_output.h"
#include "cli/registry_test_command.h"
#include "cli/secret_input.h"

namespace reghub::cli {
namespace {

bool LooksLikeUrl(const std::string& value) {
  return value.find_first_of(".:[") != std::string::npos || value == "localhost";
}

std::string RegistryPath(const Json& registry) {
  return "/api/v1/registries/" + QueryEscape(registry.value("id", ""));
}

// Every item of a paged list endpoint ("registries", "revisions").
Result<Json> CollectPages(const ApiClient& client, const std::string& path,
                          const std::string& key) {
  Json items = Json::array();
  std::string page_token;
  std::string separator = path.find('?') == std::string::npos ? "?" : "&";
  for (int page = 0; page < 10000; ++page) {
    std::string url = path + separator + "page_size=500";
    if (!page_token.empty()) url += "&page_token=" + QueryEscape(page_token);
    REGHUB_ASSIGN_OR_RETURN(Json response, client.Get(url));
    if (response.contains(key) && response[key].is_array()) {
      for (Json& item : response[key]) items.push_back(std::move(item));
    }
    page_token = response.value("next_page_token", "");
    if (page_token.empty()) break;
  }
  return items;
}

// True when `command` got a flag other than the target, --revision and -o.
bool AnyRegistryFlagGiven(const CLI::App& command) {
  for (const CLI::Option* option : command.get_options()) {
    if (option->check_name("registry") || option->check_name("--revision") ||
        option->check_name("--output") || option->check_name("--help")) {
      continue;
    }
    if (option->count() > 0) return true;
  }
  return false;
}

struct ListOptions {
  std::string output = "table";
  std::string provider;
  std::string query;
};

struct TargetOptions {
  std::string output = "table";
  std::string target;
};

struct UpdateOptions {
  std::string output = "table";
  std::string target;
  std::int64_t revision = 0;
  RegistryFlags flags;
};

struct DiffOptions {
  std::string output = "table";
  std::string target;
  std::int64_t from = 0;
  std::int64_t to = 0;
};

void AddCreate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UpdateOptions>();
  CLI::App* command = group->add_subcommand("create", "Register a registry");
  AddRegistryFlags(command, options->flags);
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = [&context, options]() -> int {
      auto body = BuildRegistryBody(options->flags, context.in, StdinIsTerminal(), nullptr);
      if (!body.ok()) return ReportUsageError(context, body.error().message);
      return WithClient(context, [&context, options, &body](const ApiClient& client) {
        auto created = client.Post("/api/v1/registries", *body);
        if (!created.ok()) return ReportError(context, created.error());
        context.out << Render(FormatOf(options->output), *created, RegistryDetails);
        return kExitOk;
      })();
    };
  });
}

void AddList(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* command = group->add_subcommand("list", "List registries");
  command->alias("ls");
  command->add_option("--provider", options->provider, "Only registries of this provider");
  command->add_option("-q,--query", options->query, "Only registries matching this text");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      std::string path = "/api/v1/registries";
      std::string separator = "?";
      if (!options->provider.empty()) {
        path += separator + "provider=" + QueryEscape(options->provider);
        separator = "&";
      }
      if (!options->query.empty()) path += separator + "q=" + QueryEscape(options->query);
      auto registries = CollectPages(client, path, "registries");
      if (!registries.ok()) return ReportError(context, registries.error());
      context.out << Render(FormatOf(options->output), *registries, RegistryListTable);
      return kExitOk;
    });
  });
}

void AddGet(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TargetOptions>();
  CLI::App* command = group->add_subcommand("get", "Show one registry");
  command->add_option("registry", options->target, "Registry id or URL")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto registry = FindRegistry(client, options->target);
      if (!registry.ok()) return ReportError(context, registry.error());
      context.out << Render(FormatOf(options->output), *registry, RegistryDetails);
      return kExitOk;
    });
  });
}

void AddUpdate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UpdateOptions>();
  CLI::App* command = group->add_subcommand("update", "Change a registry (only the given flags)");
  command->add_option("registry", options->target, "Registry id or URL")->required();
  command
      ->add_option("--revision", options->revision,
                   "The revision this update is based on (default: the current one)")
      ->check(CLI::PositiveNumber);
  AddRegistryFlags(command, options->flags);
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, command] {
    if (!AnyRegistryFlagGiven(*command)) {
      action = [&context] {
        return ReportUsageError(context, "nothing to update: give at least one flag");
      };
      return;
    }
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto current = FindRegistry(client, options->target);
      if (!current.ok()) return ReportError(context, current.error());
      auto body = BuildRegistryBody(options->flags, context.in, StdinIsTerminal(), &*current);
      if (!body.ok()) return ReportUsageError(context, body.error().message);
      (*body)["revision"] =
          options->revision > 0 ? Json(options->revision) : (*current)["revision"];
      auto updated = client.Patch(RegistryPath(*current), *body);
      if (!updated.ok()) return ReportError(context, updated.error());
      context.out << Render(FormatOf(options->output), *updated, RegistryDetails);
      return kExitOk;
    });
  });
}

void AddDelete(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TargetOptions>();
  CLI::App* command = group->add_subcommand("delete", "Delete a registry");
  command->alias("rm");
  command->add_option("registry", options->target, "Registry id or URL")->required();
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto registry = FindRegistry(client, options->target);
      if (!registry.ok()) return ReportError(context, registry.error());
      auto deleted = client.Delete(RegistryPath(*registry));
      if (!deleted.ok()) return ReportError(context, deleted.error());
      context.out << "deleted registry " << registry->value("url", "") << " ("
                  << registry->value("id", "") << ")\n";
      return kExitOk;
    });
  });
}

void AddRevisions(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TargetOptions>();
  CLI::App* command =
      group->add_subcommand("revisions", "List a registry's revisions, newest first");
  command->add_option("registry", options->target, "Registry id or URL")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto registry = FindRegistry(client, options->target);
      if (!registry.ok()) return ReportError(context, registry.error());
      auto revisions = CollectPages(client, RegistryPath(*registry) + "/revisions", "revisions");
      if (!revisions.ok()) return ReportError(context, revisions.error());
      context.out << Render(FormatOf(options->output), *revisions, RevisionsTable);
      return kExitOk;
    });
  });
}

void AddDiff(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* command = group->add_subcommand("diff", "Show what changed between two revisions");
  command->add_option("registry", options->target, "Registry id or URL")->required();
  command->add_option("from", options->from, "Older revision")
      ->required()
      ->check(CLI::PositiveNumber);
  command->add_option("to", options->to, "Newer revision")->required()->check(CLI::PositiveNumber);
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto registry = FindRegistry(client, options->target);
      if (!registry.ok()) return ReportError(context, registry.error());
      auto diff =
          client.Get(RegistryPath(*registry) + "/diff?from=" + std::to_string(options->from) +
                     "&to=" + std::to_string(options->to));
      if (!diff.ok()) return ReportError(context, diff.error());
      context.out << Render(FormatOf(options->output), *diff, DiffTable);
      return kExitOk;
    });
  });
}

}  // namespace

Result<Json> ListRegistries(const ApiClient& client, const std::string& query) {
  return CollectPages(client, "/api/v1/registries" + query, "registries");
}

Result<Json> FindRegistry(const ApiClient& client, const std::string& id_or_url) {
  if (!LooksLikeUrl(id_or_url)) return client.Get("/api/v1/registries/" + QueryEscape(id_or_url));
  REGHUB_ASSIGN_OR_RETURN(Json matches,
                          client.Get("/api/v1/registries?url=" + QueryEscape(id_or_url)));
  if (matches.contains("registries") && matches["registries"].is_array() &&
      !matches["registries"].empty()) {
    return matches["registries"][0];
  }
  return Error::NotFound("no registry with URL " + id_or_url);
}

void AddRegistryCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  CLI::App* group = app.add_subcommand("registry", "Manage artifact registries");
  group->require_subcommand(1);
  AddCreate(group, context, action);
  AddList(group, context, action);
  AddGet(group, context, action);
  AddUpdate(group, context, action);
  AddDelete(group, context, action);
  AddRevisions(group, context, action);
  AddDiff(group, context, action);
  AddRegistryTestCommand(group, context, action);
}

}  // namespace reghub::cli
