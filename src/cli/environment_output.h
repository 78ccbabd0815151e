#pragma once

#include <string>

#include "cli/api_client.h"

namespace reghub::cli {

// Table renderers of the API's environment objects (docs/api.md,
// "Environments"). They read fields leniently: a missing field is an empty cell.

// NAME  KIND  API SERVER  NAMESPACES  EDITOR TEAMS  ID
std::string EnvironmentListTable(const Json& environments);
// One environment as "Field: value" lines, then its attachments:
// REGISTRY  LATEST  ACTUATED  UP TO DATE  INJECT  SECRET
std::string EnvironmentDetails(const Json& environment);
// ENVIRONMENT  KIND  LATEST  ACTUATED  UP TO DATE  INJECT  SECRET
std::string RegistryEnvironmentsTable(const Json& body);
// ID  NAME  CREATED BY  CREATED AT  EXPIRES
std::string AgentTokensTable(const Json& tokens);
// A new agent token: its id and name, the token and that it is shown once.
std::string CreatedAgentTokenText(const Json& token);
// The environment's line, then REGISTRY  REVISION  CREDENTIALS  INJECT  SECRET.
std::string DesiredStateTable(const Json& state);
// The policy's fields, then ENVIRONMENT  ATTACHED  INJECT  SECRET.
std::string InjectionPolicyDetails(const Json& policy);

}  // namespace reghub::cli
