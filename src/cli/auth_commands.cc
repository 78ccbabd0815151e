#include "cli/auth_commands.h"

#include <memory>
#include <ostream>

#include "cli/cli_main.h"
#include "cli/secret_input.h"

namespace reghub::cli {
namespace {

struct LoginOptions {
  std::string server;
  std::string username;
  bool password_stdin = false;
};

int RunLogin(CommandContext& context, const LoginOptions& options) {
  auto path = ConfigPath(context.env);
  if (!path.ok()) return ReportError(context, path.error());
  auto stored = LoadConfig(*path);
  if (!stored.ok()) return ReportError(context, stored.error());

  std::string server = options.server;
  if (server.empty()) {
    auto env = context.env.find("REGHUB_SERVER");
    server = env != context.env.end() && !env->second.empty() ? env->second : stored->server;
  }
  if (server.empty()) {
    return ReportUsageError(context,
                            "no hub to log in to: give --server URL (or set REGHUB_SERVER)");
  }
  auto normalized = NormalizeServerUrl(server);
  if (!normalized.ok()) return ReportUsageError(context, normalized.error().message);

  bool terminal = StdinIsTerminal();
  std::string username = options.username;
  if (username.empty()) {
    if (!terminal || options.password_stdin) {
      return ReportUsageError(context, "--username is required when stdin is not a terminal");
    }
    auto typed = PromptLine("Username");
    if (!typed.ok()) return ReportUsageError(context, typed.error().message);
    username = *typed;
  }
  Result<SecretString> password = Error::Internal("unset");
  if (options.password_stdin) {
    password = ReadSecretLine(context.in, "password");
  } else if (terminal) {
    password = PromptSecret("Password");
  } else {
    return ReportUsageError(context,
                            "stdin is not a terminal: pipe the password and use --password-stdin");
  }
  if (!password.ok()) return ReportUsageError(context, password.error().message);

  ApiClient anonymous(*normalized, SecretString());
  Json body = {{"username", username}, {"password", password->Reveal()}};
  auto response = anonymous.Post("/api/v1/auth/login", body);
  body["password"] = std::string(password->size(), '\0');
  if (!response.ok()) return ReportError(context, response.error());
  std::string token = response->value("token", "");
  if (token.empty()) {
    return ReportError(context, Error::Internal("the hub answered the login without a token"));
  }
  CliConfig config{*normalized, SecretString(token)};
  if (Status saved = SaveConfig(*path, config); !saved.ok())
    return ReportError(context, saved.error());
  context.out << "Logged in to " << *normalized << " as " << username;
  if (std::string expires = response->value("expires_at", ""); !expires.empty()) {
    context.out << " (token expires " << expires << ")";
  }
  context.out << "\n";
  return kExitOk;
}

int RunLogout(CommandContext& context) {
  auto path = ConfigPath(context.env);
  if (!path.ok()) return ReportError(context, path.error());
  auto stored = LoadConfig(*path);
  if (!stored.ok()) return ReportError(context, stored.error());
  auto effective = EffectiveConfig(context.env);
  if (!effective.ok()) return ReportError(context, effective.error());
  if (effective->token.empty() || effective->server.empty()) {
    context.out << "Not logged in.\n";
    return kExitOk;
  }
  int exit_code = kExitOk;
  auto server = NormalizeServerUrl(effective->server);
  if (!server.ok()) {
    exit_code = ReportError(context, server.error());
  } else {
    ApiClient client(*server, effective->token);
    auto revoked = client.Post("/api/v1/auth/logout", Json::object());
    // An already expired or revoked token is as good as logged out.
    if (!revoked.ok() && revoked.error().code != ErrorCode::kUnauthenticated) {
      context.err << "warning: the hub did not revoke the token: " << revoked.error().message
                  << "\n";
    }
  }
  if (!stored->token.empty()) {
    stored->token = SecretString();
    if (Status saved = SaveConfig(*path, *stored); !saved.ok())
      return ReportError(context, saved.error());
  }
  context.out << "Logged out" << (server.ok() ? " of " + *server : std::string()) << ".\n";
  return exit_code;
}

}  // namespace

void AddAuthCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<LoginOptions>();
  CLI::App* login = app.add_subcommand("login", "Log in to a hub and remember its token");
  login->add_option("--server", options->server, "The hub's URL, e.g. https://hub.example.com");
  login->add_option("--username", options->username, "User name (asked for on a terminal)");
  login->add_flag("--password-stdin", options->password_stdin, "Read the password from stdin");
  login->callback([&context, &action, options] {
    action = [&context, options] { return RunLogin(context, *options); };
  });

  CLI::App* logout = app.add_subcommand("logout", "Revoke and forget the stored token");
  logout->callback([&context, &action] { action = [&context] { return RunLogout(context); }; });
}

}  // namespace reghub::cli
