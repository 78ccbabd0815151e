#pragma once

// Conformance suite for users, tokens (store.h) and teams (TeamStore): every
// engine passes it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "store/sql_team_store.h"
#include "store/store_test_fixture.h"

namespace reghub::store::testing {

template <typename Engine>
class AccountsStoreTest : public StoreTest<Engine> {
 protected:
  void SetUp() override {
    StoreTest<Engine>::SetUp();
    if (::testing::Test::HasFatalFailure()) return;
    // An engine with kSoleWriter runs the suite over a store that caches
    // token owners (what `reghub serve` uses for its SQLite file).
    if constexpr (requires { Engine::kSoleWriter; }) {
      this->store_.reset();
      auto opened = OpenStore(this->database_, {.sole_writer = true});
      ASSERT_TRUE(opened.ok()) << opened.error().message;
      this->store_ = std::move(opened).value();
    }
    teams_ = std::make_unique<SqlTeamStore>(this->Database());
  }

  UserRecord AddUser(const std::string& id, const std::string& name, bool is_admin = false) {
    UserRecord user{.id = id, .username = name, .password_hash = "hash-" + name,
                    .is_admin = is_admin, .created_at = kT0, .display_name = "The " + name};
    Status inserted = this->store_->InsertUser(user, Audit("user.create", id));
    EXPECT_TRUE(inserted.ok()) << inserted.error().message;
    return user;
  }

  TokenRecord AddToken(const std::string& id, const std::string& user_id,
                       const std::string& kind = "session") {
    TokenRecord token{.id = id, .token_hash = "hash-" + id, .user_id = user_id, .kind = kind,
                      .name = "n-" + id, .created_at = kT0, .expires_at = 0};
    Status inserted = this->store_->InsertToken(token, Audit("token.create", id));
    EXPECT_TRUE(inserted.ok()) << inserted.error().message;
    return token;
  }

  TeamRecord AddTeam(const std::string& id, const std::string& name) {
    TeamRecord team{.id = id, .name = name, .description = "team " + name, .created_at = kT0};
    Status inserted = teams_->InsertTeam(team, Audit("team.create", id));
    EXPECT_TRUE(inserted.ok()) << inserted.error().message;
    return team;
  }

  std::unique_ptr<SqlTeamStore> teams_;
};
TYPED_TEST_SUITE_P(AccountsStoreTest);

TYPED_TEST_P(AccountsStoreTest, UserKeepsDisplayNameAndPasswordChangeTime) {
  this->AddUser("u1", "alice");
  auto user = this->store_->GetUser("u1");
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->display_name, "The alice");
  EXPECT_EQ(user->password_changed_at, 0);
}

TYPED_TEST_P(AccountsStoreTest, UsersListByNameAcrossPages) {
  for (const char* name : {"dave", "alice", "carol", "bob", "erin"}) {
    this->AddUser(std::string("id-") + name, name);
  }
  std::vector<std::string> seen;
  PageRequest request{2, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto page = this->store_->ListUsers(request);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (const auto& user : page->items) seen.push_back(user.username);
    request.page_token = page->next_page_token;
    if (request.page_token.empty()) break;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"alice", "bob", "carol", "dave", "erin"}));
  EXPECT_EQ(this->store_->ListUsers({10, "not-a-token!"}).error().code,
            ErrorCode::kInvalidArgument);
}

TYPED_TEST_P(AccountsStoreTest, UpdateUserStoresFlagsAndIsAudited) {
  this->AddUser("a1", "admin", /*is_admin=*/true);
  UserRecord user = this->AddUser("u1", "alice");
  user.display_name = "Alice A.";
  user.disabled = true;
  user.is_admin = true;
  user.username = "ignored";
  ASSERT_TRUE(this->store_->UpdateUser(user, Audit("user.disable", "u1")).ok());
  auto stored = this->store_->GetUser("u1");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->username, "alice");
  EXPECT_EQ(stored->display_name, "Alice A.");
  EXPECT_TRUE(stored->disabled);
  EXPECT_TRUE(stored->is_admin);
  EXPECT_EQ(this->AllAudit().front().action, "user.disable");
  user.id = "nobody";
  EXPECT_EQ(this->store_->UpdateUser(user, Audit("user.update", "nobody")).error().code,
            ErrorCode::kNotFound);
}

