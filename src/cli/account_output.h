#pragma once

#include <string>

#include "cli/api_client.h"
#include "core/result.h"

namespace reghub::cli {

// Table renderers of the API's users, teams and tokens (docs/api.md), and the
// look-ups the account commands share. Fields are read leniently: a missing
// field shows as an empty cell.

// ID  USERNAME  DISPLAY NAME  ADMIN  DISABLED  TEAMS
std::string UserListTable(const Json& users);
std::string UserDetails(const Json& user);
// ID  NAME  MEMBERS  DESCRIPTION
std::string TeamListTable(const Json& teams);
// The team's fields and a MEMBERS list.
std::string TeamDetails(const Json& team);
// ID  NAME  CREATED AT  EXPIRES AT
std::string TokenListTable(const Json& tokens);

// Every item of a paged list endpoint (`key` is "users" or "teams").
Result<Json> ListAllPages(const ApiClient& client, const std::string& path,
                          const std::string& key);
// The user or team named by `name_or_id`: an exact name match first, else
// the id. not_found naming it when neither matches.
Result<Json> FindUser(const ApiClient& client, const std::string& name_or_id);
Result<Json> FindTeam(const ApiClient& client, const std::string& name_or_id);

}  // namespace reghub::cli
