// AccessService, GrantService and the registry list filter over a real
// SQLite store, with a controlled clock: the five-minute window is tested by
// moving the clock, not by sleeping.
#include "service/access_service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "secrets/master_key.h"
#include "service/grant_service.h"
#include "service/registry_service.h"
#include "store/open_store.h"
#include "store/sql_grant_store.h"
#include "store/sql_store.h"
#include "support/temp_dir.h"

namespace reghub::service {
namespace {

constexpr UnixSeconds kT0 = 1'790'000'000;   // 2026-09-21T14:13:20Z

class FakeClock final : public Clock {
 public:
  UnixSeconds Now() const override { return now; }
  UnixSeconds now = kT0;
};

class AccessServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::OpenStore("sqlite:" + (dir_ / "hub.db").string());
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    grant_store_ = std::make_unique<store::SqlGrantStore>(
        dynamic_cast<store::SqlStore&>(*store_).database());
    access_ = std::make_unique<AccessService>(*store_, *grant_store_, clock_);
    grants_ = std::make_unique<GrantService>(*store_, *grant_store_, clock_);
    registries_ = std::make_unique<RegistryService>(*store_, sealer_, clock_, access_.get());
    admin_ = AddUser("u0", "admin", true);
    carol_ = AddUser("u1", "carol");
    dave_ = AddUser("u2", "dave");
    erin_ = AddUser("u3", "erin");
    AddTeam("t1", "platform", {"u2"});
    AddTeam("t2", "ops", {"u3"});
    AddRegistry("r1", "one.example.com", "carol");
    AddRegistry("r2", "two.example.com", "admin");
  }

  Actor AddUser(const std::string& id, const std::string& name, bool admin = false) {
    store::UserRecord user{.id = id, .username = name, .password_hash = "x", .is_admin = admin,
                           .created_at = kT0};
    EXPECT_TRUE(store_->InsertUser(user, {.at = kT0, .actor = "system", .action = "user.create"}).ok());
    return Actor{.user_id = id, .username = name, .is_admin = admin, .source = "127.0.0.1"};
  }

