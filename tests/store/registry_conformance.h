#pragma once

// Conformance suite for the registry part of Store: every engine passes it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "store/store_test_fixture.h"

namespace reghub::store::testing {

template <typename Engine>
class RegistryStoreTest : public StoreTest<Engine> {};
TYPED_TEST_SUITE_P(RegistryStoreTest);

TYPED_TEST_P(RegistryStoreTest, InsertedRegistryReadsBackWhole) {
  Registry registry = MakeRegistry("r1", "reg.example.com", Provider::kQuay, "Example");
  registry.tls.mode = TlsMode::kVerifyWithCa;
  registry.tls.ca_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  registry.tls.ca_fingerprint = "ab12";
  this->Insert(registry, FakeSealed("sealed-r1"));

  auto by_id = this->store_->GetRegistry("r1");
  ASSERT_TRUE(by_id.ok()) << by_id.error().message;
  EXPECT_EQ(by_id->registry, registry);
  EXPECT_EQ(by_id->sealed_credentials, FakeSealed("sealed-r1"));

  auto by_url = this->store_->FindRegistryByUrl("reg.example.com");
  ASSERT_TRUE(by_url.ok()) << by_url.error().message;
  EXPECT_EQ(by_url->registry.id, "r1");
  EXPECT_EQ(by_url->sealed_credentials, FakeSealed("sealed-r1"));
  EXPECT_EQ(this->store_->CountRegistries().value(), 1);
}

TYPED_TEST_P(RegistryStoreTest, EmptySealedCredentialsStayEmpty) {
  this->Insert(MakeRegistry("r1", "a.example.com"), "");
  auto got = this->store_->GetRegistry("r1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->sealed_credentials, "");
}

TYPED_TEST_P(RegistryStoreTest, UnknownRegistryIsNotFound) {
  EXPECT_EQ(this->store_->GetRegistry("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->FindRegistryByUrl("nope.example.com").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->FindDefaultRegistry().error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(RegistryStoreTest, DuplicateUrlIsAlreadyExistsOnUrlAndWritesNothing) {
  this->Insert(MakeRegistry("r1", "reg.example.com"));
  Registry twin = MakeRegistry("r2", "reg.example.com");
  Status inserted = this->store_->InsertRegistry(Stored(twin), RevisionOf(twin),
                                                 Audit("registry.create", "r2"));
  ASSERT_FALSE(inserted.ok());
  EXPECT_EQ(inserted.error().code, ErrorCode::kAlreadyExists);
  ASSERT_EQ(inserted.error().details.size(), 1u);
  EXPECT_EQ(inserted.error().details[0].field, "url");
  EXPECT_THAT(inserted.error().message, ::testing::HasSubstr("reg.example.com"));
  EXPECT_EQ(this->store_->CountRegistries().value(), 1);
  EXPECT_EQ(this->AllAudit().size(), 1u);
  EXPECT_EQ(this->store_->GetRevision("r2", 1).error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(RegistryStoreTest, AtMostOneRegistryIsTheDefault) {
  Registry first = MakeRegistry("r1", "a.example.com");
  first.usage.is_default = true;
  this->Insert(first);
  Registry second = MakeRegistry("r2", "b.example.com");
  second.usage.is_default = true;
  Status inserted = this->store_->InsertRegistry(Stored(second), RevisionOf(second),
                                                 Audit("registry.create", "r2"));
  ASSERT_FALSE(inserted.ok());
  EXPECT_EQ(inserted.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(inserted.error().message, ::testing::HasSubstr("a.example.com"));

  // Nor can an update make a second default.
  second.usage.is_default = false;
  this->Insert(second);
  Registry promoted = NextRevision(second, "promoted");
  promoted.usage.is_default = true;
  EXPECT_EQ(this->Update(promoted).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(this->store_->FindDefaultRegistry()->registry.id, "r1");

  // Once the first gives it up, the second can take it.
  Registry demoted = NextRevision(first, "demoted");
  demoted.usage.is_default = false;
  ASSERT_TRUE(this->Update(demoted).ok());
  Status taken = this->Update(promoted);
  ASSERT_TRUE(taken.ok()) << taken.error().message;
  EXPECT_EQ(this->store_->FindDefaultRegistry()->registry.id, "r2");
}

TYPED_TEST_P(RegistryStoreTest, UpdateAtCurrentRevisionReplacesTheRegistry) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry, FakeSealed("old"));
  Registry next = NextRevision(registry, "renamed");
  Status updated = this->Update(next, FakeSealed("new"));
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  auto got = this->store_->GetRegistry("r1");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->registry, next);
  EXPECT_EQ(got->sealed_credentials, FakeSealed("new"));
}

TYPED_TEST_P(RegistryStoreTest, StaleUpdateIsConflictAndWritesNothing) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry);
  Registry winner = NextRevision(registry, "winner");
  ASSERT_TRUE(this->Update(winner).ok());
  const std::size_t audit_before = this->AllAudit().size();

  Registry stale = NextRevision(registry, "stale");  // also based on revision 1
  Status lost = this->Update(stale);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().code, ErrorCode::kConflict);
  EXPECT_EQ(lost.error().message,
            "registry reg.example.com was changed by someone else (now at revision 2); "
            "reload and retry");
  EXPECT_EQ(this->store_->GetRegistry("r1")->registry.display_name, "winner");
  EXPECT_EQ(this->AllAudit().size(), audit_before);
  EXPECT_EQ(this->store_->ListRevisions("r1", {50, ""})->items.size(), 2u);
}

TYPED_TEST_P(RegistryStoreTest, UpdateOfDeletedRegistryIsNotFound) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry);
  ASSERT_TRUE(this->store_->DeleteRegistry("r1", Audit("registry.delete", "r1")).ok());
  EXPECT_EQ(this->Update(NextRevision(registry, "x")).error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(RegistryStoreTest, ConcurrentUpdatesOfOneRevisionHaveExactlyOneWinner) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry);
  constexpr int kRounds = 12;
  for (int round = 0; round < kRounds; ++round) {
    auto current = this->store_->GetRegistry("r1");
    ASSERT_TRUE(current.ok());
    Status results[2];
    std::latch start(2);
    std::vector<std::thread> writers;
    for (int writer = 0; writer < 2; ++writer) {
      writers.emplace_back([&, writer] {
        Registry next = NextRevision(current->registry, "writer " + std::to_string(writer));
        start.arrive_and_wait();
        results[writer] = this->Update(next);
      });
    }
    for (auto& thread : writers) thread.join();
    int wins = 0;
    for (const Status& result : results) {
      if (result.ok()) {
        ++wins;
      } else {
        EXPECT_EQ(result.error().code, ErrorCode::kConflict) << result.error().message;
      }
    }
    EXPECT_EQ(wins, 1) << "round " << round;
  }
  EXPECT_EQ(this->store_->GetRegistry("r1")->registry.revision, 1 + kRounds);
  EXPECT_EQ(this->store_->ListRevisions("r1", {500, ""})->items.size(), 1u + kRounds);
}

