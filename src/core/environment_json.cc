#include "core/environment_json.h"

#include "core/json_reader.h"
#include "core/registry_json.h"
#include "core/violations.h"

namespace reghub {
namespace {

constexpr std::size_t kMaxNameInputLength = 253;
constexpr std::size_t kMaxNamespaceInputLength = 253;

std::string KindChoices() {
  std::string choices;
  for (std::string_view name : EnvironmentKindNames()) {
    if (!choices.empty()) choices += ", ";
    choices += "\"" + std::string(name) + "\"";
  }
  return choices;
}

}  // namespace

Result<EnvironmentPatch> ParseEnvironmentPatch(const nlohmann::json& body) {
  if (!body.is_object()) return Error::InvalidArgument("the request body must be a JSON object");
  Violations violations;
  JsonReader in(body, "", violations);
  for (const auto& [key, value] : body.items()) {
    if (key == "id" || key == "created_at" || key == "created_by" || key == "updated_at" ||
        key == "attachments") {
      violations.Add(key, "unknown field (set by the server)");
    } else if (key != "name" && key != "kind" && key != "description" &&
               key != "api_server_url" && key != "namespaces" && key != "editor_teams") {
      violations.Add(key, "unknown field");
    }
  }
  EnvironmentPatch patch;
  patch.name = in.String("name", kMaxNameInputLength);
  if (auto kind = in.String("kind", 32)) {
    patch.kind = ParseEnvironmentKind(*kind);
    if (!patch.kind) in.Fail("kind", "unknown kind \"" + *kind + "\"; use one of " + KindChoices());
  }
  patch.description = in.String("description", kMaxEnvironmentDescriptionLength, true);
  patch.api_server_url = in.String("api_server_url", kMaxApiServerUrlLength);
  patch.namespaces = in.StringList("namespaces", kMaxNamespaces, kMaxNamespaceInputLength);
  patch.editor_teams = in.StringList("editor_teams", kMaxEditorTeams, kMaxTeamNameLength);
  if (!violations.empty()) return violations.ToError();
  return patch;
}

Result<Environment> BuildEnvironment(const EnvironmentPatch& patch) {
  Violations violations;
  if (!patch.name) violations.Add("name", "is required");
  if (!patch.kind) violations.Add("kind", "is required: use one of " + KindChoices());
  if (!violations.empty()) return violations.ToError();
  Environment environment;
  environment.name = *patch.name;
  environment.kind = *patch.kind;
  if (patch.description) environment.description = *patch.description;
  if (patch.api_server_url) environment.api_server_url = *patch.api_server_url;
  if (patch.namespaces) environment.namespaces = *patch.namespaces;
  if (patch.editor_teams) environment.editor_teams = *patch.editor_teams;
  REGHUB_RETURN_IF_ERROR(ValidateEnvironment(environment));
  return environment;
}

Result<Environment> ApplyEnvironmentPatch(const Environment& current,
                                          const EnvironmentPatch& patch) {
  if (patch.kind && *patch.kind != current.kind) {
    return Error::InvalidField("kind", "cannot change; delete the environment and create it again");
  }
  Environment next = current;
  if (patch.name) next.name = *patch.name;
  if (patch.description) next.description = *patch.description;
  if (patch.api_server_url) next.api_server_url = *patch.api_server_url;
  if (patch.namespaces) next.namespaces = *patch.namespaces;
  if (patch.editor_teams) next.editor_teams = *patch.editor_teams;
  REGHUB_RETURN_IF_ERROR(ValidateEnvironment(next));
  return next;
}

nlohmann::json EnvironmentToJson(const Environment& environment) {
  return {{"id", environment.id},
          {"name", environment.name},
          {"kind", std::string(EnvironmentKindName(environment.kind))},
          {"description", environment.description},
          {"api_server_url", environment.api_server_url},
          {"namespaces", environment.namespaces},
          {"editor_teams", environment.editor_teams},
          {"created_at", FormatTimestamp(environment.created_at)},
          {"created_by", environment.created_by},
          {"updated_at", FormatTimestamp(environment.updated_at)}};
}

}  // namespace reghub
