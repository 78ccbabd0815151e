#include "cli/environment_output.h"

#include <utility>
#include <vector>

#include "cli/output.h"

namespace reghub::cli {
namespace {

std::string Field(const Json& object, const char* key) {
  return object.is_object() && object.contains(key) ? CellText(object[key]) : "";
}

std::string YesNo(const Json& object, const char* key) {
  return object.is_object() && object.contains(key) && object[key].is_boolean() &&
                 object[key].get<bool>()
             ? "yes"
             : "no";
}

const Json& Member(const Json& object, const char* key) {
  static const Json kNull;
  return object.is_object() && object.contains(key) ? object[key] : kNull;
}

// "generated reghub-x" / "existing regcred".
std::string SecretText(const Json& injection, const char* source_key, const char* name_key) {
  std::string source = Field(injection, source_key);
  std::string name = Field(injection, name_key);
  return source.empty() ? name : source + " " + name;
}

std::string OrDash(std::string text) { return text.empty() ? "-" : text; }

std::string ActuatedText(const Json& attachment) {
  std::string revision = Field(attachment, "actuated_revision");
  return revision == "0" ? "none yet" : revision;
}

}  // namespace

std::string EnvironmentListTable(const Json& environments) {
  std::vector<std::vector<std::string>> rows;
  if (environments.is_array()) {
    for (const Json& environment : environments) {
      rows.push_back({Field(environment, "name"), Field(environment, "kind"),
                      OrDash(Field(environment, "api_server_url")),
                      OrDash(Field(environment, "namespaces")),
                      OrDash(Field(environment, "editor_teams")), Field(environment, "id")});
    }
  }
  return RenderTable({"NAME", "KIND", "API SERVER", "NAMESPACES", "EDITOR TEAMS", "ID"}, rows);
}

std::string EnvironmentDetails(const Json& environment) {
  std::vector<std::pair<std::string, std::string>> fields = {
      {"ID", Field(environment, "id")},
      {"Name", Field(environment, "name")},
      {"Kind", Field(environment, "kind")},
      {"Description", OrDash(Field(environment, "description"))},
  };
  if (Field(environment, "kind") == "kubernetes") {
    fields.push_back({"API server", Field(environment, "api_server_url")});
    fields.push_back({"Namespaces", OrDash(Field(environment, "namespaces"))});
  }
  fields.push_back({"Editor teams", OrDash(Field(environment, "editor_teams"))});
  fields.push_back({"Created", Field(environment, "created_at") + " by " +
                                   Field(environment, "created_by")});
  fields.push_back({"Updated", Field(environment, "updated_at")});
  std::string text = RenderFields(fields);
  const Json& attachments = Member(environment, "attachments");
  if (!attachments.is_array()) return text;
  if (attachments.empty()) return text + "\nNo registries attached.\n";
  std::vector<std::vector<std::string>> rows;
  for (const Json& attachment : attachments) {
    const Json& injection = Member(attachment, "injection");
    rows.push_back({Field(attachment, "url"), Field(attachment, "latest_revision"),
                    ActuatedText(attachment), YesNo(attachment, "up_to_date"),
                    YesNo(injection, "inject"),
                    SecretText(injection, "secret_source", "secret_name")});
  }
  return text + "\n" +
         RenderTable({"REGISTRY", "LATEST", "ACTUATED", "UP TO DATE", "INJECT", "SECRET"}, rows);
}

std::string RegistryEnvironmentsTable(const Json& body) {
  std::vector<std::vector<std::string>> rows;
  const Json& environments = Member(body, "environments");
  if (environments.is_array()) {
    for (const Json& item : environments) {
      const Json& injection = Member(item, "injection");
      rows.push_back({Field(item, "environment"), Field(item, "kind"),
                      Field(item, "latest_revision"), ActuatedText(item),
                      YesNo(item, "up_to_date"), YesNo(injection, "inject"),
                      SecretText(injection, "secret_source", "secret_name")});
    }
  }
  return RenderTable(
      {"ENVIRONMENT", "KIND", "LATEST", "ACTUATED", "UP TO DATE", "INJECT", "SECRET"}, rows);
}

std::string AgentTokensTable(const Json& tokens) {
  std::vector<std::vector<std::string>> rows;
  if (tokens.is_array()) {
    for (const Json& token : tokens) {
      std::string expires = Field(token, "expires_at");
      rows.push_back({Field(token, "id"), Field(token, "name"), Field(token, "created_by"),
                      Field(token, "created_at"), expires.empty() ? "never" : expires});
    }
  }
  return RenderTable({"ID", "NAME", "CREATED BY", "CREATED AT", "EXPIRES"}, rows);
}

std::string CreatedAgentTokenText(const Json& token) {
  std::string expires = Field(token, "expires_at");
  return RenderFields({{"ID", Field(token, "id")},
                       {"Name", Field(token, "name")},
                       {"Expires", expires.empty() ? "never" : expires},
                       {"Token", Field(token, "token")}}) +
         "\nThe token is shown only now: give it to the environment's agent.\n";
}

std::string DesiredStateTable(const Json& state) {
  const Json& environment = Member(state, "environment");
  std::string text = "Environment " + Field(environment, "name") + " (" +
                     Field(environment, "kind") + ")\n";
  std::vector<std::vector<std::string>> rows;
  const Json& registries = Member(state, "registries");
  if (registries.is_array()) {
    for (const Json& registry : registries) {
      const Json& injection = Member(registry, "injection");
      rows.push_back({Field(registry, "url"), Field(registry, "revision"),
                      Field(Member(registry, "credentials"), "kind"), YesNo(injection, "inject"),
                      SecretText(injection, "secret_source", "secret_name")});
    }
  }
  return text + RenderTable({"REGISTRY", "REVISION", "CREDENTIALS", "INJECT", "SECRET"}, rows);
}

std::string InjectionPolicyDetails(const Json& policy) {
  const Json& secret = Member(policy, "secret");
  std::string text = RenderFields({
      {"Mode", Field(policy, "mode")},
      {"Environments", OrDash(Field(policy, "environments"))},
      {"Secret", SecretText(secret, "source", "name")},
      {"Default", YesNo(policy, "default")},
      {"Updated", OrDash(Field(policy, "updated_at")) +
                      (Field(policy, "updated_by").empty() ? "" : " by " + Field(policy, "updated_by"))},
  });
  std::vector<std::vector<std::string>> rows;
  const Json& effective = Member(policy, "effective");
  if (effective.is_array()) {
    for (const Json& row : effective) {
      rows.push_back({Field(row, "environment"), YesNo(row, "attached"), YesNo(row, "inject"),
                      SecretText(row, "secret_source", "secret_name")});
    }
  }
  return text + "\n" + RenderTable({"ENVIRONMENT", "ATTACHED", "INJECT", "SECRET"}, rows);
}

}  // namespace reghub::cli
