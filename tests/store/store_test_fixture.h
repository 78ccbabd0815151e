#pragma once

// The fixture and builders shared by the store conformance suites. Each
// engine folder (tests/store/sqlite, tests/store/postgres) defines an Engine
// type and instantiates the suites with it:
//
//   struct Engine {
//     // The OpenStore() name of a new, empty database.
//     std::string NewDatabase();
//   };

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "core/registry_json.h"
#include "store/open_store.h"
#include "store/sql_store.h"
#include "store/store.h"

namespace reghub::store::testing {

constexpr UnixSeconds kT0 = 1'790'000'000;  // 2026-09-21

inline Registry MakeRegistry(const std::string& id, const std::string& host,
                             Provider provider = Provider::kGeneric,
                             const std::string& display_name = "") {
  Registry registry;
  registry.id = id;
  registry.url = RegistryUrl{host, 443};
  registry.display_name = display_name;
  registry.description = "registry " + id;
  registry.provider = provider;
  registry.credentials.kind = CredentialKind::kBasic;
  registry.credentials.username = "robot";
  registry.credentials.fingerprint = "0123456789abcdef";
  registry.credentials.replaced_at = kT0;
  registry.mirrors = {{"docker.io", "dockerhub"}};
  registry.usage.chart_repositories = {"charts/a"};
  registry.revision = 1;
  registry.permissions_deadline = kT0 + 300;
  registry.created_at = kT0;
  registry.created_by = "admin";
  registry.updated_at = kT0;
  registry.updated_by = "admin";
  return registry;
}

// Sealed bytes as a Sealer would make them: binary, with NUL and high bytes.
inline std::string FakeSealed(const std::string& tag) {
  return std::string("\x01\x00\xff\xfe", 4) + tag + std::string("\x00\x80", 2);
}

inline StoredRegistry Stored(Registry registry, std::string sealed = FakeSealed("s")) {
  return StoredRegistry{std::move(registry), std::move(sealed)};
}

inline RevisionRecord RevisionOf(const Registry& registry, std::vector<FieldChange> changes = {}) {
  RevisionRecord record;
  record.registry_id = registry.id;
  record.revision = registry.revision;
  record.created_at = registry.updated_at;
  record.created_by = registry.updated_by;
  record.changes = std::move(changes);
  record.snapshot = RegistryToJson(registry, /*include_ca_pem=*/true);
  return record;
}

inline AuditEntry Audit(const std::string& action, const std::string& target_id,
                        UnixSeconds at = kT0) {
  AuditEntry entry;
  entry.at = at;
  entry.actor = "admin";
  entry.action = action;
  entry.target_type = "registry";
  entry.target_id = target_id;
  entry.source = "127.0.0.1";
  entry.details = {{"note", action}};
  return entry;
}

// `registry` one revision later, with a new display name.
inline Registry NextRevision(Registry registry, const std::string& display_name) {
  registry.display_name = display_name;
  registry.revision += 1;
  registry.updated_at += 60;
  registry.updated_by = "editor";
  return registry;
}

template <typename Engine>
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = engine_.NewDatabase();
    auto opened = OpenStore(database_);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
  }

  // Inserts a registry at revision 1 with its first revision and audit line.
  void Insert(const Registry& registry, const std::string& sealed = FakeSealed("s")) {
    Status inserted = store_->InsertRegistry(Stored(registry, sealed), RevisionOf(registry),
                                             Audit("registry.create", registry.id));
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  }

  Status Update(const Registry& next, const std::string& sealed = FakeSealed("s")) {
    return store_->UpdateRegistry(Stored(next, sealed), next.revision - 1, RevisionOf(next),
                                  Audit("registry.update", next.id));
  }

  std::vector<AuditEntry> AllAudit() {
    auto page = store_->ListAudit({500, ""});
    EXPECT_TRUE(page.ok()) << page.error().message;
    return page.ok() ? page->items : std::vector<AuditEntry>{};
  }

  SqlDatabase& Database() { return dynamic_cast<SqlStore&>(*store_).database(); }

  Engine engine_;
  std::string database_;
  std::unique_ptr<Store> store_;
};

}  // namespace reghub::store::testing
