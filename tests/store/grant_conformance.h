#pragma once

// Conformance suite for GrantStore (store/sql_grant_store.h): every engine passes it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "store/sql_grant_store.h"
#include "store/store_test_fixture.h"

namespace reghub::store::testing {

inline GrantRecord UserGrant(const std::string& user_id, const std::string& role) {
  return {.subject_kind = "user", .subject_id = user_id, .role = role,
          .created_at = kT0, .created_by = "admin"};
}
inline GrantRecord TeamGrant(const std::string& team_id, const std::string& role) {
  return {.subject_kind = "team", .subject_id = team_id, .role = role,
          .created_at = kT0, .created_by = "admin"};
}

template <typename Engine>
class GrantStoreTest : public StoreTest<Engine> {
 protected:
  void SetUp() override {
    StoreTest<Engine>::SetUp();
    if (::testing::Test::HasFatalFailure()) return;
    grants_ = std::make_unique<SqlGrantStore>(this->Database());
    AddUser("u1", "alice");
    AddUser("u2", "bob");
    AddUser("u3", "carol");
    AddTeam("t1", "platform", {"u1", "u2"});
    AddTeam("t2", "security", {"u2"});
    this->Insert(MakeRegistry("r1", "one.example.com"));
    this->Insert(MakeRegistry("r2", "two.example.com"));
  }

  void AddUser(const std::string& id, const std::string& name) {
    UserRecord user{.id = id, .username = name, .password_hash = "x", .created_at = kT0};
    ASSERT_TRUE(this->store_->InsertUser(user, Audit("user.create", id)).ok());
  }

  void Execute(const std::string& sql, std::vector<SqlValue> params) {
    auto lease = this->Database().Acquire();
    ASSERT_TRUE(lease.ok()) << lease.error().message;
    auto done = (*lease)->Execute(sql, params);
    ASSERT_TRUE(done.ok()) << sql << ": " << done.error().message;
  }

  void AddTeam(const std::string& id, const std::string& name,
               const std::vector<std::string>& members) {
    Execute("INSERT INTO teams (id, name, description, created_at) VALUES (?, ?, '', ?)",
            {id, name, kT0});
    for (const auto& member : members) {
      Execute("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", {id, member});
    }
  }

  std::vector<std::string> Roles(const std::vector<GrantRecord>& grants) {
    std::vector<std::string> roles;
    for (const auto& grant : grants) roles.push_back(grant.subject_id + ":" + grant.role);
    std::sort(roles.begin(), roles.end());
    return roles;
  }

  std::vector<std::string> GrantedTo(const std::string& user_id) {
    auto granted = grants_->RegistriesGrantedTo(user_id);
    EXPECT_TRUE(granted.ok()) << granted.error().message;
    std::vector<std::string> roles;
    if (granted.ok()) {
      for (const auto& held : *granted) roles.push_back(held.registry_id + ":" + held.role);
    }
    std::sort(roles.begin(), roles.end());
    return roles;
  }

