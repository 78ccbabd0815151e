#include "cli/chart_commands.h"

#include <memory>
#include <ostream>

#include "cli/cli_main.h"
#include "cli/output.h"
#include "cli/output_flag.h"
#include "cli/registry_commands.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

struct ChartListOptions {
  std::string output = "table";
  std::string registry;
};

Result<Json> ListCharts(const ApiClient& client, const std::string& registry_id_or_url) {
  REGHUB_ASSIGN_OR_RETURN(Json registry, FindRegistry(client, registry_id_or_url));
  return client.Get("/api/v1/registries/" + QueryEscape(registry.value("id", "")) +
                    "/charts?metadata=true");
}

// The metadata entry of `version` in a chart, or an empty object.
Json MetadataOf(const Json& chart, const std::string& version) {
  if (chart.contains("metadata") && chart["metadata"].is_array()) {
    for (const Json& entry : chart["metadata"]) {
      if (entry.value("version", "") == version) return entry;
    }
  }
  return Json::object();
}

}  // namespace

std::string ChartListTable(const Json& listing) {
  std::vector<std::vector<std::string>> rows;
  if (listing.contains("charts") && listing["charts"].is_array()) {
    for (const Json& chart : listing["charts"]) {
      std::string name = chart.value("name", "");
      if (chart.contains("error")) {
        rows.push_back({name, "-", "-", "error: " + chart.value("error", "")});
        continue;
      }
      const Json versions = chart.value("versions", Json::array());
      if (versions.empty()) rows.push_back({name, "-", "-", "no versions yet"});
      for (const Json& version : versions) {
        if (!version.is_string()) continue;
        Json metadata = MetadataOf(chart, version.get<std::string>());
        std::string description = metadata.contains("error")
                                      ? "error: " + metadata.value("error", "")
                                      : metadata.value("description", "");
        rows.push_back({name, version.get<std::string>(), metadata.value("appVersion", ""),
                        description});
      }
    }
  }
  return RenderTable({"CHART", "VERSION", "APP VERSION", "DESCRIPTION"}, rows);
}

void AddChartCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  CLI::App* group = app.add_subcommand("chart", "Browse the charts of chart repositories");
  group->require_subcommand(1);
  auto options = std::make_shared<ChartListOptions>();
  CLI::App* command =
      group->add_subcommand("list", "List a chart repository's charts, versions and descriptions");
  command->add_option("registry", options->registry, "Registry id or URL")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto listing = ListCharts(client, options->registry);
      if (!listing.ok()) return ReportError(context, listing.error());
      context.out << Render(FormatOf(options->output), *listing, ChartListTable);
      return kExitOk;
    });
  });
}

}  // namespace reghub::cli