TYPED_TEST_P(RegistryStoreTest, ConcurrentWritersAllSucceed) {
  // More writers than pooled connections, each inserting and updating its
  // own registries: none may fail with a lock or busy error.
  constexpr int kWriters = 20;
  constexpr int kEach = 5;
  std::vector<std::thread> writers;
  std::vector<std::string> failures(kWriters);
  for (int writer = 0; writer < kWriters; ++writer) {
    writers.emplace_back([&, writer] {
      for (int i = 0; i < kEach; ++i) {
        const std::string id = "w" + std::to_string(writer) + "-" + std::to_string(i);
        Registry registry = MakeRegistry(id, id + ".example.com");
        Status status = this->store_->InsertRegistry(Stored(registry), RevisionOf(registry),
                                                     Audit("registry.create", id));
        if (status.ok()) status = this->Update(NextRevision(registry, "updated"));
        if (!status.ok()) failures[writer] = status.error().message;
      }
    });
  }
  for (auto& thread : writers) thread.join();
  for (const std::string& failure : failures) EXPECT_EQ(failure, "");
  EXPECT_EQ(this->store_->CountRegistries().value(), kWriters * kEach);
  EXPECT_EQ(this->AllAudit().size(), static_cast<std::size_t>(2 * kWriters * kEach));
}

