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

constexpr Migration kMigrations[] = {
    {1, "registries, revisions, users, tokens, audit", kInitialSqlite, kInitialPostgres},
};

}  // namespace

std::span<const Migration> AllMigrations() { return kMigrations; }

}  // namespace reghub::store
