#include "cli/token_commands.h"

#include <memory>
#include <ostream>

#include "cli/account_output.h"
#include "cli/cli_main.h"
#include "cli/output.h"
#include "cli/output_flag.h"
#include "cli/registry_output.h"

namespace reghub::cli {
namespace {

struct TokenOptions {
  std::string output = "table";
  std::string name;
  std::int64_t expires_in_days = 0;
};

std::string CreatedTokenText(const Json& token) {
  std::string expires = token.contains("expires_at") ? CellText(token["expires_at"]) : "";
  return RenderFields({{"ID", token.value("id", "")},
                       {"Name", token.value("name", "")},
                       {"Expires at", expires.empty() ? "never" : expires},
                       {"Token", token.value("token", "")}}) +
         "\nStore the token now: it is not shown again.\n";
}

}  // namespace

void AddTokenCommands(CLI::App& app, CommandContext& context, CommandAction& action) {
  CLI::App* group = app.add_subcommand("token", "Manage your API tokens");
  group->require_subcommand(1);

  auto list_options = std::make_shared<TokenOptions>();
  CLI::App* list = group->add_subcommand("list", "List your API tokens (never their values)");
  list->alias("ls");
  AddOutputFlag(list, list_options->output);
  list->callback([&context, &action, list_options] {
    action = WithClient(context, [&context, list_options](const ApiClient& client) {
      auto tokens = client.Get("/api/v1/tokens");
      if (!tokens.ok()) return ReportError(context, tokens.error());
      Json items = tokens->contains("tokens") ? (*tokens)["tokens"] : Json::array();
      context.out << Render(FormatOf(list_options->output), items, TokenListTable);
      return kExitOk;
    });
  });

  auto create_options = std::make_shared<TokenOptions>();
  CLI::App* create = group->add_subcommand("create", "Create an API token (shown once)");
  create->add_option("name", create_options->name, "What the token is for")->required();
  create
      ->add_option("--expires-in-days", create_options->expires_in_days,
                   "Lifetime in days, 1 to 3650 (default: no expiry)")
      ->check(CLI::Range(1, 3650));
  AddOutputFlag(create, create_options->output);
  create->callback([&context, &action, create_options] {
    action = WithClient(context, [&context, create_options](const ApiClient& client) {
      Json body = {{"name", create_options->name}};
      if (create_options->expires_in_days > 0) {
        body["expires_in_days"] = create_options->expires_in_days;
      }
      auto created = client.Post("/api/v1/tokens", body);
      if (!created.ok()) return ReportError(context, created.error());
      context.out << Render(FormatOf(create_options->output), *created, CreatedTokenText);
      return kExitOk;
    });
  });

  auto revoke_id = std::make_shared<std::string>();
  CLI::App* revoke = group->add_subcommand("revoke", "Revoke an API token at once");
  revoke->add_option("id", *revoke_id, "The token's id (see token list)")->required();
  revoke->callback([&context, &action, revoke_id] {
    action = WithClient(context, [&context, revoke_id](const ApiClient& client) {
      auto revoked = client.Delete("/api/v1/tokens/" + QueryEscape(*revoke_id));
      if (!revoked.ok()) return ReportError(context, revoked.error());
      context.out << "revoked token " << *revoke_id << "\n";
      return kExitOk;
    });
  });
}

}  // namespace reghub::cli
