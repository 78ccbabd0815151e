#include "cli/health_commands.h"

#include <memory>
#include <ostream>

#include "cli/cli_main.h"
#include "cli/output.h"
#include "cli/output_flag.h"
#include "cli/registry_commands.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

struct RegistryHealthOptions {
  std::string output = "table";
  std::string target;
  bool check = false;
  int limit = 10;
};

struct HealthListOptions {
  std::string output = "table";
  std::string status;
};

std::string Text(const Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return "";
  return CellText(object[key]);
}

std::string Latency(const Json& check) {
  if (!check.is_object() || !check.contains("latency_ms")) return "";
  return std::to_string(check.value("latency_ms", std::int64_t{0})) + " ms";
}

// "2026-12-01T00:00:00Z (expires soon)" or "" without TLS.
std::string Certificate(const Json& check) {
  std::string expiry = Text(check, "certificate_not_after");
  if (!expiry.empty() && check.value("certificate_expires_soon", false)) expiry += " (expires soon)";
  return expiry;
}

// The failed step and its message, with the refused-credentials flag.
std::string Problem(const Json& check) {
  std::string step = Text(check, "failed_step");
  if (step.empty()) return "";
  std::string problem = step + ": " + Text(check, "message");
  if (check.value("credentials_refused", false)) problem = "[credentials] " + problem;
  return problem;
}

std::vector<std::string> CheckRow(const Json& check) {
  return {Text(check, "checked_at"), Text(check, "status"), Latency(check), Certificate(check),
          Problem(check)};
}

}  // namespace

std::string HealthCheckTable(const Json& check) {
  return RenderFields({{"Checked at", Text(check, "checked_at")},
                       {"Status", Text(check, "status")},
                       {"Latency", Latency(check)},
                       {"Certificate", Certificate(check)},
                       {"Credentials", check.value("credentials_refused", false) ? "refused" : ""},
                       {"Failed step", Text(check, "failed_step")},
                       {"Message", Text(check, "message")}});
}

std::string RegistryHealthTable(const Json& health) {
  std::string text = RenderFields({{"Registry", Text(health, "url")},
                                   {"Status", Text(health, "status")},
                                   {"Last success", Text(health, "last_success_at")}});
  std::vector<std::vector<std::string>> rows;
  if (health.contains("history") && health["history"].is_array()) {
    for (const Json& check : health["history"]) rows.push_back(CheckRow(check));
  }
  if (rows.empty()) return text + "never checked\n";
  return text + "\n" +
         RenderTable({"CHECKED AT", "STATUS", "LATENCY", "CERTIFICATE EXPIRES", "PROBLEM"}, rows);
}

std::string HealthListTable(const Json& list) {
  std::vector<std::vector<std::string>> rows;
  if (list.contains("registries") && list["registries"].is_array()) {
    for (const Json& registry : list["registries"]) {
      const Json latest = registry.value("latest", Json());
      rows.push_back({Text(registry, "url"), Text(registry, "status"), Text(latest, "checked_at"),
                      Latency(latest), Text(registry, "last_success_at"), Certificate(latest),
                      Problem(latest)});
    }
  }
  return RenderTable(
      {"URL", "STATUS", "CHECKED AT", "LATENCY", "LAST SUCCESS", "CERTIFICATE EXPIRES", "PROBLEM"},
      rows);
}

void AddHealthCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  auto one = std::make_shared<RegistryHealthOptions>();
  CLI::App* registry_group = app.get_subcommand("registry");
  CLI::App* command =
      registry_group->add_subcommand("health", "Show a registry's health checks, or run one now");
  command->add_option("registry", one->target, "Registry id or URL")->required();
  command->add_flag("--check", one->check, "Run a health check now and show it");
  command->add_option("--limit", one->limit, "Checks of the history to show")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  AddOutputFlag(command, one->output);
  command->callback([&context, &action, one] {
    action = WithClient(context, [&context, one](const ApiClient& client) {
      auto registry = FindRegistry(client, one->target);
      if (!registry.ok()) return ReportError(context, registry.error());
      const std::string path =
          "/api/v1/registries/" + QueryEscape(registry->value("id", "")) + "/health";
      auto result = one->check ? client.Post(path, Json::object())
                               : client.Get(path + "?limit=" + std::to_string(one->limit));
      if (!result.ok()) return ReportError(context, result.error());
      context.out << Render(FormatOf(one->output), *result,
                            one->check ? HealthCheckTable : RegistryHealthTable);
      return result->value("status", "") == "down" ? kExitFailure : kExitOk;
    });
  });

  auto all = std::make_shared<HealthListOptions>();
  CLI::App* list =
      app.add_subcommand("health", "Show the newest health check of every registry");
  list->add_option("--status", all->status, "Only registries with this status")
      ->check(CLI::IsMember({"up", "down", "unknown"}));
  AddOutputFlag(list, all->output);
  list->callback([&context, &action, all] {
    action = WithClient(context, [&context, all](const ApiClient& client) {
      std::string path = "/api/v1/health";
      if (!all->status.empty()) path += "?status=" + QueryEscape(all->status);
      auto result = client.Get(path);
      if (!result.ok()) return ReportError(context, result.error());
      context.out << Render(FormatOf(all->output), *result, HealthListTable);
      return kExitOk;
    });
  });
}

}  // namespace reghub::cli
