#pragma once

// Conformance suite for revisions, users, tokens, the audit log and
// migrations: every engine passes it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/store_test_fixture.h"

namespace reghub::store::testing {

template <typename Engine>
class HistoryStoreTest : public StoreTest<Engine> {};
TYPED_TEST_SUITE_P(HistoryStoreTest);

TYPED_TEST_P(HistoryStoreTest, RevisionsListNewestFirstAcrossPages) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry);
  for (int i = 2; i <= 5; ++i) {
    registry = NextRevision(registry, "name " + std::to_string(i));
    ASSERT_TRUE(this->Update(registry).ok());
  }
  std::vector<std::int64_t> seen;
  PageRequest request{2, ""};
  int pages = 0;
  do {
    auto page = this->store_->ListRevisions("r1", request);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (const RevisionRecord& record : page->items) {
      EXPECT_EQ(record.registry_id, "r1");
      seen.push_back(record.revision);
    }
    request.page_token = page->next_page_token;
  } while (!request.page_token.empty() && ++pages < 10);
  EXPECT_EQ(seen, (std::vector<std::int64_t>{5, 4, 3, 2, 1}));
}

TYPED_TEST_P(HistoryStoreTest, RevisionKeepsWhoWhenWhatAndTheSnapshot) {
  Registry first = MakeRegistry("r1", "reg.example.com");
  this->Insert(first);
  Registry second = NextRevision(first, "renamed");
  FieldChange change{"display_name", "", "renamed", "display_name changed from \"\" to \"renamed\""};
  ASSERT_TRUE(this->store_
                  ->UpdateRegistry(Stored(second), 1, RevisionOf(second, {change}),
                                   Audit("registry.update", "r1"))
                  .ok());
  auto got = this->store_->GetRevision("r1", 2);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->revision, 2);
  EXPECT_EQ(got->created_at, second.updated_at);
  EXPECT_EQ(got->created_by, "editor");
  EXPECT_EQ(got->changes, std::vector<FieldChange>{change});
  EXPECT_EQ(got->snapshot, RegistryToJson(second, true));
  auto old = this->store_->GetRevision("r1", 1);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->snapshot, RegistryToJson(first, true));
  EXPECT_TRUE(old->changes.empty());
}

TYPED_TEST_P(HistoryStoreTest, MissingRevisionsAreNotFound) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  EXPECT_EQ(this->store_->GetRevision("r1", 2).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->ListRevisions("nope", {}).error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(HistoryStoreTest, UsersAreFoundByIdAndNameAndNamesAreUnique) {
  UserRecord user{"u1", "alice", "$argon2id$v=19$m=65536,t=2,p=1$salt$hash", true, false, kT0};
  ASSERT_TRUE(this->store_->InsertUser(user, Audit("user.create", "u1")).ok());
  auto by_id = this->store_->GetUser("u1");
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(by_id->username, "alice");
  EXPECT_EQ(by_id->password_hash, user.password_hash);
  EXPECT_TRUE(by_id->is_admin);
  EXPECT_FALSE(by_id->disabled);
  EXPECT_EQ(by_id->created_at, kT0);
  EXPECT_EQ(this->store_->FindUserByName("alice")->id, "u1");
  EXPECT_EQ(this->store_->FindUserByName("bob").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->GetUser("u2").error().code, ErrorCode::kNotFound);

  UserRecord twin{"u2", "alice", "x", false, true, kT0};
  Status duplicate = this->store_->InsertUser(twin, Audit("user.create", "u2"));
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  ASSERT_EQ(duplicate.error().details.size(), 1u);
  EXPECT_EQ(duplicate.error().details[0].field, "username");
  EXPECT_EQ(this->store_->CountUsers().value(), 1);
}

TYPED_TEST_P(HistoryStoreTest, TokensAreFoundByHashAndExpire) {
  ASSERT_TRUE(this->store_->InsertUser({"u1", "alice", "h", false, false, kT0},
                                       Audit("user.create", "u1")).ok());
  TokenRecord session{"t1", std::string(64, 'a'), "u1", "session", "", kT0, kT0 + 3600};
  TokenRecord forever{"t2", std::string(64, 'b'), "u1", "api", "ci", kT0, 0};
  TokenRecord later{"t3", std::string(64, 'c'), "u1", "api", "", kT0, kT0 + 86400};
  for (const TokenRecord& token : {session, forever, later}) {
    Status inserted = this->store_->InsertToken(token, Audit("token.create", token.id));
    ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  }
  auto found = this->store_->FindTokenByHash(std::string(64, 'b'));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, "t2");
  EXPECT_EQ(found->user_id, "u1");
  EXPECT_EQ(found->kind, "api");
  EXPECT_EQ(found->name, "ci");
  EXPECT_EQ(found->expires_at, 0);

  ASSERT_TRUE(this->store_->DeleteExpiredTokens(kT0 + 3600).ok());
  EXPECT_EQ(this->store_->FindTokenByHash(session.token_hash).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->store_->FindTokenByHash(forever.token_hash).ok());
  EXPECT_TRUE(this->store_->FindTokenByHash(later.token_hash).ok());

  ASSERT_TRUE(this->store_->DeleteToken("t3", Audit("token.delete", "t3")).ok());
  EXPECT_EQ(this->store_->FindTokenByHash(later.token_hash).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->DeleteToken("t3", Audit("token.delete", "t3")).error().code,
            ErrorCode::kNotFound);
}

