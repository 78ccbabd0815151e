#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// `reghub registry health REGISTRY [--check] [--limit N]`: the registry's
// newest health check and recent history (GET /api/v1/registries/{id}/health);
// with --check it first runs a check now (POST) and shows that check. Exits 1
// when the registry is down.
// `reghub health [--status up|down|unknown]`: the newest check of every
// registry the caller can view (GET /api/v1/health).
// Both take -o table|json|yaml. REQUIRES: AddRegistryCommands ran first (the
// first command joins its "registry" group).
void AddHealthCommands(CLI::App& app, CommandContext& context, CommandAction& action);

// The table of one registry's health ({"url","status",...,"history":[...]}).
std::string RegistryHealthTable(const Json& health);
// The table of GET /api/v1/health ({"registries":[...]}).
std::string HealthListTable(const Json& list);
// The table of one check (POST /api/v1/registries/{id}/health).
std::string HealthCheckTable(const Json& check);

}  // namespace reghub::cli
