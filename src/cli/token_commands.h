#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// reghub token list|create|revoke: the caller's API tokens. `create` prints
// the token once (to stdout, the only place it ever appears).
void AddTokenCommands(CLI::App& app, CommandContext& context, CommandAction& action);

}  // namespace reghub::cli