TYPED_TEST_P(HistoryStoreTest, TokenHashesAreUniqueAndOwnedByAUser) {
  ASSERT_TRUE(this->store_->InsertUser({"u1", "alice", "h", false, false, kT0},
                                       Audit("user.create", "u1")).ok());
  TokenRecord token{"t1", std::string(64, 'a'), "u1", "api", "", kT0, 0};
  ASSERT_TRUE(this->store_->InsertToken(token, Audit("token.create", "t1")).ok());
  TokenRecord twin = token;
  twin.id = "t2";
  Status duplicate = this->store_->InsertToken(twin, Audit("token.create", "t2"));
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);
  EXPECT_THAT(duplicate.error().message, ::testing::Not(::testing::HasSubstr(token.token_hash)));
  TokenRecord orphan{"t3", std::string(64, 'c'), "nobody", "api", "", kT0, 0};
  EXPECT_EQ(this->store_->InsertToken(orphan, Audit("token.create", "t3")).error().code,
            ErrorCode::kFailedPrecondition);
}

TYPED_TEST_P(HistoryStoreTest, EveryChangeWritesItsAuditEntryNewestFirst) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry);
  ASSERT_TRUE(this->Update(NextRevision(registry, "two")).ok());
  ASSERT_TRUE(this->store_->DeleteRegistry("r1", Audit("registry.delete", "r1")).ok());
  AuditEntry login = Audit("auth.login", "u1", kT0 + 5);
  login.target_type = "user";
  login.details = {{"method", "password"}, {"ok", true}};
  ASSERT_TRUE(this->store_->AppendAudit(login).ok());

  std::vector<AuditEntry> entries = this->AllAudit();
  ASSERT_EQ(entries.size(), 4u);
  std::vector<std::string> actions;
  for (const AuditEntry& entry : entries) actions.push_back(entry.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"auth.login", "registry.delete", "registry.update",
                                               "registry.create"}));
  for (std::size_t i = 1; i < entries.size(); ++i) EXPECT_GT(entries[i - 1].id, entries[i].id);
  EXPECT_EQ(entries[0].at, kT0 + 5);
  EXPECT_EQ(entries[0].actor, "admin");
  EXPECT_EQ(entries[0].target_type, "user");
  EXPECT_EQ(entries[0].target_id, "u1");
  EXPECT_EQ(entries[0].source, "127.0.0.1");
  EXPECT_EQ(entries[0].details, login.details);
}

TYPED_TEST_P(HistoryStoreTest, AuditDetailsWithInvalidUtf8AreStoredNotThrown) {
  AuditEntry entry = Audit("auth.login_failed", "u1");
  entry.details = {{"username", std::string("bad\xff\xfe name")}};
  Status appended = this->store_->AppendAudit(entry);
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  std::vector<AuditEntry> entries = this->AllAudit();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_TRUE(entries[0].details["username"].get<std::string>().starts_with("bad"));
}

TYPED_TEST_P(HistoryStoreTest, AuditPagesDoNotRepeatOrSkip) {
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(this->store_->AppendAudit(Audit("test." + std::to_string(i), "x")).ok());
  }
  std::vector<std::string> actions;
  PageRequest request{3, ""};
  int pages = 0;
  do {
    auto page = this->store_->ListAudit(request);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (const AuditEntry& entry : page->items) actions.push_back(entry.action);
    request.page_token = page->next_page_token;
  } while (!request.page_token.empty() && ++pages < 10);
  EXPECT_EQ(actions, (std::vector<std::string>{"test.6", "test.5", "test.4", "test.3", "test.2",
                                               "test.1", "test.0"}));
}

TYPED_TEST_P(HistoryStoreTest, ReopeningKeepsDataAndAppliesEachMigrationOnce) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  this->store_.reset();
  for (int open = 0; open < 2; ++open) {
    auto reopened = OpenStore(this->database_);
    ASSERT_TRUE(reopened.ok()) << reopened.error().message;
    this->store_ = std::move(reopened).value();
    EXPECT_TRUE(this->store_->GetRegistry("r1").ok());
  }
  ASSERT_TRUE(ApplyMigrations(this->Database()).ok());
  auto lease = this->Database().Acquire();
  ASSERT_TRUE(lease.ok());
  auto rows = (*lease)->Query("SELECT version FROM schema_migrations ORDER BY version");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), AllMigrations().size());
  for (std::size_t i = 0; i < rows->size(); ++i) {
    EXPECT_EQ((*rows)[i].Int(0), AllMigrations()[i].version);
  }
}

REGISTER_TYPED_TEST_SUITE_P(HistoryStoreTest, RevisionsListNewestFirstAcrossPages,
                            RevisionKeepsWhoWhenWhatAndTheSnapshot, MissingRevisionsAreNotFound,
                            UsersAreFoundByIdAndNameAndNamesAreUnique,
                            TokensAreFoundByHashAndExpire, TokenHashesAreUniqueAndOwnedByAUser,
                            EveryChangeWritesItsAuditEntryNewestFirst,
                            AuditDetailsWithInvalidUtf8AreStoredNotThrown,
                            AuditPagesDoNotRepeatOrSkip,
                            ReopeningKeepsDataAndAppliesEachMigrationOnce);

}  // namespace reghub::store::testing
