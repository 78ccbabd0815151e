#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// reghub user list|get|create|update|disable|enable|delete|passwd. Users are
// named by username or id. Passwords are never taken from a flag value:
// they are asked for on the terminal (twice, hidden) or read from stdin with
// --password-stdin (one line each).
void AddUserCommands(CLI::App& app, CommandContext& context, CommandAction& action);

}  // namespace reghub::cli
