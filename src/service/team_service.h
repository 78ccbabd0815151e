#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/actor.h"
#include "service/clock.h"
#include "store/store.h"
#include "store/team_store.h"

namespace reghub::service {

// Only the fields that are set change.
struct TeamPatch {
  std::optional<std::string> name;
  std::optional<std::string> description;
};

// Teams: hub administrators create, rename, describe and delete them and set
// their members (by username, replacing the whole set); every signed-in user
// may list and read them. Names follow CheckAccountName; a team holds at most
// kMaxMembers users. Every change is audited (membership changes with the
// usernames added and removed). Safe for concurrent use.
class TeamService {
 public:
  static constexpr std::size_t kMaxMembers = 1000;

  // `is_hub_admin` decides who administers teams (empty: users.is_admin).
  TeamService(store::Store& store, store::TeamStore& teams, const Clock& clock,
              std::function<bool(const Actor&)> is_hub_admin = nullptr)
      : store_(store), teams_(teams), clock_(clock), is_hub_admin_(std::move(is_hub_admin)) {}

  Result<store::Page<store::TeamRecord>> List(const Actor& actor, const store::PageRequest& page);
  Result<store::TeamRecord> Get(const Actor& actor, const std::string& id);
  Result<store::TeamRecord> Create(const Actor& actor, const std::string& name,
                                   const std::string& description);
  Result<store::TeamRecord> Update(const Actor& actor, const std::string& id,
                                   const TeamPatch& patch);
  Status Delete(const Actor& actor, const std::string& id);
  // invalid_argument naming "members[i]" for a malformed or unknown username;
  // nothing changes then.
  Result<store::TeamRecord> SetMembers(const Actor& actor, const std::string& id,
                                       const std::vector<std::string>& usernames);

 private:
  store::Store& store_;
  store::TeamStore& teams_;
  const Clock& clock_;
  std::function<bool(const Actor&)> is_hub_admin_;
};

}  // namespace reghub::service
