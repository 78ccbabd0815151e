#include "cli/account_output.h"

#include <utility>
#include <vector>

#include "cli/output.h"

namespace reghub::cli {
namespace {

std::string Field(const Json& object, const char* key) {
  return object.contains(key) ? CellText(object[key]) : "";
}

std::string YesNo(const Json& object, const char* key) {
  return object.value(key, false) ? "yes" : "no";
}

Result<Json> FindByName(const ApiClient& client, const std::string& collection,
                        const std::string& name_key, const std::string& name_or_id,
                        const std::string& what) {
  REGHUB_ASSIGN_OR_RETURN(Json items, ListAllPages(client, "/api/v1/" + collection, collection));
  for (const Json& item : items) {
    if (item.value(name_key, "") == name_or_id) {
      // Lists may carry fewer fields (teams without members): read the one.
      return client.Get("/api/v1/" + collection + "/" + QueryEscape(item.value("id", "")));
    }
  }
  for (const Json& item : items) {
    if (item.value("id", "") == name_or_id) {
      return client.Get("/api/v1/" + collection + "/" + QueryEscape(name_or_id));
    }
  }
  return Error::NotFound("no " + what + " named " + name_or_id);
}

}  // namespace

std::string UserListTable(const Json& users) {
  std::vector<std::vector<std::string>> rows;
  for (const Json& user : users) {
    rows.push_back({Field(user, "id"), Field(user, "username"), Field(user, "display_name"),
                    YesNo(user, "is_admin"), YesNo(user, "disabled"), Field(user, "teams")});
  }
  return RenderTable({"ID", "USERNAME", "DISPLAY NAME", "ADMIN", "DISABLED", "TEAMS"}, rows);
}

std::string UserDetails(const Json& user) {
  return RenderFields({{"ID", Field(user, "id")},
                       {"Username", Field(user, "username")},
                       {"Display name", Field(user, "display_name")},
                       {"Administrator", YesNo(user, "is_admin")},
                       {"Disabled", YesNo(user, "disabled")},
                       {"Teams", Field(user, "teams")},
                       {"Created at", Field(user, "created_at")},
                       {"Password changed", Field(user, "password_changed_at")}});
}

std::string TeamListTable(const Json& teams) {
  std::vector<std::vector<std::string>> rows;
  for (const Json& team : teams) {
    rows.push_back({Field(team, "id"), Field(team, "name"), Field(team, "member_count"),
                    Field(team, "description")});
  }
  return RenderTable({"ID", "NAME", "MEMBERS", "DESCRIPTION"}, rows);
}

std::string TeamDetails(const Json& team) {
  std::string members;
  if (team.contains("members") && team["members"].is_array()) {
    for (const Json& member : team["members"]) {
      if (!members.empty()) members += "\n";
      members += member.value("username", "");
    }
  }
  return RenderFields({{"ID", Field(team, "id")},
                       {"Name", Field(team, "name")},
                       {"Description", Field(team, "description")},
                       {"Created at", Field(team, "created_at")},
                       {"Members", members}});
}

std::string TokenListTable(const Json& tokens) {
  std::vector<std::vector<std::string>> rows;
  for (const Json& token : tokens) {
    std::string expires = Field(token, "expires_at");
    rows.push_back({Field(token, "id"), Field(token, "name"), Field(token, "created_at"),
                    expires.empty() ? "never" : expires});
  }
  return RenderTable({"ID", "NAME", "CREATED AT", "EXPIRES AT"}, rows);
}

Result<Json> ListAllPages(const ApiClient& client, const std::string& path,
                          const std::string& key) {
  Json items = Json::array();
  std::string page_token;
  for (int page = 0; page < 10000; ++page) {
    std::string url = path + "?page_size=500";
    if (!page_token.empty()) url += "&page_token=" + QueryEscape(page_token);
    REGHUB_ASSIGN_OR_RETURN(Json response, client.Get(url));
    if (response.contains(key) && response[key].is_array()) {
      for (Json& item : response[key]) items.push_back(std::move(item));
    }
    page_token = response.value("next_page_token", "");
    if (page_token.empty()) break;
  }
  return items;
}

Result<Json> FindUser(const ApiClient& client, const std::string& name_or_id) {
  return FindByName(client, "users", "username", name_or_id, "user");
}

Result<Json> FindTeam(const ApiClient& client, const std::string& name_or_id) {
  return FindByName(client, "teams", "name", name_or_id, "team");
}

}  // namespace reghub::cli
