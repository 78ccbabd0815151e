#include "cli/cli_main.h"

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/apply_command.h"
#include "cli/auth_commands.h"
#include "cli/chart_commands.h"
#include "cli/command_context.h"
#include "cli/environment_commands.h"
#include "cli/grant_commands.h"
#include "cli/health_commands.h"
#include "cli/registry_commands.h"
#include "cli/team_commands.h"
#include "cli/token_commands.h"
#include "cli/user_commands.h"

namespace reghub::cli {
namespace {

void AddServeCommand(CLI::App& app, CommandContext& context, CommandAction& action,
                     const ServeFunction& serve) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "Run the hub (REST API, web UI, metrics)");
  command->add_option("--listen", options->listen, "Address to listen on, host:port")
      ->capture_default_str();
  command->add_option("--data", options->data_dir, "Data directory (created on first start)")
      ->capture_default_str();
  command->add_option("--database", options->database,
                      "postgres://… to use PostgreSQL instead of SQLite in the data directory");
  command->add_option("--health-interval", options->health_interval_seconds,
                      "Seconds between health-check rounds over every registry (0: none)")
      ->check(CLI::Range(0, 7 * 24 * 3600))
      ->capture_default_str();
  command->add_option("--health-concurrency", options->health_concurrency,
                      "Health checks running at once during a round")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  command->add_option("--web-dir", options->web_dir,
                      "Directory of the built web UI served at / (default: the build's web/dist)");
  command->allow_extras();
  command->callback([&context, &action, options, command, &serve] {
    options->extra_args = command->remaining();
    action = [&context, options, &serve] {
      if (!serve) return ReportUsageError(context, "serve is not available in this build");
      return serve(*options);
    };
  });
}

}  // namespace

int RunCli(int argc, char** argv, const ServeFunction& serve) {
  CommandContext context{CurrentEnvironment(), std::cin, std::cout, std::cerr};
  CommandAction action;

  CLI::App app{"reghub: the artifact registry hub and its command-line client", "reghub"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "reghub 0.1.0");
  AddAuthCommands(app, context, action);
  AddRegistryCommands(app, context, action);
  AddUserCommands(app, context, action);
  AddTeamCommands(app, context, action);
  AddTokenCommands(app, context, action);
  AddChartCommands(app, context, action);
  AddEnvironmentCommands(app, context, action);
  AddGrantCommands(app, context, action);
  AddHealthCommands(app, context, action);
  AddApplyCommand(app, context, action);
  AddServeCommand(app, context, action, serve);
  app.footer(
      "Environment: REGHUB_SERVER and REGHUB_TOKEN override the stored login "
      "($XDG_CONFIG_HOME/reghub/config.json or ~/.config/reghub/config.json).\n"
      "Exit codes: 0 success, 1 the hub refused or could not be reached, 2 usage error.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error, std::cout, std::cerr);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (!action) {
    std::cerr << app.help();
    return kExitUsage;
  }
  try {
    return action();
  } catch (const std::exception& error) {
    // Truly unexpected (out of memory, a JSON type error on a malformed answer).
    std::cerr << "error: " << error.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace reghub::cli
