#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// `reghub chart list REGISTRY [-o table|json|yaml]`: the charts of a registry
// used as a chart repository (REGISTRY: id, or a URL the hub knows), read with
// GET /api/v1/registries/{id}/charts?metadata=true. The table has one row per
// listed version (chart, version, app version, description); a chart without
// versions gets one row with "-", a chart that could not be read shows its
// error. json and yaml print the hub's answer as is.
void AddChartCommands(CLI::App& app, CommandContext& context, CommandAction& action);

// The table of a chart listing ({"charts": [...]}).
std::string ChartListTable(const Json& listing);

}  // namespace reghub::cli
