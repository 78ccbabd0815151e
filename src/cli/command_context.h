#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "cli/api_client.h"
#include "cli/config_store.h"
#include "core/result.h"

namespace reghub::cli {

// What every command runs with: the environment and the three streams.
// RunCli passes the process's; tests may pass their own.
struct CommandContext {
  Environment env;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

// A parsed command, ready to run; returns the exit code.
using CommandAction = std::function<int()>;

// Prints "error: <message>" and the field details the message does not
// already contain; adds a hint for unauthenticated errors. Returns kExitFailure.
int ReportError(const CommandContext& context, const Error& error);
// Prints "error: <message>" for a usage error. Returns kExitUsage.
int ReportUsageError(const CommandContext& context, const std::string& message);

// A client for the configured hub (config file, REGHUB_SERVER, REGHUB_TOKEN);
// failed_precondition naming what to do when no server or no token is known.
Result<ApiClient> ConnectToHub(const CommandContext& context);

// An action that connects to the hub and runs `body(client)`, reporting a
// failed connection as exit code 1.
template <typename Body>
CommandAction WithClient(CommandContext& context, Body body) {
  return [&context, body]() -> int {
    auto client = ConnectToHub(context);
    if (!client.ok()) return ReportError(context, client.error());
    return body(*client);
  };
}

}  // namespace reghub::cli
