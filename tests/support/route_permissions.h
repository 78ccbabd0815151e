#pragma once

#include <span>
#include <string_view>

#include "service/permission.h"

namespace reghub::testing {

// The permission every route must declare, written out by hand so that a
// route whose permission changes, or a new route nobody classified, fails
// the tests (unit: ApiRoutes.EveryRouteDeclaresThePinnedPermission; the
// permission-matrix integration test walks these with a caller per role).
struct RoutePermission {
  std::string_view method;
  std::string_view pattern;
  service::Permission permission;
};

std::span<const RoutePermission> PinnedRoutePermissions();

}  // namespace reghub::testing
