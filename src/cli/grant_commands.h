#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "cli/command_context.h"
#include "core/result.h"

namespace reghub::cli {

// `reghub grant list [--registry R] [-o table|json|yaml]`: the global grants
// (GET /api/v1/grants), or a registry's own and inherited grants with its
// permissions deadline (GET /api/v1/registries/{id}/grants; R: id or URL).
//
// `reghub grant set|add|remove [--registry R] (--user U | --team T) [--role ROLE] [-o …]`
// change one subject's grants and print the grants that result:
//   set     the subject holds exactly ROLE (its other roles there are removed)
//   add     the subject also holds ROLE (nothing changes if it already does)
//   remove  the subject no longer holds ROLE, or no role at all without --role
//           (failed: the subject held nothing to remove)
// Each reads the current own grants and PUTs the edited set back; the hub
// checks the subject and the role and audits the change.
void AddGrantCommands(CLI::App& app, CommandContext& context, CommandAction& action);

enum class GrantEdit { kSet, kAdd, kRemove };

// The PUT body ({"grants":[{"subject":{"kind","name"},"role"}]}) that applies
// `edit` for subject (kind "user" | "team", name) and `role` ("" only for
// kRemove: every role) to a GET answer of the grants, keeping the other own
// grants and dropping inherited ones. not_found when kRemove finds nothing.
Result<Json> EditGrants(const Json& current, GrantEdit edit, const std::string& kind,
                        const std::string& name, const std::string& role);

// KIND  NAME  ROLE  SOURCE (own | global)  CREATED BY  CREATED AT, and for a
// registry's grants a last line with the permissions deadline.
std::string GrantsTable(const Json& grants);

}  // namespace reghub::cli