  void Execute(const std::string& sql, std::vector<store::SqlValue> params) {
    auto lease = dynamic_cast<store::SqlStore&>(*store_).database().Acquire();
    ASSERT_TRUE(lease.ok());
    auto done = (*lease)->Execute(sql, params);
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  void AddTeam(const std::string& id, const std::string& name,
               const std::vector<std::string>& members) {
    Execute("INSERT INTO teams (id, name, description, created_at) VALUES (?, ?, '', ?)",
            {id, name, kT0});
    for (const auto& member : members) {
      Execute("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", {id, member});
    }
  }

  void AddRegistry(const std::string& id, const std::string& host, const std::string& creator) {
    Registry registry;
    registry.id = id;
    registry.url = RegistryUrl{host, 443};
    registry.credentials.kind = CredentialKind::kBasic;
    registry.credentials.username = "robot";
    registry.revision = 1;
    registry.created_at = registry.updated_at = clock_.now;
    registry.created_by = registry.updated_by = creator;
    registry.permissions_deadline = clock_.now + kPermissionsWindow;
    store::RevisionRecord first{.registry_id = id, .revision = 1, .created_at = clock_.now,
                                .created_by = creator};
    ASSERT_TRUE(store_->InsertRegistry({registry, ""}, first,
                                       {.at = clock_.now, .actor = creator, .action = "registry.create"})
                    .ok());
  }

  void Grant(const std::string& registry, std::vector<GrantRequest> requests) {
    auto done = grants_->ReplaceForRegistry(admin_, registry, requests);
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  void GrantGlobal(std::vector<GrantRequest> requests) {
    auto done = grants_->ReplaceGlobal(admin_, requests);
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  static GrantRequest User(std::string name, access::Role role) {
    return {access::SubjectKind::kUser, std::move(name), "", role};
  }
  static GrantRequest Team(std::string name, access::Role role) {
    return {access::SubjectKind::kTeam, std::move(name), "", role};
  }

  std::vector<std::string> ListedIds(const Actor& actor, int page_size = 50) {
    std::vector<std::string> ids;
    store::PageRequest page{page_size, ""};
    do {
      auto listed = registries_->List(actor, {}, page);
      EXPECT_TRUE(listed.ok()) << listed.error().message;
      if (!listed.ok()) break;
      for (const auto& registry : listed->items) ids.push_back(registry.id);
      page.page_token = listed->next_page_token;
    } while (!page.page_token.empty());
    return ids;
  }

  reghub::testing::TempDir dir_{"reghub-access"};
  FakeClock clock_;
  secrets::MasterKey key_ = secrets::MasterKey::Generate();
  secrets::Sealer sealer_{key_};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::SqlGrantStore> grant_store_;
  std::unique_ptr<AccessService> access_;
  std::unique_ptr<GrantService> grants_;
  std::unique_ptr<RegistryService> registries_;
  Actor admin_, carol_, dave_, erin_;
};

TEST_F(AccessServiceTest, AdministratorsPassRegistryChecksEvenForMissingRegistries) {
  // The handler reports the missing registry; the check itself reads nothing.
  EXPECT_TRUE(access_->Authorize(admin_, Permission::kRegistryAdminister, "nope").ok());
  EXPECT_TRUE(access_->Authorize(admin_, Permission::kHubAdmin, "").ok());
}

TEST_F(AccessServiceTest, MissingAndHiddenRegistriesLookTheSame) {
  Status missing = access_->Authorize(dave_, Permission::kRegistryView, "nope");
  Status hidden = access_->Authorize(dave_, Permission::kRegistryView, "r2");
  ASSERT_FALSE(missing.ok());
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(hidden.error().message, "registry r2 not found");
}

TEST_F(AccessServiceTest, TeamGrantsGiveTheirRoleAndNoMore) {
  Grant("r2", {Team("platform", access::Role::kConsumer)});
  EXPECT_TRUE(access_->Authorize(dave_, Permission::kRegistryView, "r2").ok());
  EXPECT_TRUE(access_->Authorize(dave_, Permission::kRegistryConsume, "r2").ok());
  Status assign = access_->Authorize(dave_, Permission::kRegistryAssign, "r2");
  ASSERT_FALSE(assign.ok());
  EXPECT_EQ(assign.error().code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(assign.error().message, ::testing::HasSubstr("assigner"));
  EXPECT_EQ(access_->Authorize(dave_, Permission::kRegistryGrants, "r2").error().code,
            ErrorCode::kPermissionDenied);
  // Another registry stays hidden.
  EXPECT_EQ(access_->Authorize(dave_, Permission::kRegistryView, "r1").error().code,
            ErrorCode::kNotFound);
}

TEST_F(AccessServiceTest, TheCreatorAdministersUntilTheDeadlineThenGetsTheDeadlineInTheRefusal) {
  EXPECT_TRUE(access_->Authorize(carol_, Permission::kRegistryGrants, "r1").ok());
  EXPECT_TRUE(access_->Authorize(carol_, Permission::kRegistryAdminister, "r1").ok());
  clock_.now = kT0 + kPermissionsWindow - 1;
  EXPECT_TRUE(access_->Authorize(carol_, Permission::kRegistryGrants, "r1").ok());
  clock_.now = kT0 + kPermissionsWindow;
  Status late = access_->Authorize(carol_, Permission::kRegistryGrants, "r1");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kPermissionDenied);
  EXPECT_THAT(late.error().message, ::testing::HasSubstr("2026-09-21T14:18:20Z"));
  // Hub administrators still administer it.
  EXPECT_TRUE(access_->Authorize(admin_, Permission::kRegistryGrants, "r1").ok());
}

TEST_F(AccessServiceTest, GrantsTheCreatorSetInTheWindowOutliveIt) {
  auto set = grants_->ReplaceForRegistry(
      carol_, "r1", {User("carol", access::Role::kAdministrator), Team("ops", access::Role::kViewer)});
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_TRUE(set->pending);
  clock_.now = kT0 + 3600;
  EXPECT_TRUE(access_->Authorize(carol_, Permission::kRegistryGrants, "r1").ok());
  EXPECT_TRUE(access_->Authorize(erin_, Permission::kRegistryView, "r1").ok());
  auto listed = grants_->ListForRegistry(carol_, "r1");
  ASSERT_TRUE(listed.ok());
  EXPECT_FALSE(listed->pending);
  EXPECT_EQ(listed->permissions_deadline, kT0 + kPermissionsWindow);
}

TEST_F(AccessServiceTest, GlobalGrantsApplyToEveryRegistryAndAreShownInherited) {
  GrantGlobal({Team("ops", access::Role::kAssigner), User("dave", access::Role::kHubAdministrator)});
  EXPECT_TRUE(access_->Authorize(erin_, Permission::kRegistryAssign, "r1").ok());
  EXPECT_TRUE(access_->Authorize(erin_, Permission::kRegistryAssign, "r2").ok());
  EXPECT_EQ(access_->Authorize(erin_, Permission::kRegistryConsume, "r2").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(access_->Authorize(erin_, Permission::kHubAdmin, "").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(access_->Authorize(dave_, Permission::kHubAdmin, "").ok());
  EXPECT_TRUE(access_->Authorize(dave_, Permission::kRegistryAdminister, "r2").ok());
  Grant("r2", {User("carol", access::Role::kViewer)});
  auto listed = grants_->ListForRegistry(admin_, "r2");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->grants.size(), 3u);
  EXPECT_FALSE(listed->grants[0].inherited);
  EXPECT_EQ(listed->grants[0].subject_name, "carol");
  EXPECT_TRUE(listed->grants[1].inherited);
  EXPECT_TRUE(listed->grants[2].inherited);
}

TEST_F(AccessServiceTest, AgentTokensHoldOnlyTheirEnvironmentsAgentPermission) {
  Actor agent = admin_;   // even an administrator's agent token is only an agent
  agent.environment_id = "e1";
  EXPECT_TRUE(access_->Authorize(agent, Permission::kEnvironmentAgent, "e1").ok());
  for (Permission permission :
       {Permission::kAuthenticated, Permission::kHubAdmin, Permission::kRegistryView,
        Permission::kEnvironmentView, Permission::kEnvironmentEdit}) {
    Status status = access_->Authorize(agent, permission, "e1");
    ASSERT_FALSE(status.ok()) << PermissionName(permission);
    EXPECT_EQ(status.error().code, ErrorCode::kPermissionDenied) << PermissionName(permission);
  }
  EXPECT_EQ(access_->Authorize(agent, Permission::kEnvironmentAgent, "e2").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_TRUE(access_->Authorize(admin_, Permission::kEnvironmentAgent, "e2").ok());
  EXPECT_EQ(access_->Authorize(dave_, Permission::kEnvironmentAgent, "e1").error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(AccessServiceTest, EnvironmentEditorsAreHubAdministratorsAndEditorTeamMembers) {
  Execute("INSERT INTO environments (id, name, kind, description, settings, created_at, "
          "created_by, updated_at) VALUES ('e1', 'prod', 'nodes', '', '{}', ?, 'admin', ?)",
          {kT0, kT0});
  Execute("INSERT INTO environment_editors (environment_id, team_id) VALUES ('e1', 't2')", {});
  EXPECT_TRUE(access_->Authorize(erin_, Permission::kEnvironmentEdit, "e1").ok());
  EXPECT_TRUE(access_->Authorize(admin_, Permission::kEnvironmentEdit, "e1").ok());
  EXPECT_EQ(access_->Authorize(dave_, Permission::kEnvironmentEdit, "e1").error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(access_->Authorize(dave_, Permission::kEnvironmentEdit, "e9").error().code,
            ErrorCode::kNotFound);
  EXPECT_TRUE(access_->Authorize(dave_, Permission::kEnvironmentView, "e1").ok());
}

TEST_F(AccessServiceTest, TheListShowsOnlyViewableRegistries) {
  EXPECT_THAT(ListedIds(admin_), ::testing::ElementsAre("r1", "r2"));
  EXPECT_THAT(ListedIds(carol_), ::testing::ElementsAre("r1"));   // her window is open
  EXPECT_TRUE(ListedIds(dave_).empty());
  Grant("r2", {Team("platform", access::Role::kViewer)});
  EXPECT_THAT(ListedIds(dave_), ::testing::ElementsAre("r2"));
  clock_.now = kT0 + kPermissionsWindow;
  EXPECT_TRUE(ListedIds(carol_).empty());
  GrantGlobal({User("carol", access::Role::kViewer)});
  EXPECT_THAT(ListedIds(carol_), ::testing::ElementsAre("r1", "r2"));
}

TEST_F(AccessServiceTest, AFilteredListPagesByUrlAndHonoursTheFilters) {
  AddRegistry("r3", "three.example.com", "admin");
  AddRegistry("r4", "four.example.com", "admin");
  Grant("r2", {User("dave", access::Role::kViewer)});
  Grant("r3", {User("dave", access::Role::kViewer)});
  Grant("r4", {User("dave", access::Role::kViewer)});
  // four < three < two, one page at a time.
  EXPECT_THAT(ListedIds(dave_, 1), ::testing::ElementsAre("r4", "r3", "r2"));
  auto matching = registries_->List(dave_, {.query = "T"}, {50, ""});
  ASSERT_TRUE(matching.ok());
  ASSERT_EQ(matching->items.size(), 2u);
  EXPECT_EQ(matching->items[0].id, "r3");
  EXPECT_EQ(registries_->FindByUrl(dave_, "one.example.com").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(matching->credential_details, (std::vector<bool>{false, false}));
  EXPECT_TRUE(registries_->FindByUrl(dave_, "two.example.com").ok());
}

TEST_F(AccessServiceTest, OnlyAdministratorsSeeCredentialDetails) {
  Grant("r2", {User("dave", access::Role::kAssigner), User("erin", access::Role::kAdministrator)});
  EXPECT_TRUE(registries_->ShowsCredentialDetails(admin_, "r2").value());
  EXPECT_TRUE(registries_->ShowsCredentialDetails(erin_, "r2").value());
  EXPECT_FALSE(registries_->ShowsCredentialDetails(dave_, "r2").value());
  EXPECT_TRUE(registries_->ShowsCredentialDetails(carol_, "r1").value());   // her window
  auto dave = registries_->List(dave_, {}, {50, ""});
  ASSERT_TRUE(dave.ok());
  EXPECT_EQ(dave->credential_details, (std::vector<bool>{false}));
  auto erin = registries_->List(erin_, {}, {50, ""});
  ASSERT_TRUE(erin.ok());
  EXPECT_EQ(erin->credential_details, (std::vector<bool>{true}));
  GrantGlobal({User("dave", access::Role::kAdministrator)});
  auto global = registries_->List(dave_, {}, {50, ""});
  ASSERT_TRUE(global.ok());
  EXPECT_EQ(global->credential_details, (std::vector<bool>{true, true}));
}

TEST_F(AccessServiceTest, GrantValidationRefusesWithoutWriting) {
  Grant("r2", {User("carol", access::Role::kViewer)});
  auto hub = grants_->ReplaceForRegistry(admin_, "r2", {User("dave", access::Role::kHubAdministrator)});
  ASSERT_FALSE(hub.ok());
  EXPECT_EQ(hub.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(hub.error().details.at(0).field, "grants[0].role");
  auto ghost = grants_->ReplaceForRegistry(
      admin_, "r2", {User("dave", access::Role::kViewer), Team("ghosts", access::Role::kViewer)});
  ASSERT_FALSE(ghost.ok());
  EXPECT_EQ(ghost.error().details.at(0).field, "grants[1].subject.name");
  auto wrong_id = grants_->ReplaceForRegistry(
      admin_, "r2", {{access::SubjectKind::kUser, "dave", "u3", access::Role::kViewer}});
  ASSERT_FALSE(wrong_id.ok());
  EXPECT_EQ(wrong_id.error().details.at(0).field, "grants[0].subject.id");
  auto listed = grants_->ListForRegistry(admin_, "r2");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->grants.size(), 1u);
  EXPECT_EQ(listed->grants[0].subject_name, "carol");
}

TEST_F(AccessServiceTest, EveryGrantChangeIsAuditedWithBeforeAndAfter) {
  Grant("r2", {User("carol", access::Role::kViewer)});
  GrantGlobal({Team("ops", access::Role::kConsumer)});
  auto audit = store_->ListAudit({10, ""});
  ASSERT_TRUE(audit.ok());
  ASSERT_GE(audit->items.size(), 2u);
  const auto& global = audit->items[0];
  EXPECT_EQ(global.action, "grants.replace");
  EXPECT_EQ(global.actor, "admin");
  EXPECT_EQ(global.details["after"][0]["subject"]["name"], "ops");
  const auto& registry = audit->items[1];
  EXPECT_EQ(registry.action, "registry.grants.replace");
  EXPECT_EQ(registry.target_id, "r2");
  EXPECT_EQ(registry.details["url"], "two.example.com");
  EXPECT_TRUE(registry.details["before"].empty());
  EXPECT_EQ(registry.details["after"][0]["role"], "viewer");
}

}  // namespace
}  // namespace reghub::service