  std::unique_ptr<SqlGrantStore> grants_;
};
TYPED_TEST_SUITE_P(GrantStoreTest);

TYPED_TEST_P(GrantStoreTest, ANewHubHasNoGrants) {
  EXPECT_TRUE(this->grants_->ListGlobalGrants().value().empty());
  EXPECT_TRUE(this->grants_->ListRegistryGrants("r1").value().empty());
}

TYPED_TEST_P(GrantStoreTest, RegistryGrantsReadBackWithSubjectNames) {
  AuditEntry audit = Audit("registry.grants.replace", "r1");
  ASSERT_TRUE(this->grants_
                  ->ReplaceRegistryGrants("r1", {UserGrant("u3", "viewer"), TeamGrant("t1", "assigner")},
                                          audit)
                  .ok());
  auto grants = this->grants_->ListRegistryGrants("r1");
  ASSERT_TRUE(grants.ok()) << grants.error().message;
  ASSERT_EQ(grants->size(), 2u);
  // Ordered by role, then kind and name.
  EXPECT_EQ((*grants)[0],
            (GrantRecord{"team", "t1", "platform", "assigner", kT0, "admin"}));
  EXPECT_EQ((*grants)[1], (GrantRecord{"user", "u3", "carol", "viewer", kT0, "admin"}));
  EXPECT_TRUE(this->grants_->ListRegistryGrants("r2").value().empty());
}

TYPED_TEST_P(GrantStoreTest, ReplaceReplacesTheWholeSetAndAuditsBeforeAndAfter) {
  ASSERT_TRUE(this->grants_
                  ->ReplaceRegistryGrants("r1", {UserGrant("u1", "viewer")},
                                          Audit("registry.grants.replace", "r1"))
                  .ok());
  ASSERT_TRUE(this->grants_
                  ->ReplaceRegistryGrants("r1", {TeamGrant("t2", "consumer")},
                                          Audit("registry.grants.replace", "r1"))
                  .ok());
  EXPECT_THAT(this->Roles(this->grants_->ListRegistryGrants("r1").value()),
              ::testing::ElementsAre("t2:consumer"));
  auto audit = this->AllAudit();
  ASSERT_FALSE(audit.empty());
  const AuditEntry& last = audit.front();
  EXPECT_EQ(last.action, "registry.grants.replace");
  EXPECT_EQ(last.details["note"], "registry.grants.replace");   // the caller's details stay
  ASSERT_EQ(last.details["before"].size(), 1u);
  EXPECT_EQ(last.details["before"][0]["subject"]["name"], "alice");
  EXPECT_EQ(last.details["before"][0]["role"], "viewer");
  ASSERT_EQ(last.details["after"].size(), 1u);
  EXPECT_EQ(last.details["after"][0]["subject"]["kind"], "team");
  EXPECT_EQ(last.details["after"][0]["subject"]["name"], "security");
}

TYPED_TEST_P(GrantStoreTest, DuplicatesAreWrittenOnce) {
  ASSERT_TRUE(this->grants_
                  ->ReplaceGlobalGrants({UserGrant("u1", "viewer"), UserGrant("u1", "viewer"),
                                         UserGrant("u1", "consumer")},
                                        Audit("grants.replace", "global"))
                  .ok());
  EXPECT_THAT(this->Roles(this->grants_->ListGlobalGrants().value()),
              ::testing::ElementsAre("u1:consumer", "u1:viewer"));
}

TYPED_TEST_P(GrantStoreTest, AFailedReplaceWritesNothing) {
  ASSERT_TRUE(this->grants_
                  ->ReplaceGlobalGrants({UserGrant("u1", "hub-administrator")},
                                        Audit("grants.replace", "global"))
                  .ok());
  const std::size_t audit_before = this->AllAudit().size();
  Status replaced = this->grants_->ReplaceGlobalGrants(
      {UserGrant("u2", "viewer"), UserGrant("ghost", "viewer")}, Audit("grants.replace", "global"));
  ASSERT_FALSE(replaced.ok());
  EXPECT_EQ(replaced.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_THAT(this->Roles(this->grants_->ListGlobalGrants().value()),
              ::testing::ElementsAre("u1:hub-administrator"));
  EXPECT_EQ(this->AllAudit().size(), audit_before);
}

TYPED_TEST_P(GrantStoreTest, UnknownRegistryIsNotFound) {
  EXPECT_EQ(this->grants_->ListRegistryGrants("nope").error().code, ErrorCode::kNotFound);
  Status replaced = this->grants_->ReplaceRegistryGrants("nope", {UserGrant("u1", "viewer")},
                                                         Audit("registry.grants.replace", "nope"));
  ASSERT_FALSE(replaced.ok());
  EXPECT_EQ(replaced.error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(GrantStoreTest, CallerGrantsHoldTeamsAndOnlyTheCallersGrants) {
  ASSERT_TRUE(this->grants_
                  ->ReplaceGlobalGrants({TeamGrant("t2", "viewer"), UserGrant("u3", "hub-administrator")},
                                        Audit("grants.replace", "global"))
                  .ok());
  ASSERT_TRUE(this->grants_
                  ->ReplaceRegistryGrants("r1",
                                          {TeamGrant("t1", "consumer"), UserGrant("u2", "administrator"),
                                           UserGrant("u1", "assigner")},
                                          Audit("registry.grants.replace", "r1"))
                  .ok());
  auto bob = this->grants_->ReadCallerGrants("u2", "r1");
  ASSERT_TRUE(bob.ok()) << bob.error().message;
  EXPECT_THAT(bob->team_ids, ::testing::UnorderedElementsAre("t1", "t2"));
  EXPECT_THAT(this->Roles(bob->global_grants), ::testing::ElementsAre("t2:viewer"));
  EXPECT_THAT(this->Roles(bob->registry_grants),
              ::testing::ElementsAre("t1:consumer", "u2:administrator"));

  auto alice_elsewhere = this->grants_->ReadCallerGrants("u1", "r2");
  ASSERT_TRUE(alice_elsewhere.ok());
  EXPECT_THAT(alice_elsewhere->team_ids, ::testing::ElementsAre("t1"));
  EXPECT_TRUE(alice_elsewhere->global_grants.empty());
  EXPECT_TRUE(alice_elsewhere->registry_grants.empty());

  auto carol = this->grants_->ReadCallerGrants("u3", "");
  ASSERT_TRUE(carol.ok());
  EXPECT_TRUE(carol->team_ids.empty());
  EXPECT_THAT(this->Roles(carol->global_grants), ::testing::ElementsAre("u3:hub-administrator"));
}

TYPED_TEST_P(GrantStoreTest, RegistriesGrantedToFollowUserAndTeamGrants) {
  ASSERT_TRUE(this->grants_
                  ->ReplaceRegistryGrants("r1", {TeamGrant("t2", "viewer")},
                                          Audit("registry.grants.replace", "r1"))
                  .ok());
  ASSERT_TRUE(this->grants_
                  ->ReplaceRegistryGrants("r2", {UserGrant("u1", "viewer"), UserGrant("u2", "viewer")},
                                          Audit("registry.grants.replace", "r2"))
                  .ok());
  EXPECT_THAT(this->GrantedTo("u2"), ::testing::ElementsAre("r1:viewer", "r2:viewer"));
  EXPECT_THAT(this->GrantedTo("u1"), ::testing::ElementsAre("r2:viewer"));
  EXPECT_TRUE(this->GrantedTo("u3").empty());
}

TYPED_TEST_P(GrantStoreTest, DeletingASubjectOrRegistryDropsItsGrants) {
  ASSERT_TRUE(this->grants_
                  ->ReplaceRegistryGrants("r1", {TeamGrant("t2", "viewer"), UserGrant("u1", "viewer")},
                                          Audit("registry.grants.replace", "r1"))
                  .ok());
  this->Execute("DELETE FROM teams WHERE id = ?", {std::string("t2")});
  EXPECT_THAT(this->Roles(this->grants_->ListRegistryGrants("r1").value()),
              ::testing::ElementsAre("u1:viewer"));
  ASSERT_TRUE(this->store_->DeleteRegistry("r1", Audit("registry.delete", "r1")).ok());
  EXPECT_TRUE(this->GrantedTo("u1").empty());
}

TYPED_TEST_P(GrantStoreTest, FindsSubjectsByName) {
  EXPECT_EQ(this->grants_->FindSubjectId("user", "carol").value(), "u3");
  EXPECT_EQ(this->grants_->FindSubjectId("team", "security").value(), "t2");
  EXPECT_EQ(this->grants_->FindSubjectId("user", "security").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->grants_->FindSubjectId("group", "x").error().code, ErrorCode::kInvalidArgument);
}

TYPED_TEST_P(GrantStoreTest, RegistriesCreatedSinceAreNewestFirst) {
  Registry recent = MakeRegistry("r3", "three.example.com");
  recent.created_at = kT0 + 100;
  this->Insert(recent);
  EXPECT_THAT(this->grants_->RegistriesCreatedSince(kT0 + 1).value(), ::testing::ElementsAre("r3"));
  EXPECT_THAT(this->grants_->RegistriesCreatedSince(kT0).value(),
              ::testing::ElementsAre("r3", "r1", "r2"));
}

TYPED_TEST_P(GrantStoreTest, EnvironmentEditorsAreMembersOfEditorTeams) {
  this->Execute(
      "INSERT INTO environments (id, name, kind, description, settings, created_at, created_by, "
      "updated_at) VALUES ('e1', 'prod', 'nodes', '', '{}', ?, 'admin', ?)",
      {kT0, kT0});
  this->Execute("INSERT INTO environment_editors (environment_id, team_id) VALUES ('e1', 't2')", {});
  EXPECT_TRUE(this->grants_->EnvironmentExists("e1").value());
  EXPECT_FALSE(this->grants_->EnvironmentExists("e9").value());
  EXPECT_TRUE(this->grants_->IsEnvironmentEditor("e1", "u2").value());
  EXPECT_FALSE(this->grants_->IsEnvironmentEditor("e1", "u1").value());
  EXPECT_FALSE(this->grants_->IsEnvironmentEditor("e9", "u2").value());
}

REGISTER_TYPED_TEST_SUITE_P(GrantStoreTest, ANewHubHasNoGrants,
                            RegistryGrantsReadBackWithSubjectNames,
                            ReplaceReplacesTheWholeSetAndAuditsBeforeAndAfter,
                            DuplicatesAreWrittenOnce, AFailedReplaceWritesNothing,
                            UnknownRegistryIsNotFound, CallerGrantsHoldTeamsAndOnlyTheCallersGrants,
                            RegistriesGrantedToFollowUserAndTeamGrants,
                            DeletingASubjectOrRegistryDropsItsGrants, FindsSubjectsByName,
                            RegistriesCreatedSinceAreNewestFirst,
                            EnvironmentEditorsAreMembersOfEditorTeams);

}  // namespace reghub::store::testing
