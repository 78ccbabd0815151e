// The schema, one migration per step. Append new migrations at the end with
// the next version; never edit one that has been released.

#include "store/migrations.h"

namespace reghub::store {
namespace {

// Version 1: registries with their revisions, users, tokens and the audit log.
// `document` is RegistryToJson(registry, /*include_ca_pem=*/true); the columns
// beside it are copies for uniqueness, filtering and ordering.
constexpr std::string_view kInitialSqlite = R"sql(
CREATE TABLE registries (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  provider TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0,
  revision INTEGER NOT NULL,
  document TEXT NOT NULL,
  sealed_credentials BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX registries_is_default_unique ON registries (is_default) WHERE is_default = 1;
CREATE INDEX registries_provider_url ON registries (provider, url);
-- Covers the list query, so a q= search scans this narrow index instead of
-- rows that carry the JSON document.
CREATE INDEX registries_search ON registries (url, display_name, id, revision, updated_at);
CREATE TABLE registry_revisions (
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  changes TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (registry_id, revision)
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tokens_user_id ON tokens (user_id);
CREATE INDEX tokens_expires_at ON tokens (expires_at) WHERE expires_at <> 0;
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  source TEXT NOT NULL,
  details TEXT NOT NULL
);
)sql";

// URLs compare byte-wise (COLLATE "C") so that ordering and keyset paging do
// not depend on the server's locale.
constexpr std::string_view kInitialPostgres = R"sql(
CREATE TABLE registries (
  id TEXT PRIMARY KEY,
  url TEXT COLLATE "C" NOT NULL UNIQUE,
  provider TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0,
  revision BIGINT NOT NULL,
  document TEXT NOT NULL,
  sealed_credentials BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX registries_is_default_unique ON registries (is_default) WHERE is_default = 1;
CREATE INDEX registries_provider_url ON registries (provider, url);
-- Covers the list query, so a q= search scans this narrow index instead of
-- rows that carry the JSON document.
CREATE INDEX registries_search ON registries (url, display_name, id, revision, updated_at);
CREATE TABLE registry_revisions (
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  revision BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  changes TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  PRIMARY KEY (registry_id, revision)
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX tokens_user_id ON tokens (user_id);
CREATE INDEX tokens_expires_at ON tokens (expires_at) WHERE expires_at <> 0;
CREATE TABLE audit (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  source TEXT NOT NULL,
  details TEXT NOT NULL
);
)sql";

// Version 2: users' display names, teams and membership, global and
// per-registry grants, environments with their attachments, injection
// policies and agent tokens. Identical for both dialects but the integer type.
constexpr std::string_view kAccessSqlite = R"sql(
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN password_changed_at INTEGER NOT NULL DEFAULT 0;
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id ON team_members (user_id);
-- A grant goes to exactly one subject: a user or a team. Deleting the
-- subject or the registry deletes its grants.
CREATE TABLE global_grants (
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE UNIQUE INDEX global_grants_unique ON global_grants (COALESCE(user_id, ''), COALESCE(team_id, ''), role);
CREATE TABLE registry_grants (
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE UNIQUE INDEX registry_grants_unique ON registry_grants (registry_id, COALESCE(user_id, ''), COALESCE(team_id, ''), role);
CREATE INDEX registry_grants_user_id ON registry_grants (user_id);
CREATE INDEX registry_grants_team_id ON registry_grants (team_id);
-- `settings` holds the kind's own fields as JSON (kubernetes: api_server_url,
-- namespaces); `editor_team_ids` the teams whose members may edit it.
CREATE TABLE environments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  settings TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE environment_editors (
  environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  PRIMARY KEY (environment_id, team_id)
);
-- actuated_revision 0: the environment's agent has not reported this registry yet.
CREATE TABLE attachments (
  environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  attached_at INTEGER NOT NULL,
  attached_by TEXT NOT NULL,
  actuated_revision INTEGER NOT NULL DEFAULT 0,
  actuated_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (environment_id, registry_id)
);
CREATE INDEX attachments_registry_id ON attachments (registry_id);
-- mode: all-except | only (over injection_policy_environments);
-- secret_source: generated | existing (secret_name names it either way).
CREATE TABLE injection_policies (
  registry_id TEXT PRIMARY KEY REFERENCES registries (id) ON DELETE CASCADE,
  mode TEXT NOT NULL,
  secret_source TEXT NOT NULL,
  secret_name TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE injection_policy_environments (
  registry_id TEXT NOT NULL REFERENCES injection_policies (registry_id) ON DELETE CASCADE,
  environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  PRIMARY KEY (registry_id, environment_id)
);
-- Agent tokens serve one environment; deleting it deletes them.
ALTER TABLE tokens ADD COLUMN environment_id TEXT REFERENCES environments (id) ON DELETE CASCADE;
CREATE INDEX tokens_environment_id ON tokens (environment_id);
)sql";

constexpr std::string_view kAccessPostgres = R"sql(
ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN password_changed_at BIGINT NOT NULL DEFAULT 0;
CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_id ON team_members (user_id);
-- A grant goes to exactly one subject: a user or a team. Deleting the
-- subject or the registry deletes its grants.
CREATE TABLE global_grants (
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE UNIQUE INDEX global_grants_unique ON global_grants (COALESCE(user_id, ''), COALESCE(team_id, ''), role);
CREATE TABLE registry_grants (
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE UNIQUE INDEX registry_grants_unique ON registry_grants (registry_id, COALESCE(user_id, ''), COALESCE(team_id, ''), role);
CREATE INDEX registry_grants_user_id ON registry_grants (user_id);
CREATE INDEX registry_grants_team_id ON registry_grants (team_id);
-- `settings` holds the kind's own fields as JSON (kubernetes: api_server_url,
-- namespaces); `editor_team_ids` the teams whose members may edit it.
CREATE TABLE environments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  settings TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE environment_editors (
  environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  PRIMARY KEY (environment_id, team_id)
);
-- actuated_revision 0: the environment's agent has not reported this registry yet.
CREATE TABLE attachments (
  environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  attached_at BIGINT NOT NULL,
  attached_by TEXT NOT NULL,
  actuated_revision BIGINT NOT NULL DEFAULT 0,
  actuated_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (environment_id, registry_id)
);
CREATE INDEX attachments_registry_id ON attachments (registry_id);
-- mode: all-except | only (over injection_policy_environments);
-- secret_source: generated | existing (secret_name names it either way).
CREATE TABLE injection_policies (
  registry_id TEXT PRIMARY KEY REFERENCES registries (id) ON DELETE CASCADE,
  mode TEXT NOT NULL,
  secret_source TEXT NOT NULL,
  secret_name TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE injection_policy_environments (
  registry_id TEXT NOT NULL REFERENCES injection_policies (registry_id) ON DELETE CASCADE,
  environment_id TEXT NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
  PRIMARY KEY (registry_id, environment_id)
);
-- Agent tokens serve one environment; deleting it deletes them.
ALTER TABLE tokens ADD COLUMN environment_id TEXT REFERENCES environments (id) ON DELETE CASCADE;
CREATE INDEX tokens_environment_id ON tokens (environment_id);
)sql";

// Version 3: health checks, newest `keep` per registry (pruned on insert).
// last_success_at carries the newest success forward on every row, so that
// pruning never loses it; certificate_not_after is NULL without TLS.
constexpr std::string_view kHealthSqlite = R"sql(
CREATE TABLE health_checks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  checked_at INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  failed_step TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  latency_ms INTEGER NOT NULL,
  certificate_not_after INTEGER,
  credentials_refused INTEGER NOT NULL DEFAULT 0,
  last_success_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX health_checks_registry_time ON health_checks (registry_id, checked_at);
)sql";

constexpr std::string_view kHealthPostgres = R"sql(
CREATE TABLE health_checks (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registry_id TEXT NOT NULL REFERENCES registries (id) ON DELETE CASCADE,
  checked_at BIGINT NOT NULL,
  ok INTEGER NOT NULL,
  failed_step TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  latency_ms BIGINT NOT NULL,
  certificate_not_after BIGINT,
  credentials_refused INTEGER NOT NULL DEFAULT 0,
  last_success_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX health_checks_registry_time ON health_checks (registry_id, checked_at);
)sql";

constexpr Migration kMigrations[] = {
    {1, "registries, revisions, users, tokens, audit", kInitialSqlite, kInitialPostgres},
    {2, "teams, grants, environments, attachments, injection policies", kAccessSqlite,
     kAccessPostgres},
    {3, "health checks", kHealthSqlite, kHealthPostgres},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

}  // namespace reghub::store
