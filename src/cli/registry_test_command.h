#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// `reghub registry test ID|URL [--tls MODE] [-o table|json|yaml]`: runs the
// hub's connection test. A saved registry (id, or a URL the hub knows) is
// tested with its stored credentials (POST /api/v1/registries/{id}/test); a
// URL the hub does not know is tested as an unsaved public generic registry
// with TLS mode --tls (POST /api/v1/connection-tests). Prints one row per
// step (step, status, time, message) and a summary line; exits 1 when a step
// failed.
void AddRegistryTestCommand(CLI::App* registry_group, CommandContext& context,
                            CommandAction& action);

// The table of a connection test report ({"ok","steps","duration_ms"}).
std::string ConnectionTestTable(const Json& report);

}  // namespace reghub::cli
