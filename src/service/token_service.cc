#include "service/token_service.h"

#include "access/tokens.h"
#include "core/account_validation.h"
#include "service/account_rules.h"

namespace reghub::service {

Result<std::vector<store::TokenRecord>> TokenService::List(const Actor& actor) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  return store_.ListUserTokens(actor.user_id, "api");
}

Result<CreatedToken> TokenService::Create(const Actor& actor, const std::string& name,
                                          std::optional<long long> expires_in_days) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  Violations violations;
  CheckText(name, "name", kMaxTokenNameLength, /*allow_line_breaks=*/false, /*required=*/true,
            violations);
  if (expires_in_days) CheckTokenLifetimeDays(*expires_in_days, "expires_in_days", violations);
  if (!violations.empty()) return violations.ToError();
  REGHUB_ASSIGN_OR_RETURN(auto existing, store_.ListUserTokens(actor.user_id, "api"));
  if (existing.size() >= kMaxTokensPerUser) {
    return Error::FailedPrecondition("you already hold " + std::to_string(existing.size()) +
                                     " API tokens (the most allowed); revoke one first");
  }
  UnixSeconds now = clock_.Now();
  SecretString token = access::GenerateToken();
  store::TokenRecord record{.id = access::GenerateId(),
                            .token_hash = access::HashToken(token.Reveal()),
                            .user_id = actor.user_id,
                            .kind = "api",
                            .name = name,
                            .created_at = now,
                            .expires_at = expires_in_days ? now + *expires_in_days * 86400 : 0};
  REGHUB_RETURN_IF_ERROR(store_.InsertToken(
      record, AuditBy(actor, now, "token.create", "token", record.id,
                      {{"name", name}, {"kind", "api"}, {"expires_at", record.expires_at}})));
  return CreatedToken{std::move(record), std::move(token)};
}

Status TokenService::Revoke(const Actor& actor, const std::string& id) {
  REGHUB_RETURN_IF_ERROR(RequirePerson(actor));
  auto token = store_.GetToken(id);
  if (!token.ok()) return token.error();
  bool mine = token->user_id == actor.user_id;
  if (token->kind != "api" || (!mine && !IsHubAdmin(actor, is_hub_admin_))) {
    return Error::NotFound("token " + id + " not found");
  }
  nlohmann::json details = {{"name", token->name}, {"owner_id", token->user_id}};
  return store_.DeleteToken(id, AuditBy(actor, clock_.Now(), "token.revoke", "token", id,
                                        std::move(details)));
}

}  // namespace reghub::service
