#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/command_context.h"

namespace reghub::cli {

// `reghub env list|get|create|update|delete|attach|detach|environments`,
// `reghub env token create|list|revoke`, `reghub env desired-state` and
// `reghub env injection get|set`. Environments are named by name or id;
// registries by id or URL (as `reghub registry`). -o table|json|yaml on
// every command that prints.
//   update sends only the given flags; --namespace / --editor-team replace
//   the whole list (--no-namespaces / --no-editor-teams clear it).
void AddEnvironmentCommands(CLI::App& app, CommandContext& context, CommandAction& action);

// Resolves a name or id to the environment (GET /api/v1/environments/{id}).
Result<Json> FindEnvironment(const ApiClient& client, const std::string& name_or_id);

// Used by the token, desired-state and injection commands (environment_agent_commands.cc).
void AddEnvironmentTokenCommands(CLI::App* group, CommandContext& context, CommandAction& action);
void AddDesiredStateCommand(CLI::App* group, CommandContext& context, CommandAction& action);
void AddInjectionCommands(CLI::App* group, CommandContext& context, CommandAction& action);

}  // namespace reghub::cli
