#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// reghub team list|get|create|update|delete and
// reghub team members set|add|remove TEAM USER... (teams and users named by
// name or id; add and remove read the current members and PUT the new set).
void AddTeamCommands(CLI::App& app, CommandContext& context, CommandAction& action);

}  // namespace reghub::cli
