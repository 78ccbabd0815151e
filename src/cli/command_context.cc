#include "cli/command_context.h"

#include <ostream>

#include "cli/cli_main.h"

namespace reghub::cli {

int ReportError(const CommandContext& context, const Error& error) {
  context.err << "error: " << error.message << "\n";
  for (const FieldViolation& detail : error.details) {
    std::string line = detail.field.empty() ? detail.message : detail.field + ": " + detail.message;
    if (error.message.find(line) != std::string::npos) continue;
    context.err << "  " << line << "\n";
  }
  if (error.code == ErrorCode::kUnauthenticated) {
    context.err << "hint: run \"reghub login\" (or set REGHUB_TOKEN)\n";
  }
  return kExitFailure;
}

int ReportUsageError(const CommandContext& context, const std::string& message) {
  context.err << "error: " << message << "\n";
  return kExitUsage;
}

Result<ApiClient> ConnectToHub(const CommandContext& context) {
  REGHUB_ASSIGN_OR_RETURN(CliConfig config, EffectiveConfig(context.env));
  if (config.server.empty()) {
    return Error::FailedPrecondition(
        "no hub configured: run \"reghub login --server URL\" or set REGHUB_SERVER");
  }
  REGHUB_ASSIGN_OR_RETURN(std::string server, NormalizeServerUrl(config.server));
  if (config.token.empty()) {
    return Error::FailedPrecondition("not logged in to " + server +
                                     ": run \"reghub login\" or set REGHUB_TOKEN");
  }
  return ApiClient(server, config.token);
}

}  // namespace reghub::cli
