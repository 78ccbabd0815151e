#include "cli/user_commands.h"

#include <memory>
#include <ostream>

#include "cli/account_output.h"
#include "cli/cli_main.h"
#include "cli/output_flag.h"
#include "cli/registry_output.h"
#include "cli/secret_input.h"

namespace reghub::cli {
namespace {

struct UserOptions {
  std::string output = "table";
  std::string target;
  std::string display_name;
  bool admin = false;
  bool no_admin = false;
  bool password_stdin = false;
};

std::string UserPath(const Json& user) {
  return "/api/v1/users/" + QueryEscape(user.value("id", ""));
}

// A password for `what`: one line of stdin with `from_stdin`, else typed
// twice on the terminal; a usage error when neither is possible.
Result<SecretString> ReadPassword(CommandContext& context, bool from_stdin,
                                  const std::string& what, bool confirm) {
  if (from_stdin) return ReadSecretLine(context.in, what);
  if (!StdinIsTerminal()) {
    return Error::InvalidArgument("stdin is not a terminal: pipe the " + what +
                                  " and use --password-stdin");
  }
  REGHUB_ASSIGN_OR_RETURN(SecretString first, PromptSecret(what));
  if (!confirm) return first;
  REGHUB_ASSIGN_OR_RETURN(SecretString again, PromptSecret("Repeat the " + what));
  if (!(first == again)) return Error::InvalidArgument("the two passwords differ");
  return first;
}

void AddList(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* command = group->add_subcommand("list", "List users");
  command->alias("ls");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto users = ListAllPages(client, "/api/v1/users", "users");
      if (!users.ok()) return ReportError(context, users.error());
      context.out << Render(FormatOf(options->output), *users, UserListTable);
      return kExitOk;
    });
  });
}

void AddGet(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* command = group->add_subcommand("get", "Show one user");
  command->add_option("user", options->target, "Username or id")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto user = FindUser(client, options->target);
      if (!user.ok()) return ReportError(context, user.error());
      context.out << Render(FormatOf(options->output), *user, UserDetails);
      return kExitOk;
    });
  });
}

void AddCreate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* command = group->add_subcommand("create", "Create a user (hub administrators)");
  command->add_option("username", options->target, "The new user's name")->required();
  command->add_option("--display-name", options->display_name, "Full name to show");
  command->add_flag("--admin", options->admin, "Make the user a hub administrator");
  command->add_flag("--password-stdin", options->password_stdin,
                    "Read the password from stdin (otherwise asked for on the terminal)");
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options] {
    action = [&context, options]() -> int {
      auto password = ReadPassword(context, options->password_stdin, "password", true);
      if (!password.ok()) return ReportUsageError(context, password.error().message);
      return WithClient(context, [&context, options, &password](const ApiClient& client) {
        Json body = {{"username", options->target},
                     {"password", password->Reveal()},
                     {"display_name", options->display_name},
                     {"is_admin", options->admin}};
        auto created = client.Post("/api/v1/users", body);
        body["password"] = std::string(password->size(), '\0');
        if (!created.ok()) return ReportError(context, created.error());
        context.out << Render(FormatOf(options->output), *created, UserDetails);
        return kExitOk;
      })();
    };
  });
}

// PATCH of `body` on the user named by options->target.
int PatchUser(CommandContext& context, const ApiClient& client, const UserOptions& options,
              const Json& body) {
  auto user = FindUser(client, options.target);
  if (!user.ok()) return ReportError(context, user.error());
  auto updated = client.Patch(UserPath(*user), body);
  if (!updated.ok()) return ReportError(context, updated.error());
  context.out << Render(FormatOf(options.output), *updated, UserDetails);
  return kExitOk;
}

void AddUpdate(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* command = group->add_subcommand("update", "Change a user (hub administrators)");
  command->add_option("user", options->target, "Username or id")->required();
  CLI::Option* display =
      command->add_option("--display-name", options->display_name, "Full name to show");
  CLI::Option* admin = command->add_flag("--admin", options->admin, "Make a hub administrator");
  CLI::Option* no_admin =
      command->add_flag("--no-admin", options->no_admin, "Remove the administrator role");
  admin->excludes(no_admin);
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, display, admin, no_admin] {
    Json body = Json::object();
    if (display->count() > 0) body["display_name"] = options->display_name;
    if (admin->count() > 0) body["is_admin"] = true;
    if (no_admin->count() > 0) body["is_admin"] = false;
    if (body.empty()) {
      action = [&context] {
        return ReportUsageError(context, "nothing to update: give --display-name, --admin or --no-admin");
      };
      return;
    }
    action = WithClient(context, [&context, options, body](const ApiClient& client) {
      return PatchUser(context, client, *options, body);
    });
  });
}