TYPED_TEST_P(RegistryStoreTest, DeleteRemovesTheRegistryAndItsRevisions) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry);
  ASSERT_TRUE(this->Update(NextRevision(registry, "two")).ok());
  Status deleted = this->store_->DeleteRegistry("r1", Audit("registry.delete", "r1"));
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(this->store_->GetRegistry("r1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->GetRevision("r1", 1).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->CountRegistries().value(), 0);
  EXPECT_EQ(this->store_->DeleteRegistry("r1", Audit("registry.delete", "r1")).error().code,
            ErrorCode::kNotFound);
  // The URL is free again.
  this->Insert(MakeRegistry("r2", "reg.example.com"));
}

TYPED_TEST_P(RegistryStoreTest, ReadsSeeChangesMadeThroughAnotherStore) {
  // Two hub processes sharing one database: each read sees the other's writes.
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry, FakeSealed("one"));
  auto other = OpenStore(this->database_);
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_EQ(this->store_->GetRegistry("r1")->registry.display_name, "");
  Registry next = NextRevision(registry, "changed elsewhere");
  ASSERT_TRUE((*other)
                  ->UpdateRegistry(Stored(next, FakeSealed("two")), 1, RevisionOf(next),
                                   Audit("registry.update", "r1"))
                  .ok());
  auto seen = this->store_->GetRegistry("r1");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->registry, next);
  EXPECT_EQ(seen->sealed_credentials, FakeSealed("two"));

  Registry third = NextRevision(next, "changed again");
  ASSERT_TRUE((*other)
                  ->UpdateRegistry(Stored(third), 2, RevisionOf(third),
                                   Audit("registry.update", "r1"))
                  .ok());
  auto listed = this->store_->ListRegistries({}, {});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_EQ(listed->items[0], third);

  ASSERT_TRUE((*other)->DeleteRegistry("r1", Audit("registry.delete", "r1")).ok());
  EXPECT_EQ(this->store_->GetRegistry("r1").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->store_->ListRegistries({}, {})->items.empty());
}

TYPED_TEST_P(RegistryStoreTest, ReadsSeeARegistryDeletedAndInsertedAgainElsewhere) {
  Registry registry = MakeRegistry("r1", "reg.example.com");
  this->Insert(registry);
  ASSERT_TRUE(this->store_->GetRegistry("r1").ok());
  auto other = OpenStore(this->database_);
  ASSERT_TRUE(other.ok()) << other.error().message;
  ASSERT_TRUE((*other)->DeleteRegistry("r1", Audit("registry.delete", "r1")).ok());
  Registry again = MakeRegistry("r1", "other.example.com", Provider::kQuay, "again");
  again.created_at = again.updated_at = kT0 + 1;
  ASSERT_TRUE((*other)
                  ->InsertRegistry(Stored(again), RevisionOf(again),
                                   Audit("registry.create", "r1"))
                  .ok());
  auto seen = this->store_->GetRegistry("r1");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->registry, again);
}

TYPED_TEST_P(RegistryStoreTest, ListPagesThroughRegistriesOrderedByUrl) {
  const std::vector<std::string> hosts = {"g.example.com", "a.example.com", "e.example.com",
                                          "c.example.com", "b.example.com", "f.example.com",
                                          "d.example.com"};
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    this->Insert(MakeRegistry("r" + std::to_string(i), hosts[i]));
  }
  std::vector<std::string> seen;
  std::vector<std::size_t> page_sizes;
  PageRequest request{3, ""};
  do {
    auto page = this->store_->ListRegistries({}, request);
    ASSERT_TRUE(page.ok()) << page.error().message;
    page_sizes.push_back(page->items.size());
    for (const Registry& registry : page->items) seen.push_back(registry.url.ToString());
    request.page_token = page->next_page_token;
  } while (!request.page_token.empty() && page_sizes.size() < 10);
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{3, 3, 1}));
  EXPECT_EQ(seen, (std::vector<std::string>{"a.example.com", "b.example.com", "c.example.com",
                                            "d.example.com", "e.example.com", "f.example.com",
                                            "g.example.com"}));
}

