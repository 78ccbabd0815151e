#pragma once

#include <string_view>

namespace reghub::service {

// What a route requires of its caller. Every route declares one (the router
// refuses to register a route without it), and the permission-matrix test
// pins the permission of every route. Registry permissions apply to the
// registry named by the route's {id}; environment permissions to the
// environment named by {id}. Agent tokens satisfy kEnvironmentAgent only.
enum class Permission {
  kPublic,                 // no authentication
  kAuthenticated,          // any signed-in user
  kHubAdmin,               // hub administrators
  kRegistryView,           // viewer (or any stronger role) on {id}
  kRegistryConsume,        // consumer on {id}
  kRegistryAssign,         // assigner on {id}
  kRegistryAdminister,     // administrator on {id}
  kRegistryGrants,         // administrator on {id}, or its creator before permissions_deadline
  kEnvironmentView,        // any signed-in user (environments hold no secret)
  kEnvironmentEdit,        // hub administrators and members of the environment's editor teams
  kEnvironmentAgent,       // the agent token of environment {id}, or a hub administrator
};

constexpr std::string_view PermissionName(Permission permission) {
  switch (permission) {
    case Permission::kPublic: return "public";
    case Permission::kAuthenticated: return "authenticated";
    case Permission::kHubAdmin: return "hub-admin";
    case Permission::kRegistryView: return "registry-view";
    case Permission::kRegistryConsume: return "registry-consume";
    case Permission::kRegistryAssign: return "registry-assign";
    case Permission::kRegistryAdminister: return "registry-administer";
    case Permission::kRegistryGrants: return "registry-grants";
    case Permission::kEnvironmentView: return "environment-view";
    case Permission::kEnvironmentEdit: return "environment-edit";
    case Permission::kEnvironmentAgent: return "environment-agent";
  }
  return "unknown";
}

}  // namespace reghub::service