TYPED_TEST_P(AccountsStoreTest, TheLastEnabledAdministratorCannotBeDisabledDemotedOrDeleted) {
  UserRecord admin = this->AddUser("a1", "admin", /*is_admin=*/true);
  std::size_t audit_lines = this->AllAudit().size();
  UserRecord disabled = admin;
  disabled.disabled = true;
  EXPECT_EQ(this->store_->UpdateUser(disabled, Audit("user.disable", "a1")).error().code,
            ErrorCode::kFailedPrecondition);
  UserRecord demoted = admin;
  demoted.is_admin = false;
  EXPECT_EQ(this->store_->UpdateUser(demoted, Audit("user.update", "a1")).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(this->store_->DeleteUser("a1", Audit("user.delete", "a1")).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(this->store_->GetUser("a1")->is_admin);
  EXPECT_EQ(this->AllAudit().size(), audit_lines) << "a refused change writes no audit line";
  // With a second administrator, the first may go.
  this->AddUser("a2", "second", /*is_admin=*/true);
  EXPECT_TRUE(this->store_->UpdateUser(demoted, Audit("user.update", "a1")).ok());
  EXPECT_EQ(this->store_->DeleteUser("a2", Audit("user.delete", "a2")).error().code,
            ErrorCode::kFailedPrecondition);
}

TYPED_TEST_P(AccountsStoreTest, DeletingAUserDeletesTheirTokensAndMemberships) {
  this->AddUser("a1", "admin", true);
  this->AddUser("u1", "alice");
  this->AddUser("u2", "bob");
  this->AddToken("t1", "u1");
  this->AddToken("t2", "u1", "api");
  this->AddTeam("g1", "platform");
  ASSERT_TRUE(this->teams_->SetMembers("g1", {"u1", "u2"}, Audit("team.members_set", "g1")).ok());
  ASSERT_TRUE(this->store_->FindTokenOwner("hash-t1").ok());
  ASSERT_TRUE(this->store_->DeleteUser("u1", Audit("user.delete", "u1")).ok());
  EXPECT_EQ(this->store_->GetUser("u1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->FindTokenOwner("hash-t1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->store_->GetToken("t2").error().code, ErrorCode::kNotFound);
  auto team = this->teams_->GetTeam("g1");
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(team->members, (std::vector<TeamMember>{{"u2", "bob"}}));
  EXPECT_EQ(this->store_->DeleteUser("u1", Audit("user.delete", "u1")).error().code,
            ErrorCode::kNotFound);
}

TYPED_TEST_P(AccountsStoreTest, DisablingAUserIsSeenByTheNextTokenLookup) {
  this->AddUser("a1", "admin", true);
  UserRecord user = this->AddUser("u1", "alice");
  this->AddToken("t1", "u1");
  ASSERT_FALSE(this->store_->FindTokenOwner("hash-t1")->user.disabled);
  user.disabled = true;
  ASSERT_TRUE(this->store_->UpdateUser(user, Audit("user.disable", "u1")).ok());
  EXPECT_TRUE(this->store_->FindTokenOwner("hash-t1")->user.disabled);
}

TYPED_TEST_P(AccountsStoreTest, ChangePasswordEndsOtherSessionsButKeepsApiTokens) {
  this->AddUser("u1", "alice");
  this->AddUser("u2", "bob");
  this->AddToken("s1", "u1");
  this->AddToken("s2", "u1");
  this->AddToken("api1", "u1", "api");
  this->AddToken("s3", "u2");
  ASSERT_TRUE(this->store_->FindTokenOwner("hash-s2").ok());   // cached for sole writers
  ASSERT_TRUE(this->store_
                  ->ChangePassword("u1", "new-hash", kT0 + 5, "s1",
                                   Audit("user.password_change", "u1"))
                  .ok());
  auto user = this->store_->GetUser("u1");
  EXPECT_EQ(user->password_hash, "new-hash");
  EXPECT_EQ(user->password_changed_at, kT0 + 5);
  EXPECT_TRUE(this->store_->GetToken("s1").ok());
  EXPECT_EQ(this->store_->FindTokenOwner("hash-s2").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->store_->GetToken("api1").ok());
  EXPECT_TRUE(this->store_->GetToken("s3").ok());
  EXPECT_EQ(this->store_->ChangePassword("nobody", "h", kT0, "", Audit("x", "nobody"))
                .error()
                .code,
            ErrorCode::kNotFound);
}

TYPED_TEST_P(AccountsStoreTest, UserTokensListByKindOldestFirst) {
  this->AddUser("u1", "alice");
  this->AddToken("s1", "u1");
  TokenRecord later{.id = "api2", .token_hash = "hash-api2", .user_id = "u1", .kind = "api",
                    .name = "ci", .created_at = kT0 + 10, .expires_at = kT0 + 86400};
  ASSERT_TRUE(this->store_->InsertToken(later, Audit("token.create", "api2")).ok());
  this->AddToken("api1", "u1", "api");
  auto tokens = this->store_->ListUserTokens("u1", "api");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u);
  EXPECT_EQ((*tokens)[0].id, "api1");
  EXPECT_EQ((*tokens)[1].id, "api2");
  EXPECT_EQ((*tokens)[1].name, "ci");
  EXPECT_EQ((*tokens)[1].expires_at, kT0 + 86400);
  EXPECT_TRUE(this->store_->ListUserTokens("u2", "api")->empty());
  EXPECT_EQ(this->store_->GetToken("api2")->user_id, "u1");
}

TYPED_TEST_P(AccountsStoreTest, TeamsAreCreatedFoundRenamedAndNamesAreUnique) {
  this->AddTeam("g1", "platform");
  auto by_name = this->teams_->FindTeamByName("platform");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->id, "g1");
  EXPECT_EQ(by_name->description, "team platform");
  TeamRecord duplicate{.id = "g2", .name = "platform", .created_at = kT0};
  auto taken = this->teams_->InsertTeam(duplicate, Audit("team.create", "g2"));
  ASSERT_EQ(taken.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(taken.error().details.front().field, "name");
  this->AddTeam("g2", "security");
  TeamRecord renamed = *by_name;
  renamed.name = "security";
  EXPECT_EQ(this->teams_->UpdateTeam(renamed, Audit("team.update", "g1")).error().code,
            ErrorCode::kAlreadyExists);
  renamed.name = "infra";
  renamed.description = "new";
  ASSERT_TRUE(this->teams_->UpdateTeam(renamed, Audit("team.update", "g1")).ok());
  EXPECT_EQ(this->teams_->GetTeam("g1")->name, "infra");
  EXPECT_EQ(this->teams_->GetTeam("g1")->description, "new");
  EXPECT_EQ(this->teams_->GetTeam("nope").error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(AccountsStoreTest, TeamsListByNameWithMemberCounts) {
  this->AddUser("u1", "alice");
  this->AddUser("u2", "bob");
  this->AddTeam("g1", "platform");
  this->AddTeam("g2", "apps");
  this->AddTeam("g3", "security");
  ASSERT_TRUE(this->teams_->SetMembers("g1", {"u1", "u2", "u1"}, Audit("m", "g1")).ok());
  std::vector<std::pair<std::string, std::int64_t>> seen;
  PageRequest request{2, ""};
  for (int pages = 0; pages < 10; ++pages) {
    auto page = this->teams_->ListTeams(request);
    ASSERT_TRUE(page.ok()) << page.error().message;
    for (const auto& team : page->items) {
      seen.emplace_back(team.name, team.member_count);
      EXPECT_TRUE(team.members.empty());
    }
    request.page_token = page->next_page_token;
    if (request.page_token.empty()) break;
  }
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, std::int64_t>>{
                      {"apps", 0}, {"platform", 2}, {"security", 0}}));
}

TYPED_TEST_P(AccountsStoreTest, SetMembersReplacesTheSetAtomically) {
  this->AddUser("u1", "alice");
  this->AddUser("u2", "bob");
  this->AddUser("u3", "carol");
  this->AddTeam("g1", "platform");
  ASSERT_TRUE(this->teams_->SetMembers("g1", {"u1", "u2"}, Audit("m", "g1")).ok());
  ASSERT_TRUE(this->teams_->SetMembers("g1", {"u3", "u2"}, Audit("m", "g1")).ok());
  auto team = this->teams_->GetTeam("g1");
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(team->members, (std::vector<TeamMember>{{"u2", "bob"}, {"u3", "carol"}}));
  EXPECT_EQ(team->member_count, 2);
  // An unknown user refuses the whole change.
  EXPECT_EQ(this->teams_->SetMembers("g1", {"u1", "ghost"}, Audit("m", "g1")).error().code,
            ErrorCode::kFailedPrecondition);
  EXPECT_EQ(this->teams_->GetTeam("g1")->members.size(), 2u);
  EXPECT_EQ(this->teams_->SetMembers("nope", {"u1"}, Audit("m", "nope")).error().code,
            ErrorCode::kNotFound);
  auto names = this->teams_->TeamNamesOfUsers({"u1", "u2", "u3"});
  ASSERT_TRUE(names.ok());
  EXPECT_FALSE(names->contains("u1"));
  EXPECT_EQ(names->at("u2"), std::vector<std::string>{"platform"});
}

TYPED_TEST_P(AccountsStoreTest, DeletingATeamDeletesItsMembershipsNotItsUsers) {
  this->AddUser("u1", "alice");
  this->AddTeam("g1", "platform");
  this->AddTeam("g2", "apps");
  ASSERT_TRUE(this->teams_->SetMembers("g1", {"u1"}, Audit("m", "g1")).ok());
  ASSERT_TRUE(this->teams_->SetMembers("g2", {"u1"}, Audit("m", "g2")).ok());
  ASSERT_TRUE(this->teams_->DeleteTeam("g1", Audit("team.delete", "g1")).ok());
  EXPECT_EQ(this->teams_->GetTeam("g1").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(this->store_->GetUser("u1").ok());
  EXPECT_EQ(this->teams_->TeamNamesOfUsers({"u1"})->at("u1"), std::vector<std::string>{"apps"});
  EXPECT_EQ(this->teams_->DeleteTeam("g1", Audit("team.delete", "g1")).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(this->AllAudit().front().action, "team.delete");
}

REGISTER_TYPED_TEST_SUITE_P(AccountsStoreTest, UserKeepsDisplayNameAndPasswordChangeTime,
                            UsersListByNameAcrossPages, UpdateUserStoresFlagsAndIsAudited,
                            TheLastEnabledAdministratorCannotBeDisabledDemotedOrDeleted,
                            DeletingAUserDeletesTheirTokensAndMemberships,
                            DisablingAUserIsSeenByTheNextTokenLookup,
                            ChangePasswordEndsOtherSessionsButKeepsApiTokens,
                            UserTokensListByKindOldestFirst,
                            TeamsAreCreatedFoundRenamedAndNamesAreUnique,
                            TeamsListByNameWithMemberCounts, SetMembersReplacesTheSetAtomically,
                            DeletingATeamDeletesItsMembershipsNotItsUsers);

}  // namespace reghub::store::testing
