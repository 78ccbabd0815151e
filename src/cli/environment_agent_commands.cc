// `reghub env token …`, `reghub env desired-state` and `reghub env injection …`.

#include <memory>
#include <ostream>
#include <vector>

#include "cli/cli_main.h"
#include "cli/environment_commands.h"
#include "cli/environment_output.h"
#include "cli/output_flag.h"
#include "cli/registry_commands.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

std::string TokensPath(const Json& environment) {
  return "/api/v1/environments/" + QueryEscape(environment.value("id", "")) + "/agent-tokens";
}

std::string InjectionPath(const Json& registry) {
  return "/api/v1/registries/" + QueryEscape(registry.value("id", "")) + "/injection";
}

struct TokenOptions {
  std::string output = "table";
  std::string environment;
  std::string name;
  std::string token_id;
  std::int64_t expires_in_days = 0;
};

struct InjectionOptions {
  std::string output = "table";
  std::string registry;
  std::string mode;
  std::vector<std::string> environments;
  std::string secret_source;
  std::string secret_name;
};

void AddTokenCreate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* command =
      group->add_subcommand("create", "Create an agent token (shown once) for an environment");
  command->add_option("environment", options->environment, "Environment name or id")->required();
  command->add_option("--name", options->name, "What the token is for (e.g. where the agent runs)")
      ->required();
  command->add_option("--expires-in-days", options->expires_in_days, "Expiry (default: never)")
      ->check(CLI::Range(1, 3650));
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto environment = FindEnvironment(client, options->environment);
      if (!environment.ok()) return ReportError(context, environment.error());
      Json body = {{"name", options->name}};
      if (options->expires_in_days > 0) body["expires_in_days"] = options->expires_in_days;
      auto created = client.Post(TokensPath(*environment), body);
      if (!created.ok()) return ReportError(context, created.error());
      context.out << Render(FormatOf(options->output), *created, CreatedAgentTokenText);
      return kExitOk;
    });
  });
}

void AddTokenList(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* command = group->add_subcommand("list", "List an environment's agent tokens");
  command->alias("ls");
  command->add_option("environment", options->environment, "Environment name or id")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto environment = FindEnvironment(client, options->environment);
      if (!environment.ok()) return ReportError(context, environment.error());
      auto listed = client.Get(TokensPath(*environment));
      if (!listed.ok()) return ReportError(context, listed.error());
      context.out << Render(FormatOf(options->output), (*listed)["tokens"], AgentTokensTable);
      return kExitOk;
    });
  });
}

void AddTokenRevoke(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* command = group->add_subcommand("revoke", "Revoke an agent token (by id or name)");
  command->add_option("environment", options->environment, "Environment name or id")->required();
  command->add_option("token", options->token_id, "Token id or name")->required();
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto environment = FindEnvironment(client, options->environment);
      if (!environment.ok()) return ReportError(context, environment.error());
      auto listed = client.Get(TokensPath(*environment));
      if (!listed.ok()) return ReportError(context, listed.error());
      std::string id = options->token_id;
      for (const Json& token : (*listed)["tokens"]) {
        if (token.value("name", "") == options->token_id) id = token.value("id", "");
      }
      auto revoked = client.Delete(TokensPath(*environment) + "/" + QueryEscape(id));
      if (!revoked.ok()) return ReportError(context, revoked.error());
      context.out << "revoked agent token " << id << " of " << environment->value("name", "")
                  << "\n";
      return kExitOk;
    });
  });
}

void AddInjectionGet(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<InjectionOptions>();
  CLI::App* command = group->add_subcommand(
      "get", "Show a registry's injection policy and its effect per environment");
  command->add_option("registry", options->registry, "Registry id or URL")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto registry = FindRegistry(client, options->registry);
      if (!registry.ok()) return ReportError(context, registry.error());
      auto policy = client.Get(InjectionPath(*registry));
      if (!policy.ok()) return ReportError(context, policy.error());
      context.out << Render(FormatOf(options->output), *policy, InjectionPolicyDetails);
      return kExitOk;
    });
  });
}

void AddInjectionSet(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<InjectionOptions>();
  CLI::App* command = group->add_subcommand("set", "Replace a registry's injection policy");
  command->add_option("registry", options->registry, "Registry id or URL")->required();
  command->add_option("--mode", options->mode, "all-except (the listed ones) or only (the listed ones)")
      ->required()
      ->check(CLI::IsMember({"all-except", "only"}));
  command->add_option("--environment", options->environments, "An environment name (repeat)");
  command->add_option("--secret-source", options->secret_source,
                      "generated (from the registry's credentials) or existing (a pull secret "
                      "already there)")
      ->required()
      ->check(CLI::IsMember({"generated", "existing"}));
  command->add_option("--secret-name", options->secret_name,
                      "The Kubernetes Secret's name (required for existing)");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto registry = FindRegistry(client, options->registry);
      if (!registry.ok()) return ReportError(context, registry.error());
      Json secret = {{"source", options->secret_source}};
      if (!options->secret_name.empty()) secret["name"] = options->secret_name;
      Json body = {{"mode", options->mode},
                   {"environments", options->environments},
                   {"secret", secret}};
      auto policy = client.Put(InjectionPath(*registry), body);
      if (!policy.ok()) return ReportError(context, policy.error());
      context.out << Render(FormatOf(options->output), *policy, InjectionPolicyDetails);
      return kExitOk;
    });
  });
}

}  // namespace

void AddEnvironmentTokenCommands(CLI::App* group, CommandContext& context, CommandAction& action) {
  CLI::App* tokens = group->add_subcommand("token", "Agent tokens of an environment");
  tokens->require_subcommand(1);
  AddTokenCreate(tokens, context, action);
  AddTokenList(tokens, context, action);
  AddTokenRevoke(tokens, context, action);
}

void AddDesiredStateCommand(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TokenOptions>();
  CLI::App* command = group->add_subcommand(
      "desired-state", "What the environment's agent must realise (as its agent token sees it)");
  command->add_option("environment", options->environment, "Environment id (or name for users)")
      ->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      // An agent token cannot list environments: try the argument as an id first.
      auto state = client.Get("/api/v1/environments/" + QueryEscape(options->environment) +
                              "/desired-state");
      if (!state.ok() && state.error().code == ErrorCode::kNotFound) {
        auto environment = FindEnvironment(client, options->environment);
        if (!environment.ok()) return ReportError(context, environment.error());
        state = client.Get("/api/v1/environments/" + QueryEscape(environment->value("id", "")) +
                           "/desired-state");
      }
      if (!state.ok()) return ReportError(context, state.error());
      context.out << Render(FormatOf(options->output), *state, DesiredStateTable);
      return kExitOk;
    });
  });
}

void AddInjectionCommands(CLI::App* group, CommandContext& context, CommandAction& action) {
  CLI::App* injection =
      group->add_subcommand("injection", "A registry's credential injection policy");
  injection->require_subcommand(1);
  AddInjectionGet(injection, context, action);
  AddInjectionSet(injection, context, action);
}

}  // namespace reghub::cli
