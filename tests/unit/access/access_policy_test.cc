#include "access/access_policy.h"

#include <gtest/gtest.h>

#include <vector>

namespace reghub::access {
namespace {

constexpr UnixSeconds kCreated = 1'790'000'000;            // 2026-09-21T14:13:20Z
constexpr UnixSeconds kDeadline = kCreated + 300;          // 2026-09-21T14:18:20Z

RegistryFacts Registry() { return {"r1", "reg.example.com", "carol", kDeadline}; }

Caller User(std::string id, std::string name, std::vector<std::string> teams = {}) {
  return {std::move(id), std::move(name), false, std::move(teams)};
}

RoleGrant ToUser(std::string id, Role role) { return {SubjectKind::kUser, std::move(id), role}; }
RoleGrant ToTeam(std::string id, Role role) { return {SubjectKind::kTeam, std::move(id), role}; }

TEST(AccessPolicy, HubAdministratorByFlagOrByGlobalGrantToUserOrTeam) {
  Caller admin = User("u1", "alice");
  admin.is_admin = true;
  EXPECT_TRUE(IsHubAdministrator(admin, {}));
  std::vector<RoleGrant> global = {ToTeam("ops", Role::kHubAdministrator),
                                   ToUser("u9", Role::kHubAdministrator),
                                   ToUser("u2", Role::kAdministrator)};
  EXPECT_TRUE(IsHubAdministrator(User("u3", "bob", {"ops"}), global));
  EXPECT_TRUE(IsHubAdministrator(User("u9", "nina"), global));
  EXPECT_FALSE(IsHubAdministrator(User("u2", "dave"), global));   // registry admin of all, not hub
  EXPECT_FALSE(IsHubAdministrator(User("u4", "erin", {"dev"}), global));
}

TEST(AccessPolicy, UserGrantsMatchTheUserIdAndTeamGrantsTheirTeams) {
  Caller caller = User("u1", "alice", {"t1", "t2"});
  EXPECT_TRUE(HoldsGrant(caller, ToUser("u1", Role::kViewer)));
  EXPECT_FALSE(HoldsGrant(caller, ToUser("t1", Role::kViewer)));   // a team id is not a user id
  EXPECT_TRUE(HoldsGrant(caller, ToTeam("t2", Role::kViewer)));
  EXPECT_FALSE(HoldsGrant(caller, ToTeam("u1", Role::kViewer)));
  EXPECT_FALSE(HoldsGrant(Caller{}, ToUser("", Role::kViewer)));   // no caller id matches nothing
}

// Who holds which registry role, from every source of roles.
TEST(AccessPolicy, EffectiveRolesTable) {
  struct Row {
    const char* name;
    Caller caller;
    std::vector<RoleGrant> global;
    std::vector<RoleGrant> own;
    UnixSeconds now;
    std::vector<Role> held;
    std::vector<Role> not_held;
  };
  const std::vector<Row> rows = {
      {"no grant", User("u1", "alice"), {}, {}, kCreated, {}, {Role::kViewer}},
      {"own viewer", User("u1", "alice"), {}, {ToUser("u1", Role::kViewer)}, kCreated,
       {Role::kViewer}, {Role::kConsumer, Role::kAssigner}},
      {"own team consumer", User("u1", "alice", {"t1"}), {}, {ToTeam("t1", Role::kConsumer)},
       kCreated, {Role::kViewer, Role::kConsumer}, {Role::kAssigner, Role::kAdministrator}},
      {"global assigner", User("u1", "alice"), {ToUser("u1", Role::kAssigner)}, {}, kCreated,
       {Role::kViewer, Role::kAssigner}, {Role::kConsumer}},
      {"grant to someone else", User("u1", "alice"), {ToUser("u2", Role::kAdministrator)},
       {ToTeam("t9", Role::kAdministrator)}, kCreated, {}, {Role::kViewer}},
      {"creator in the window", User("u3", "carol"), {}, {}, kDeadline - 1,
       {Role::kAdministrator, Role::kConsumer}, {Role::kHubAdministrator}},
      {"creator at the deadline", User("u3", "carol"), {}, {}, kDeadline, {}, {Role::kViewer}},
      {"creator after the window keeps own grants", User("u3", "carol"), {},
       {ToUser("u3", Role::kViewer)}, kDeadline + 60, {Role::kViewer}, {Role::kAdministrator}},
      {"hub administrator", Caller{"u4", "root", true, {}}, {}, {}, kDeadline + 60,
       {Role::kAdministrator, Role::kHubAdministrator}, {}},
      {"hub administrator by team grant", User("u5", "ops", {"t5"}),
       {ToTeam("t5", Role::kHubAdministrator)}, {}, kDeadline + 60,
       {Role::kAdministrator, Role::kHubAdministrator}, {}},
      {"an own hub-administrator row is no role", User("u1", "alice"), {},
       {ToUser("u1", Role::kHubAdministrator)}, kCreated, {}, {Role::kViewer}},
  };
  for (const Row& row : rows) {
    RoleSet roles = EffectiveRegistryRoles(row.caller, Registry(), row.global, row.own, row.now);
    for (Role role : row.held) EXPECT_TRUE(roles.Has(role)) << row.name << ": " << RoleName(role);
    for (Role role : row.not_held) {
      EXPECT_FALSE(roles.Has(role)) << row.name << ": " << RoleName(role);
    }
  }
}

// The decision and its error for each kind of caller.
TEST(AccessPolicy, DecisionTable) {
  struct Row {
    const char* name;
    Role required;
    Caller caller;
    std::vector<RoleGrant> own;
    UnixSeconds now;
    bool allowed;
    ErrorCode code;
    std::vector<std::string> message_parts;
  };
  const std::vector<Row> rows = {
      {"viewer views", Role::kViewer, User("u1", "alice"), {ToUser("u1", Role::kViewer)},
       kCreated, true, ErrorCode::kInternal, {}},
      {"stranger is told the registry is not found", Role::kViewer, User("u1", "alice"), {},
       kCreated, false, ErrorCode::kNotFound, {"registry r1 not found"}},
      {"stranger asking to administer is not found either", Role::kAdministrator,
       User("u1", "alice"), {}, kCreated, false, ErrorCode::kNotFound, {"registry r1 not found"}},
      {"viewer cannot consume", Role::kConsumer, User("u1", "alice"),
       {ToUser("u1", Role::kViewer)}, kCreated, false, ErrorCode::kPermissionDenied,
       {"reg.example.com", "consumer role", "you hold viewer"}},
      {"assigner cannot administer", Role::kAdministrator, User("u1", "alice", {"t1"}),
       {ToTeam("t1", Role::kAssigner)}, kCreated, false, ErrorCode::kPermissionDenied,
       {"administrator role", "you hold assigner"}},
      {"consumer cannot assign", Role::kAssigner, User("u1", "alice"),
       {ToUser("u1", Role::kConsumer)}, kCreated, false, ErrorCode::kPermissionDenied,
       {"assigner role", "you hold consumer"}},
      {"creator administers in the window", Role::kAdministrator, User("u3", "carol"), {},
       kDeadline - 1, true, ErrorCode::kInternal, {}},
      {"creator after the window is refused with the deadline", Role::kAdministrator,
       User("u3", "carol"), {}, kDeadline, false, ErrorCode::kPermissionDenied,
       {"2026-09-21T14:18:20Z", "reg.example.com", "hub administrators"}},
      {"creator after the window cannot even view, and is told why", Role::kViewer,
       User("u3", "carol"), {}, kDeadline + 3600, false, ErrorCode::kPermissionDenied,
       {"closed at 2026-09-21T14:18:20Z"}},
      {"creator after the window with a viewer grant still may not administer",
       Role::kAdministrator, User("u3", "carol"), {ToUser("u3", Role::kViewer)}, kDeadline + 1,
       false, ErrorCode::kPermissionDenied, {"closed at 2026-09-21T14:18:20Z", "you hold viewer"}},
      {"creator after the window with an administrator grant administers", Role::kAdministrator,
       User("u3", "carol"), {ToUser("u3", Role::kAdministrator)}, kDeadline + 1, true,
       ErrorCode::kInternal, {}},
  };
  for (const Row& row : rows) {
    Status status = DecideRegistryAccess(row.required, row.caller, Registry(), {}, row.own, row.now);
    EXPECT_EQ(status.ok(), row.allowed) << row.name;
    if (status.ok() || row.allowed) continue;
    EXPECT_EQ(status.error().code, row.code) << row.name << ": " << status.error().message;
    for (const std::string& part : row.message_parts) {
      EXPECT_NE(status.error().message.find(part), std::string::npos)
          << row.name << ": \"" << status.error().message << "\" lacks \"" << part << "\"";
    }
  }
}

TEST(AccessPolicy, HiddenRegistryReadsLikeAMissingOne) {
  Status hidden = DecideRegistryAccess(Role::kViewer, User("u1", "alice"), Registry(), {}, {},
                                       kCreated);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().message, HiddenRegistry("r1").message);
  EXPECT_EQ(hidden.error().message.find("reg.example.com"), std::string::npos);
}

}  // namespace
}  // namespace reghub::access
