#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// `reghub login [--server URL] [--username U] [--password-stdin]`: logs in
// with POST /api/v1/auth/login and stores {server, token} in the config file
// (see config_store.h). The password is never a flag: it is read from one
// line of stdin with --password-stdin, else asked for on the terminal
// without echo. The server defaults to REGHUB_SERVER, then the stored one.
//
// `reghub logout`: revokes the token (POST /api/v1/auth/logout) and removes
// it from the config file, keeping the server. The local token is removed
// even when the hub cannot be reached.
void AddAuthCommands(CLI::App& app, CommandContext& context, CommandAction& action);

}  // namespace reghub::cli
