#include "access/roles.h"

#include <gtest/gtest.h>

namespace reghub::access {
namespace {

TEST(Role, NamesRoundTripAndAnythingElseIsRefused) {
  for (Role role : {Role::kViewer, Role::kConsumer, Role::kAssigner, Role::kAdministrator,
                    Role::kHubAdministrator}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role) << RoleName(role);
  }
  for (const char* bad : {"", "Viewer", "admin", "hub_administrator", "viewer ", "owner"}) {
    EXPECT_FALSE(ParseRole(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(Role, OnlyHubAdministratorIsNotARegistryRole) {
  EXPECT_TRUE(IsRegistryRole(Role::kViewer));
  EXPECT_TRUE(IsRegistryRole(Role::kConsumer));
  EXPECT_TRUE(IsRegistryRole(Role::kAssigner));
  EXPECT_TRUE(IsRegistryRole(Role::kAdministrator));
  EXPECT_FALSE(IsRegistryRole(Role::kHubAdministrator));
}

TEST(Role, ImplicationFollowsTheTwoChains) {
  struct Row {
    Role held;
    Role needed;
    bool implies;
  };
  const Row rows[] = {
      {Role::kAdministrator, Role::kAssigner, true},
      {Role::kAdministrator, Role::kConsumer, true},
      {Role::kAdministrator, Role::kViewer, true},
      {Role::kAdministrator, Role::kHubAdministrator, false},
      {Role::kAssigner, Role::kViewer, true},
      {Role::kAssigner, Role::kConsumer, false},
      {Role::kAssigner, Role::kAdministrator, false},
      {Role::kConsumer, Role::kViewer, true},
      {Role::kConsumer, Role::kAssigner, false},
      {Role::kViewer, Role::kConsumer, false},
      {Role::kViewer, Role::kViewer, true},
      {Role::kHubAdministrator, Role::kAdministrator, true},
      {Role::kHubAdministrator, Role::kViewer, true},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(RoleImplies(row.held, row.needed), row.implies)
        << RoleName(row.held) << " => " << RoleName(row.needed);
  }
}

TEST(RoleSet, AddClosesOverImplicationAndDescribesTheStrongestRoles) {
  RoleSet none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.Describe(), "no role");

  RoleSet assigner;
  assigner.Add(Role::kAssigner);
  EXPECT_TRUE(assigner.Has(Role::kViewer));
  EXPECT_FALSE(assigner.Has(Role::kConsumer));
  EXPECT_EQ(assigner.Describe(), "assigner");

  RoleSet both = assigner;
  both.Add(Role::kConsumer);
  EXPECT_EQ(both.Describe(), "assigner and consumer");

  RoleSet admin;
  admin.Add(Role::kAdministrator);
  admin.Add(Role::kViewer);
  EXPECT_TRUE(admin.Has(Role::kConsumer));
  EXPECT_EQ(admin.Describe(), "administrator");
}

TEST(SubjectKind, ParsesUserAndTeamOnly) {
  EXPECT_EQ(ParseSubjectKind("user"), SubjectKind::kUser);
  EXPECT_EQ(ParseSubjectKind("team"), SubjectKind::kTeam);
  EXPECT_EQ(SubjectKindName(SubjectKind::kTeam), "team");
  EXPECT_FALSE(ParseSubjectKind("group").has_value());
  EXPECT_FALSE(ParseSubjectKind("User").has_value());
}

}  // namespace
}  // namespace reghub::access