void AddSetDisabled(CLI::App* group, CommandContext& context, CommandAction& action,
                    bool disabled) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* command = group->add_subcommand(
      disabled ? "disable" : "enable",
      disabled ? "Disable a user: their tokens are refused at once (hub administrators)"
               : "Enable a disabled user again (hub administrators)");
  command->add_option("user", options->target, "Username or id")->required();
  AddOutputFlag(command, options->output);
  command->callback([&context, &action, options, disabled] {
    action = WithClient(context, [&context, options, disabled](const ApiClient& client) {
      return PatchUser(context, client, *options, {{"disabled", disabled}});
    });
  });
}

void AddDelete(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* command = group->add_subcommand("delete", "Delete a user (hub administrators)");
  command->alias("rm");
  command->add_option("user", options->target, "Username or id")->required();
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      auto user = FindUser(client, options->target);
      if (!user.ok()) return ReportError(context, user.error());
      auto deleted = client.Delete(UserPath(*user));
      if (!deleted.ok()) return ReportError(context, deleted.error());
      context.out << "deleted user " << user->value("username", "") << " ("
                  << user->value("id", "") << ")\n";
      return kExitOk;
    });
  });
}

// Without a user: change one's own password (current, then new; ends one's
// other sessions). With a user: an administrator's reset.
int RunPasswd(CommandContext& context, const ApiClient& client, const UserOptions& options) {
  if (!options.target.empty()) {
    auto user = FindUser(client, options.target);
    if (!user.ok()) return ReportError(context, user.error());
    auto password = ReadPassword(context, options.password_stdin, "new password", true);
    if (!password.ok()) return ReportUsageError(context, password.error().message);
    Json body = {{"password", password->Reveal()}};
    auto updated = client.Patch(UserPath(*user), body);
    body["password"] = std::string(password->size(), '\0');
    if (!updated.ok()) return ReportError(context, updated.error());
    context.out << "Password of " << user->value("username", "")
                << " reset; their sessions have ended.\n";
    return kExitOk;
  }
  auto current = ReadPassword(context, options.password_stdin, "current password", false);
  if (!current.ok()) return ReportUsageError(context, current.error().message);
  auto next = ReadPassword(context, options.password_stdin, "new password", true);
  if (!next.ok()) return ReportUsageError(context, next.error().message);
  Json body = {{"current_password", current->Reveal()}, {"new_password", next->Reveal()}};
  auto changed = client.Put("/api/v1/auth/password", body);
  body["current_password"] = std::string(current->size(), '\0');
  body["new_password"] = std::string(next->size(), '\0');
  if (!changed.ok()) return ReportError(context, changed.error());
  context.out << "Password changed; your other sessions have ended.\n";
  return kExitOk;
}

void AddPasswd(CLI::App* group, CommandContext& context, CommandAction& action) {
  auto options = std::make_shared<UserOptions>();
  CLI::App* command = group->add_subcommand(
      "passwd", "Change your password, or (hub administrators) reset another user's");
  command->add_option("user", options->target, "Whose password to reset (default: your own)");
  command->add_flag("--password-stdin", options->password_stdin,
                    "Read the passwords from stdin, one per line (your own change: current, "
                    "then new)");
  command->callback([&context, &action, options] {
    action = WithClient(context, [&context, options](const ApiClient& client) {
      return RunPasswd(context, client, *options);
    });
  });
}

}  // namespace

void AddUserCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  CLI::App* group = app.add_subcommand("user", "Manage users");
  group->require_subcommand(1);
  AddList(group, context, action);
  AddGet(group, context, action);
  AddCreate(group, context, action);
  AddUpdate(group, context, action);
  AddSetDisabled(group, context, action, true);
  AddSetDisabled(group, context, action, false);
  AddDelete(group, context, action);
  AddPasswd(group, context, action);
}

}  // namespace reghub::cli
