#include "service/auth_service.h"

#include "access/password_hasher.h"
#include "access/tokens.h"

namespace reghub::service {
namespace {

constexpr std::size_t kMaxUsernameLength = 128;
constexpr std::size_t kMaxPasswordLength = 1024;

// Verifying against this keeps the time of a login for an unknown user close
// to that of a wrong password, so logins do not reveal which users exist.
const std::string& DummyHash() {
  static const std::string hash = access::HashPassword(SecretString("reghub-dummy-password"));
  return hash;
}

Error InvalidLogin() { return Error::Unauthenticated("invalid username or password"); }

}  // namespace

Result<LoginResult> AuthService::Login(std::string_view username, const SecretString& password,
                                       const std::string& source) {
  if (throttle_ != nullptr) {
    if (Status allowed = throttle_->Check(username, source, clock_.Now()); !allowed.ok()) {
      std::string shown(username.substr(0, kMaxUsernameLength));
      REGHUB_RETURN_IF_ERROR(store_.AppendAudit(
          {.at = clock_.Now(), .actor = "anonymous", .action = "auth.login_throttled",
           .target_type = "user", .source = source,
           .details = {{"username", shown},
                       {"retry_after_seconds", allowed.error().retry_after_seconds}}}));
      return allowed.error();
    }
  }
  if (username.empty() || username.size() > kMaxUsernameLength || password.empty() ||
      password.size() > kMaxPasswordLength) {
    return LoginFailed(username, source);
  }
  auto user = store_.FindUserByName(std::string(username));
  if (!user.ok()) {
    if (user.error().code != ErrorCode::kNotFound) return user.error();
    access::VerifyPassword(DummyHash(), password);
    REGHUB_RETURN_IF_ERROR(store_.AppendAudit({.at = clock_.Now(), .actor = "anonymous",
                                               .action = "auth.login_failed",
                                               .target_type = "user", .source = source}));
    return LoginFailed(username, source);
  }
  if (!access::VerifyPassword(user->password_hash, password) || user->disabled) {
    REGHUB_RETURN_IF_ERROR(store_.AppendAudit({.at = clock_.Now(), .actor = user->username,
                                               .action = "auth.login_failed",
                                               .target_type = "user", .target_id = user->id,
                                               .source = source}));
    return LoginFailed(username, source);
  }
  if (throttle_ != nullptr) throttle_->RecordSuccess(username);
  UnixSeconds now = clock_.Now();
  SecretString token = access::GenerateToken();
  store::TokenRecord record{.id = access::GenerateId(),
                            .token_hash = access::HashToken(token.Reveal()),
                            .user_id = user->id,
                            .kind = "session",
                            .name = "login",
                            .created_at = now,
                            .expires_at = now + kSessionLifetime};
  REGHUB_RETURN_IF_ERROR(store_.InsertToken(
      record, {.at = now, .actor = user->username, .action = "auth.login",
               .target_type = "token", .target_id = record.id, .source = source}));
  return LoginResult{std::move(token), record.expires_at};
}

Error AuthService::LoginFailed(std::string_view username, const std::string& source) {
  if (throttle_ != nullptr) throttle_->RecordFailure(username, source, clock_.Now());
  return InvalidLogin();
}

Result<Actor> AuthService::Authenticate(std::string_view token, const std::string& source) const {
  if (token.empty() || token.size() > 256) return Error::Unauthenticated("invalid or expired token");
  auto owner = store_.FindTokenOwner(access::HashToken(token));
  if (!owner.ok()) {
    if (owner.error().code == ErrorCode::kNotFound) {
      return Error::Unauthenticated("invalid or expired token");
    }
    return owner.error();
  }
  const store::TokenRecord& record = owner->token;
  const store::UserRecord& user = owner->user;
  if (record.expires_at != 0 && record.expires_at <= clock_.Now()) {
    return Error::Unauthenticated("invalid or expired token: log in again");
  }
  if (user.disabled) return Error::Unauthenticated("invalid or expired token");
  return Actor{.user_id = user.id,
               .username = user.username,
               .is_admin = user.is_admin,
               .token_id = record.id,
               .environment_id = record.environment_id,
               .source = source};
}

Status AuthService::Logout(const Actor& actor) {
  return store_.DeleteToken(actor.token_id,
                            {.at = clock_.Now(), .actor = actor.username, .action = "auth.logout",
                             .target_type = "token", .target_id = actor.token_id,
                             .source = actor.source});
}

Result<std::optional<SecretString>> AuthService::EnsureAdministrator(const SecretString& password) {
  REGHUB_ASSIGN_OR_RETURN(std::int64_t users, store_.CountUsers());
  if (users > 0) return std::optional<SecretString>();
  std::optional<SecretString> generated;
  const SecretString* chosen = &password;
  if (password.empty()) {
    generated = access::GeneratePassword();
    chosen = &*generated;
  } else {
    REGHUB_RETURN_IF_ERROR(access::CheckPasswordPolicy(password));
  }
  UnixSeconds now = clock_.Now();
  store::UserRecord admin{.id = access::GenerateId(),
                          .username = "admin",
                          .password_hash = access::HashPassword(*chosen),
                          .is_admin = true,
                          .disabled = false,
                          .created_at = now};
  REGHUB_RETURN_IF_ERROR(store_.InsertUser(
      admin, {.at = now, .actor = "system", .action = "user.create", .target_type = "user",
              .target_id = admin.id, .source = "local",
              .details = {{"username", "admin"}, {"is_admin", true}}}));
  return generated;
}

}  // namespace reghub::service
