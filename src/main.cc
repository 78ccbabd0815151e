// The one binary: the CLI parses every sub-command; `serve` runs the hub.
#include <iostream>

#include "app/serve.h"
#include "cli/cli_main.h"

int main(int argc, char** argv) {
  return reghub::cli::RunCli(argc, argv, [](const reghub::cli::ServeOptions& options) {
    if (!options.extra_args.empty()) {
      std::cerr << "error: serve: unknown argument \"" << options.extra_args.front() << "\"\n";
      return reghub::cli::kExitUsage;
    }
    reghub::app::ServeOptions serve;
    serve.listen = options.listen;
    serve.data_dir = options.data_dir;
    serve.database = options.database;
    serve.health_interval = std::chrono::seconds(options.health_interval_seconds);
    serve.health_concurrency = options.health_concurrency;
    // The UI is served from a directory, not embedded: see docs/web-ui.md.
    serve.web_dir = options.web_dir.empty() ? REGHUB_DEFAULT_WEB_DIR : options.web_dir;
    return reghub::app::RunServe(serve);
  });
}
