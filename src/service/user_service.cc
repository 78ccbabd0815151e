#include "service/user_service.h"

#include "access/password_hasher.h"
#include "access/tokens.h"
#include "core/account_validation.h"
#include "service/account_rules.h"

namespace reghub::service {
namespace {

// Adds the password policy's violation, on `field`, to `violations`.
void CheckPassword(const SecretString& password, const std::string& field,
                   Violations& violations) {
  Status policy = access::CheckPasswordPolicy(password);
  if (policy.ok()) return;
  for (const FieldViolation& violation : policy.error().details) {
    violations.Add(field, violation.message);
  }
}

}  // namespace

Result<UserView> UserService::View(store::UserRecord user) {
  REGHUB_ASSIGN_OR_RETURN(auto teams, teams_.TeamNamesOfUsers({user.id}));
  UserView view{std::move(user), {}};
  if (auto it = teams.find(view.user.id); it != teams.end()) view.teams = std::move(it->second);
  return view;
}

Result<store::Page<UserView>> UserService::List(const Actor& actor,
                                                const store::PageRequest& page) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  REGHUB_ASSIGN_OR_RETURN(auto users, store_.ListUsers(page));
  std::vector<std::string> ids;
  for (const auto& user : users.items) ids.push_back(user.id);
  REGHUB_ASSIGN_OR_RETURN(auto teams, teams_.TeamNamesOfUsers(ids));
  store::Page<UserView> result;
  result.next_page_token = users.next_page_token;
  for (auto& user : users.items) {
    UserView view{std::move(user), {}};
    if (auto it = teams.find(view.user.id); it != teams.end()) view.teams = it->second;
    result.items.push_back(std::move(view));
  }
  return result;
}

Result<UserView> UserService::Get(const Actor& actor, const std::string& id) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  REGHUB_ASSIGN_OR_RETURN(auto user, store_.GetUser(id));
  return View(std::move(user));
}

Result<UserView> UserService::Create(const Actor& actor, const NewUser& input) {
  REGHUB_RETURN_IF_ERROR(RequireHubAdmin(actor, "create users", is_hub_admin_));
  Violations violations;
  CheckAccountName(input.username, "username", violations);
  CheckPassword(input.password, "password", violations);
  CheckText(input.display_name, "display_name", kMaxDisplayNameLength,
            /*allow_line_breaks=*/false, /*required=*/false, violations);
  if (!violations.empty()) return violations.ToError();
  UnixSeconds now = clock_.Now();
  store::UserRecord user{.id = access::GenerateId(),
                         .username = input.username,
                         .password_hash = access::HashPassword(input.password),
                         .is_admin = input.is_admin,
                         .disabled = false,
                         .created_at = now,
                         .display_name = input.display_name};
  REGHUB_RETURN_IF_ERROR(store_.InsertUser(
      user, AuditBy(actor, now, "user.create", "user", user.id,
                    {{"username", user.username}, {"is_admin", user.is_admin}})));
  return UserView{std::move(user), {}};
}

Result<UserView> UserService::Update(const Actor& actor, const std::string& id,
                                     const UserPatch& patch) {
  REGHUB_RETURN_IF_ERROR(RequireHubAdmin(actor, "change users", is_hub_admin_));
  Violations violations;
  if (patch.display_name) {
    CheckText(*patch.display_name, "display_name", kMaxDisplayNameLength, false, false,
              violations);
  }
  if (patch.password) CheckPassword(*patch.password, "password", violations);
  if (!violations.empty()) return violations.ToError();
  REGHUB_ASSIGN_OR_RETURN(store::UserRecord user, store_.GetUser(id));
  if (id == actor.user_id && patch.disabled.value_or(false)) {
    return Error::FailedPrecondition("you cannot disable yourself",
                                     {{"disabled", "you cannot disable yourself"}});
  }
  UnixSeconds now = clock_.Now();
  nlohmann::json changed = nlohmann::json::object();
  if (patch.display_name && *patch.display_name != user.display_name) {
    changed["display_name"] = {{"before", user.display_name}, {"after", *patch.display_name}};
    user.display_name = *patch.display_name;
  }
  if (patch.disabled && *patch.disabled != user.disabled) {
    changed["disabled"] = {{"before", user.disabled}, {"after", *patch.disabled}};
    user.disabled = *patch.disabled;
  }
  if (patch.is_admin && *patch.is_admin != user.is_admin) {
    changed["is_admin"] = {{"before", user.is_admin}, {"after", *patch.is_admin}};
    user.is_admin = *patch.is_admin;
  }
  if (!changed.empty()) {
    std::string action = changed.contains("disabled")
                             ? (user.disabled ? "user.disable" : "user.enable")
                             : "user.update";
    REGHUB_RETURN_IF_ERROR(store_.UpdateUser(
        user, AuditBy(actor, now, action, "user", id,
                      {{"username", user.username}, {"changes", std::move(changed)}})));
  }
  // After the other fields, which may be refused (the last administrator).
  if (patch.password) {
    user.password_hash = access::HashPassword(*patch.password);
    user.password_changed_at = now;
    // Every session of the user ends; the audit line says so, never the password.
    REGHUB_RETURN_IF_ERROR(store_.ChangePassword(
        id, user.password_hash, now, /*keep_token_id=*/"",
        AuditBy(actor, now, "user.password_reset", "user", id,
                {{"username", user.username}, {"sessions_ended", true}})));
  }
  return View(std::move(user));
}

Status UserService::Delete(const Actor& actor, const std::string& id) {
  REGHUB_RETURN_IF_ERROR(RequireHubAdmin(actor, "delete users", is_hub_admin_));
  if (id == actor.user_id) return Error::FailedPrecondition("you cannot delete yourself");
  REGHUB_ASSIGN_OR_RETURN(store::UserRecord user, store_.GetUser(id));
  return store_.DeleteUser(id, AuditBy(actor, clock_.Now(), "user.delete", "user", id,
                                       {{"username", user.username}}));
}

Status UserService::ChangeOwnPassword(const Actor& actor, const SecretString& current,
                                      const SecretString& next) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  Violations violations;
  if (current.empty() || current.size() > 1024) {
    violations.Add("current_password", "required, your current password");
  }
  CheckPassword(next, "new_password", violations);
  if (!violations.empty()) return violations.ToError();
  UnixSeconds now = clock_.Now();
  if (throttle_ != nullptr) {
    REGHUB_RETURN_IF_ERROR(throttle_->Check(actor.username, actor.source, now));
  }
  REGHUB_ASSIGN_OR_RETURN(store::UserRecord user, store_.GetUser(actor.user_id));
  if (!access::VerifyPassword(user.password_hash, current)) {
    if (throttle_ != nullptr) throttle_->RecordFailure(actor.username, actor.source, now);
    REGHUB_RETURN_IF_ERROR(store_.AppendAudit(
        AuditBy(actor, now, "user.password_change_failed", "user", user.id)));
    return Error::InvalidField("current_password", "is not your current password");
  }
  if (current == next) {
    return Error::InvalidField("new_password", "must differ from the current password");
  }
  return store_.ChangePassword(
      user.id, access::HashPassword(next), now, /*keep_token_id=*/actor.token_id,
      AuditBy(actor, now, "user.password_change", "user", user.id,
              {{"username", user.username}, {"other_sessions_ended", true}}));
}

}  // namespace reghub::service
