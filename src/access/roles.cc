#include "access/roles.h"

#include <array>

namespace reghub::access {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoleNames = {{
    {Role::kViewer, "viewer"},
    {Role::kConsumer, "consumer"},
    {Role::kAssigner, "assigner"},
    {Role::kAdministrator, "administrator"},
    {Role::kHubAdministrator, "hub-administrator"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [candidate, name] : kRoleNames) {
    if (candidate == role) return name;
  }
  return "unknown";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [role, candidate] : kRoleNames) {
    if (candidate == name) return role;
  }
  return std::nullopt;
}

bool IsRegistryRole(Role role) { return role != Role::kHubAdministrator; }

bool RoleImplies(Role held, Role needed) {
  if (held == needed) return true;
  switch (held) {
    case Role::kHubAdministrator: return true;
    case Role::kAdministrator: return needed != Role::kHubAdministrator;
    case Role::kAssigner:
    case Role::kConsumer: return needed == Role::kViewer;
    case Role::kViewer: return false;
  }
  return false;
}

void RoleSet::Add(Role role) {
  for (const auto& [candidate, name] : kRoleNames) {
    if (RoleImplies(role, candidate)) bits_ |= Bit(candidate);
  }
}

std::string RoleSet::Describe() const {
  if (bits_ == 0) return "no role";
  // The roles not implied by another held role, strongest first.
  std::vector<std::string_view> strongest;
  for (auto it = kRoleNames.rbegin(); it != kRoleNames.rend(); ++it) {
    if (!Has(it->first)) continue;
    bool implied = false;
    for (const auto& [other, name] : kRoleNames) {
      if (other != it->first && Has(other) && RoleImplies(other, it->first)) implied = true;
    }
    if (!implied) strongest.push_back(it->second);
  }
  std::string text;
  for (std::size_t i = 0; i < strongest.size(); ++i) {
    if (i > 0) text += i + 1 == strongest.size() ? " and " : ", ";
    text += strongest[i];
  }
  return text;
}

std::string_view SubjectKindName(SubjectKind kind) {
  return kind == SubjectKind::kUser ? "user" : "team";
}

std::optional<SubjectKind> ParseSubjectKind(std::string_view name) {
  if (name == "user") return SubjectKind::kUser;
  if (name == "team") return SubjectKind::kTeam;
  return std::nullopt;
}

}  // namespace reghub::access