TYPED_TEST_P(RegistryStoreTest, ListFiltersByProviderAndCaseInsensitiveSubstring) {
  this->Insert(MakeRegistry("r1", "team-a.azurecr.io", Provider::kAcr, "Team A builds"));
  this->Insert(MakeRegistry("r2", "team-b.azurecr.io", Provider::kAcr, "Team B"));
  this->Insert(MakeRegistry("r3", "quay.io", Provider::kQuay, "Public quay (TEAM shared)"));
  this->Insert(MakeRegistry("r4", "harbor.example.com", Provider::kGeneric, "100%_legacy"));
  auto ids = [&](RegistryFilter filter, int page_size = 50) {
    std::vector<std::string> out;
    PageRequest request{page_size, ""};
    do {
      auto page = this->store_->ListRegistries(filter, request);
      EXPECT_TRUE(page.ok()) << page.error().message;
      if (!page.ok()) break;
      for (const Registry& registry : page->items) out.push_back(registry.id);
      request.page_token = page->next_page_token;
    } while (!request.page_token.empty());
    return out;
  };
  EXPECT_EQ(ids({Provider::kAcr, ""}), (std::vector<std::string>{"r1", "r2"}));
  EXPECT_EQ(ids({std::nullopt, "TEAM"}), (std::vector<std::string>{"r3", "r1", "r2"}));
  EXPECT_EQ(ids({std::nullopt, "team"}, 1), (std::vector<std::string>{"r3", "r1", "r2"}));
  EXPECT_EQ(ids({Provider::kAcr, "builds"}), (std::vector<std::string>{"r1"}));
  EXPECT_EQ(ids({std::nullopt, "AZURECR.IO"}), (std::vector<std::string>{"r1", "r2"}));
  // LIKE's wildcards match only themselves.
  EXPECT_EQ(ids({std::nullopt, "%_"}), (std::vector<std::string>{"r4"}));
  EXPECT_EQ(ids({std::nullopt, "_"}), (std::vector<std::string>{"r4"}));
  EXPECT_TRUE(ids({Provider::kEcr, ""}).empty());
}

TYPED_TEST_P(RegistryStoreTest, PageSizeIsClampedToOneThroughFiveHundred) {
  this->Insert(MakeRegistry("r1", "a.example.com"));
  this->Insert(MakeRegistry("r2", "b.example.com"));
  for (int size : {0, -7}) {
    auto page = this->store_->ListRegistries({}, {size, ""});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->items.size(), 1u) << "page_size " << size;
    EXPECT_FALSE(page->next_page_token.empty());
  }
  auto large = this->store_->ListRegistries({}, {1'000'000, ""});
  ASSERT_TRUE(large.ok());
  EXPECT_EQ(large->items.size(), 2u);
  EXPECT_TRUE(large->next_page_token.empty());
}

TYPED_TEST_P(RegistryStoreTest, ForeignPageTokenIsInvalidArgument) {
  for (const char* token : {"not a token!", "a", "=="}) {
    auto page = this->store_->ListRegistries({}, {10, token});
    ASSERT_FALSE(page.ok()) << token;
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(page.error().details.size(), 1u);
    EXPECT_EQ(page.error().details[0].field, "page_token");
  }
}

REGISTER_TYPED_TEST_SUITE_P(RegistryStoreTest, InsertedRegistryReadsBackWhole,
                            EmptySealedCredentialsStayEmpty, UnknownRegistryIsNotFound,
                            DuplicateUrlIsAlreadyExistsOnUrlAndWritesNothing,
                            AtMostOneRegistryIsTheDefault,
                            UpdateAtCurrentRevisionReplacesTheRegistry,
                            StaleUpdateIsConflictAndWritesNothing,
                            UpdateOfDeletedRegistryIsNotFound,
                            ConcurrentUpdatesOfOneRevisionHaveExactlyOneWinner,
                            ConcurrentWritersAllSucceed,
                            DeleteRemovesTheRegistryAndItsRevisions,
                            ReadsSeeChangesMadeThroughAnotherStore,
                            ReadsSeeARegistryDeletedAndInsertedAgainElsewhere,
                            ListPagesThroughRegistriesOrderedByUrl,
                            ListFiltersByProviderAndCaseInsensitiveSubstring,
                            PageSizeIsClampedToOneThroughFiveHundred,
                            ForeignPageTokenIsInvalidArgument);

}  // namespace reghub::store::testing
