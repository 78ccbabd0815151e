#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/login_throttle.h"
#include "core/result.h"
#include "core/secret_string.h"
#include "service/actor.h"
#include "service/clock.h"
#include "store/store.h"
#include "store/team_store.h"

namespace reghub::service {

// A user as the API shows it: the record (its password hash is never
// rendered) and the names of the user's teams.
struct UserView {
  store::UserRecord user;
  std::vector<std::string> teams;
};

struct NewUser {
  std::string username;
  SecretString password;
  std::string display_name;
  bool is_admin = false;
};

// Only the fields that are set change.
struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<bool> disabled;
  std::optional<bool> is_admin;
  std::optional<SecretString> password;
};

// Users: hub administrators create, change, disable and delete them and
// reset their passwords; every signed-in user may list and read them and
// change their own password. Every change is audited (never a password).
// Passwords follow access::CheckPasswordPolicy (12 to 1024 characters) and
// are stored as Argon2id hashes.
// - Nobody deletes or disables themselves; the hub always keeps one enabled
//   administrator (failed_precondition otherwise).
// - Disabling or deleting a user refuses their tokens from the next request.
// - A password reset by an administrator ends all of the user's sessions; a
//   user's own change ends their other sessions (API tokens stay).
// Safe for concurrent use.
class UserService {
 public:
  // With `throttle`, wrong current passwords count as failed logins and a
  // throttled user gets too_many_requests. Everything must outlive the service.
  // `is_hub_admin` decides who administers users (empty: users.is_admin).
  UserService(store::Store& store, store::TeamStore& teams, const Clock& clock,
              access::LoginThrottle* throttle = nullptr,
              std::function<bool(const Actor&)> is_hub_admin = nullptr)
      : store_(store), teams_(teams), clock_(clock), throttle_(throttle),
        is_hub_admin_(std::move(is_hub_admin)) {}

  Result<store::Page<UserView>> List(const Actor& actor, const store::PageRequest& page);
  Result<UserView> Get(const Actor& actor, const std::string& id);
  Result<UserView> Create(const Actor& actor, const NewUser& user);
  Result<UserView> Update(const Actor& actor, const std::string& id, const UserPatch& patch);
  Status Delete(const Actor& actor, const std::string& id);
  // invalid_argument on "current_password" when it is wrong.
  Status ChangeOwnPassword(const Actor& actor, const SecretString& current,
                           const SecretString& next);

 private:
  Result<UserView> View(store::UserRecord user);

  store::Store& store_;
  store::TeamStore& teams_;
  const Clock& clock_;
  access::LoginThrottle* throttle_;
  std::function<bool(const Actor&)> is_hub_admin_;
};

}  // namespace reghub::service
