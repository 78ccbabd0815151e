#pragma once

#include <functional>
#include <string>
#include <vector>

namespace reghub::cli {

// Options of `reghub serve`, parsed by the CLI and handed to the server.
//   reghub serve [--listen 127.0.0.1:8080] [--data ./reghub-data] [--database URL] [extra...]
struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./reghub-data";
  std::string database;  // "" = embedded SQLite in data_dir; or postgres://…
  int health_interval_seconds = 300;  // between health-check rounds; 0 disables them
  int health_concurrency = 8;         // health checks running at once
  std::string web_dir;   // the built web UI; "" = the serve function's default
  // Arguments after the known flags, passed through untouched (`reghub serve
  // --listen X -- --log-level debug`, or unknown flags). The serve function
  // owns them and must refuse what it does not understand (exit 2).
  std::vector<std::string> extra_args;
};

// Runs the server and returns the process exit code.
using ServeFunction = std::function<int(const ServeOptions&)>;

// Process exit codes of every CLI command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the API refused the request, the server is unreachable,
                                        // an input file is invalid
inline constexpr int kExitUsage = 2;    // bad flags or arguments; nothing was sent

// The whole `reghub` command line: parses argv (argv[0] is the program) and
// runs one sub-command, returning the exit code. main() is expected to be
//
//   int main(int argc, char** argv) {
//     return reghub::cli::RunCli(argc, argv, [](const reghub::cli::ServeOptions& options) {
//       return reghub::http::RunServer(options);   // whatever the server's entry point is
//     });
//   }
//
// `serve` is parsed here (so `reghub --help` lists it) and, when chosen, calls
// `serve` with its options; with an empty `serve` it prints an error and
// returns kExitUsage. A main() that dispatches `serve` itself may instead call
// RunCli for every other argv. Commands:
//   login, logout, registry {create,list,get,update,delete,revisions,diff}, apply, serve.
// Output goes to stdout, errors to stderr as "error: …"; no secret value is
// ever printed. Reads REGHUB_SERVER, REGHUB_TOKEN, XDG_CONFIG_HOME and HOME.
int RunCli(int argc, char** argv, const ServeFunction& serve = nullptr);

}  // namespace reghub::cli
