#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/hub_server.h"

namespace reghub::testing {

// The callers of the permission matrix, one per role.
enum class Caller {
  kAnonymous,          // no token
  kHubAdmin,           // users.is_admin
  kRegistryAdmin,      // administrator of R (a user grant)
  kAssigner,           // assigner of R (through a team)
  kConsumer,           // consumer of R
  kViewer,             // viewer of R
  kNobody,             // no grant at all
  kOtherConsumer,      // consumer of R2 only
  kAgent,              // agent token of environment E
};
const char* CallerName(Caller caller);
std::vector<Caller> AllCallers();

// A real hub with one user and token per Caller, registries R and R2 with
// their grants set through the API, and environment E. Users, teams,
// tokens and the environment are written to the hub's database while it is
// stopped (the users, teams and agent-token APIs belong to other parts of
// issue 3, so this fixture does not depend on them); the registries and
// grants go through the API. Each caller also has a spare token for routes
// that end the caller's own session.
class AccessHub {
 public:
  // Starts the hub; "" on success, else what went wrong.
  std::string Start();

  HubServer& hub() { return *hub_; }
  const std::string& Token(Caller caller) const { return tokens_.at(caller); }
  // The caller's spare tokens (kSpareTokens), each for one route that may revoke it.
  static constexpr int kSpareTokens = 2;
  const std::string& SpareToken(Caller caller, int index) const {
    return spare_tokens_.at(caller).at(index);
  }
  const std::string& UserId(Caller caller) const { return user_ids_.at(caller); }
  std::string Username(Caller caller) const;

  const std::string& registry_r() const { return registry_r_; }
  const std::string& registry_r2() const { return registry_r2_; }
  const std::string& environment_e() const { return environment_e_; }
  const std::string& environment_e2() const { return environment_e2_; }

  // A new registry (by the hub admin) with R's grants: for routes that delete it.
  std::string NewRegistryLikeR();

  // A request as `caller` (the anonymous caller sends no token), with the
  // caller's spare token `spare` when it is 0 or more.
  HttpResponse Send(Caller caller, const std::string& method, const std::string& path,
                    const std::string& body = "", int spare = -1);

  // R's grants, as PUT /api/v1/registries/{id}/grants takes them.
  static nlohmann::json GrantsOfR();

 private:
  std::string SeedDatabase();
  std::string CreateRegistry(const std::string& url, const nlohmann::json& grants);

  std::unique_ptr<HubServer> hub_;
  HttpClient http_;
  std::map<Caller, std::string> tokens_;
  std::map<Caller, std::vector<std::string>> spare_tokens_;
  std::map<Caller, std::string> user_ids_;
  std::string registry_r_, registry_r2_, environment_e_, environment_e2_;
  int registries_made_ = 0;
};

}  // namespace reghub::testing
