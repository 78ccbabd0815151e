#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/environment.h"
#include "core/result.h"

namespace reghub {

// A create or update request for an environment: every field optional;
// present fields replace the stored ones whole (namespaces and editor_teams
// are whole lists).
struct EnvironmentPatch {
  std::optional<std::string> name;
  std::optional<EnvironmentKind> kind;
  std::optional<std::string> description;
  std::optional<std::string> api_server_url;
  std::optional<std::vector<std::string>> namespaces;
  std::optional<std::vector<std::string>> editor_teams;
};

// Reads a request body strictly: unknown fields ("unknown field"), server-made
// ones ("id", "created_at", ... : "unknown field (set by the server)") and
// wrong types are refused, each at its field; all problems in one
// invalid_argument. Values are checked by ValidateEnvironment after they are
// applied, not here.
Result<EnvironmentPatch> ParseEnvironmentPatch(const nlohmann::json& body);

// A new environment from a create request: name and kind are required
// (field messages otherwise); the result is validated.
Result<Environment> BuildEnvironment(const EnvironmentPatch& patch);
// `current` with the patch applied and validated. The kind cannot change
// ("kind": "cannot change; delete the environment and create it again").
Result<Environment> ApplyEnvironmentPatch(const Environment& current,
                                          const EnvironmentPatch& patch);

// {"id","name","kind","description","api_server_url","namespaces",
//  "editor_teams","created_at","created_by","updated_at"}; api_server_url is
// "" and namespaces [] for kind nodes.
nlohmann::json EnvironmentToJson(const Environment& environment);

}  // namespace reghub
