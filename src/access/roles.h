#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reghub::access {

// The roles of the access model. Per registry: administrator ⊇ assigner ⊇
// viewer and administrator ⊇ consumer ⊇ viewer. hub-administrator exists only
// as a global grant and holds every right on the hub.
enum class Role { kViewer, kConsumer, kAssigner, kAdministrator, kHubAdministrator };

// "viewer", "consumer", "assigner", "administrator", "hub-administrator".
std::string_view RoleName(Role role);
// The role named exactly (lower-case) by `name`; nullopt otherwise.
std::optional<Role> ParseRole(std::string_view name);
// The four roles that can be granted on one registry (all but hub-administrator).
bool IsRegistryRole(Role role);
// Whether holding `held` gives what `needed` gives. hub-administrator implies
// every role; a registry role never implies hub-administrator.
bool RoleImplies(Role held, Role needed);

// A set of roles, closed under RoleImplies once built with Add().
class RoleSet {
 public:
  // Adds `role` and every role it implies.
  void Add(Role role);
  bool Has(Role role) const { return (bits_ & Bit(role)) != 0; }
  bool empty() const { return bits_ == 0; }
  // The strongest roles held, for messages: "viewer", "assigner and consumer", "no role".
  std::string Describe() const;
  bool operator==(const RoleSet&) const = default;

 private:
  static std::uint8_t Bit(Role role) { return static_cast<std::uint8_t>(1u << static_cast<int>(role)); }
  std::uint8_t bits_ = 0;
};

// Who a grant goes to.
enum class SubjectKind { kUser, kTeam };
std::string_view SubjectKindName(SubjectKind kind);   // "user" | "team"
std::optional<SubjectKind> ParseSubjectKind(std::string_view name);

// One grant as the policy sees it: a role held by a user or a team.
struct RoleGrant {
  SubjectKind kind = SubjectKind::kUser;
  std::string subject_id;
  Role role = Role::kViewer;
};

}  // namespace reghub::access
