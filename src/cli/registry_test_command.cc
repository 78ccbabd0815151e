#include "cli/registry_test_command.h"

#include <memory>
#include <ostream>

#include "cli/cli_main.h"
#include "cli/output.h"
#include "cli/output_flag.h"
#include "cli/registry_commands.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

struct TestOptions {
  std::string output = "table";
  std::string target;
  std::string tls = "verify";
};

bool LooksLikeUrl(const std::string& value) {
  return value.find_first_of(".:[") != std::string::npos || value == "localhost";
}

Result<Json> RunTest(const ApiClient& client, const TestOptions& options) {
  auto registry = FindRegistry(client, options.target);
  if (registry.ok()) {
    return client.Post("/api/v1/registries/" + QueryEscape(registry->value("id", "")) + "/test",
                       Json::object());
  }
  if (registry.error().code != ErrorCode::kNotFound || !LooksLikeUrl(options.target)) {
    return registry.error();
  }
  Json spec = {{"url", options.target},
               {"provider", "generic"},
               {"access", "public"},
               {"tls", {{"mode", options.tls}}}};
  return client.Post("/api/v1/connection-tests", spec);
}

}  // namespace

std::string ConnectionTestTable(const Json& report) {
  std::vector<std::vector<std::string>> rows;
  if (report.contains("steps") && report["steps"].is_array()) {
    for (const Json& step : report["steps"]) {
      rows.push_back({step.value("name", ""), step.value("status", ""),
                      std::to_string(step.value("duration_ms", std::int64_t{0})) + " ms",
                      step.value("message", "")});
    }
  }
  std::string text = RenderTable({"STEP", "STATUS", "TIME", "MESSAGE"}, rows);
  text +=
      std::string(report.value("ok", false) ? "connection test passed" : "connection test FAILED") +
      " in " + std::to_string(report.value("duration_ms", std::int64_t{0})) + " ms\n";
  return text;
}

void AddRegistryTestCommand(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* command =
      group->add_subcommand("test", "Test the connection to a registry, step by step");
  command->add_option("registry", options->target, "Registry id or URL")->required();
  command->add_option("--tls", options->tls, "TLS mode for a URL the hub does not know")
      ->check(CLI::IsMember({"verify", "insecure", "plain-http"}));
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto report = RunTest(client, *options);
      if (!report.ok()) return ReportError(context, report.error());
      context.out << Render(FormatOf(options->output), *report, ConnectionTestTable);
      return report->value("ok", false) ? kExitOk : kExitFailure;
    });
  });
}

}  // namespace reghub::cli
