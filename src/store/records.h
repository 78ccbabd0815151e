#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/registry.h"
#include "core/registry_diff.h"

namespace reghub::store {

// A registry with its sealed credentials (opaque bytes from secrets::Sealer;
// empty for kind none).
struct StoredRegistry {
  Registry registry;
  std::string sealed_credentials;
};

// One revision of a registry: who made it, what changed, and the registry as
// it was then (RegistryToJson with ca_pem; never a secret).
struct RevisionRecord {
  std::string registry_id;
  std::int64_t revision = 0;
  UnixSeconds created_at = 0;
  std::string created_by;
  std::vector<FieldChange> changes;
  nlohmann::json snapshot;
};

// One audit log line. `details` never holds a secret value.
struct AuditEntry {
  std::int64_t id = 0;                 // assigned by the store, increasing
  UnixSeconds at = 0;
  std::string actor;                   // username, or "system"
  std::string action;                  // "registry.create", "auth.login", ...
  std::string target_type;             // "registry", "user", "token", ...
  std::string target_id;
  std::string source;                  // client address
  nlohmann::json details = nlohmann::json::object();
};

struct UserRecord {
  std::string id;
  std::string username;
  std::string password_hash;           // Argon2id encoded string
  bool is_admin = false;
  bool disabled = false;
  UnixSeconds created_at = 0;
  std::string display_name;
  UnixSeconds password_changed_at = 0; // 0: never changed since creation
};

// A bearer token: only its SHA-256 is stored.
struct TokenRecord {
  std::string id;
  std::string token_hash;              // hex sha256 of the token
  std::string user_id;
  std::string kind;                    // "session" (login), "api" or "agent"
  std::string name;
  UnixSeconds created_at = 0;
  UnixSeconds expires_at = 0;          // 0: never
  std::string environment_id;          // agent tokens: the environment they serve
};

// A token with the user it belongs to, read together for authentication.
struct TokenOwner {
  TokenRecord token;
  UserRecord user;
};

// A team of users (store/team_store.h). `member_count` is filled by lists,
// `members` (ordered by username) by TeamStore::GetTeam only.
struct TeamMember {
  std::string user_id;
  std::string username;
  bool operator==(const TeamMember&) const = default;
};

struct TeamRecord {
  std::string id;
  std::string name;
  std::string description;
  UnixSeconds created_at = 0;
  std::int64_t member_count = 0;
  std::vector<TeamMember> members;
};

// Pagination: `page_token` is opaque to callers (the store encodes its
// cursor); an empty next_page_token means the last page.
struct PageRequest {
  int page_size = 50;
  std::string page_token;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_page_token;
};

struct RegistryFilter {
  std::optional<Provider> provider;
  std::string query;                   // case-insensitive substring of url, display_name
};

}  // namespace reghub::store
