#pragma once

#include <string>

namespace reghub::service {

// Who is calling, as established by authentication, and from where.
struct Actor {
  std::string user_id;
  std::string username;
  bool is_admin = false;
  std::string token_id;
  // Set for agent tokens: the one environment the token serves. Such an
  // actor holds no other right (see Permission::kEnvironmentAgent).
  std::string environment_id;
  std::string source;   // client address, for the audit log
};

}  // namespace reghub::service
