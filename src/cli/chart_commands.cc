#include "cli/chart_commands.h"

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

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

struct ChartPushOptions {
  std::string output = "table";
  std::string registry;
  std::string archive;
  std::string repository;
};

// The packaged chart's bytes; the hub checks them (and their size).
Result<std::string> ReadArchive(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error::InvalidArgument("cannot read " + path + ": no such file or not readable");
  std::ostringstream bytes;
  bytes << file.rdbuf();
  if (file.bad()) return Error::InvalidArgument("cannot read " + path);
  return bytes.str();
}

Result<Json> PushChart(const ApiClient& client, const ChartPushOptions& options) {
  REGHUB_ASSIGN_OR_RETURN(std::string archive, ReadArchive(options.archive));
  REGHUB_ASSIGN_OR_RETURN(Json registry, FindRegistry(client, options.registry));
  std::string path = "/api/v1/registries/" + QueryEscape(registry.value("id", "")) + "/charts";
  if (!options.repository.empty()) path += "?repository=" + QueryEscape(options.repository);
  return client.PostBytes(path, "application/gzip", archive);
}

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

std::string ChartPushSummary(const Json& pushed) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"Pushed", pushed.value("name", "") + " " + pushed.value("version", "")},
      {"Reference", "oci://" + pushed.value("reference", "")},
      {"Digest", pushed.value("digest", "")}};
  if (pushed.contains("appVersion")) fields.push_back({"App version", pushed.value("appVersion", "")});
  return RenderFields(fields);
}

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
  CLI::App* group = app.add_subcommand("chart", "Browse and push the charts of chart repositories");
  group->require_subcommand(1);
  auto options = std::make_shared<ChartListOptions>();
  CLI::App* command =
      group->add_subcommand("list", "List a chart repository's charts, versions and descriptions");
  command->add_option("registry", options->registry, "Registry id or URL")->required();
  AddOutputFlag(command, options->output);
  auto push_options = std::make_shared<ChartPushOptions>();
  CLI::App* push = group->add_subcommand(
      "push", "Push a packaged chart (.tgz from `helm package`) through the hub");
  // Both `chart push REGISTRY CHART.tgz` and `chart push CHART.tgz --registry
  // REGISTRY` (the order helm users type) are accepted.
  auto positionals = std::make_shared<std::vector<std::string>>();
  push->add_option("args", *positionals, "[REGISTRY] CHART.tgz: the registry unless --registry is given, then the packaged chart")
      ->required()
      ->expected(1, 2);
  auto registry_flag = std::make_shared<std::string>();
  push->add_option("--registry", *registry_flag, "Registry id or URL");
  push->add_option("--repository", push_options->repository,
                   "One of the registry's chart repositories (default: the one named after the "
                   "chart)");
  AddOutputFlag(push, push_options->output);
  push->callback([&context, &action, push_options, positionals, registry_flag] {
    const bool flagged = !registry_flag->empty();
    if (positionals->size() != (flagged ? 1u : 2u)) {
      action = [&context, flagged] {
        return ReportError(context, Error::InvalidArgument(
                                        flagged ? "with --registry, give only the chart archive"
                                                : "give the registry and the chart archive, "
                                                  "or the archive and --registry"));
      };
      return;
    }
    push_options->registry = flagged ? *registry_flag : positionals->front();
    push_options->archive = positionals->back();
    action = WithClient(context, [&context, push_options](const ApiClient& client) {
      auto pushed = PushChart(client, *push_options);
      if (!pushed.ok()) return ReportError(context, pushed.error());
      context.out << Render(FormatOf(push_options->output), *pushed, ChartPushSummary);
      return kExitOk;
    });
  });

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
