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
//
// `reghub chart push REGISTRY CHART.tgz [--repository R] [-o …]`: uploads a
// packaged chart with POST /api/v1/registries/{id}/charts; the hub checks it
// and pushes it with Helm's media types. The table form is a short summary
// (chart, version, oci:// reference, digest).
void AddChartCommands(CLI::App& app, CommandContext& context, CommandAction& action);

// The summary of a chart push answer.
std::string ChartPushSummary(const Json& pushed);

// The table of a chart listing ({"charts": [...]}).
std::string ChartListTable(const Json& listing);

}  // namespace reghub::cli
