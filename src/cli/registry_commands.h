#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_context.h"

namespace reghub::cli {

// `reghub registry create|list|get|update|delete|revisions|diff`. Parsing a
// sub-command sets `action` to the code that runs it against the hub.
//   get, update, delete, revisions and diff take an id or a registry URL
//   (a URL is resolved with GET /api/v1/registries?url=).
//   update GETs the registry, sends only the given flags and bases the update
//   on the current revision, or on --revision N when given (409 if stale).
//   -o table|json|yaml on every command that prints a registry.
void AddRegistryCommands(CLI::App& app, CommandContext& context, CommandAction& action);

// Resolves an id or URL argument to the registry (GET). A value containing
// '.', ':' or '[', or "localhost", is a URL; anything else an id.
Result<Json> FindRegistry(const ApiClient& client, const std::string& id_or_url);

// Every registry (following next_page_token), optionally only those at `url`.
Result<Json> ListRegistries(const ApiClient& client, const std::string& query);

}  // namespace reghub::cli
