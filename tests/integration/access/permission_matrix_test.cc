// The permission matrix: every route of tests/support/route_permissions.cc
// against a real hub, as every kind of caller, allowed or denied as its
// pinned permission says. A route the hub documents but nobody pinned fails.

#include <gtest/gtest.h>

#include <set>

#include "access_hub.h"
#include "support/route_permissions.h"

namespace reghub::testing {
namespace {

using service::Permission;

// The answer a caller must get from the authorization layer.
enum class Expect { kAllowed, kUnauthenticated, kForbidden, kHidden };

const char* ExpectName(Expect expect) {
  switch (expect) {
    case Expect::kAllowed: return "allowed";
    case Expect::kUnauthenticated: return "401";
    case Expect::kForbidden: return "403";
    case Expect::kHidden: return "404 (hidden registry)";
  }
  return "?";
}

bool IsRegistryPermission(Permission permission) {
  switch (permission) {
    case Permission::kRegistryView:
    case Permission::kRegistryConsume:
    case Permission::kRegistryAssign:
    case Permission::kRegistryAdminister:
    case Permission::kRegistryGrants:
      return true;
    default:
      return false;
  }
}

bool IsEnvironmentPermission(Permission permission) {
  return permission == Permission::kEnvironmentEdit || permission == Permission::kEnvironmentAgent;
}

// What R's grants give each caller (see AccessHub).
Expect ExpectFor(Caller caller, Permission permission) {
  if (permission == Permission::kPublic) return Expect::kAllowed;
  if (caller == Caller::kAnonymous) return Expect::kUnauthenticated;
  if (caller == Caller::kAgent) {
    return permission == Permission::kEnvironmentAgent ? Expect::kAllowed : Expect::kForbidden;
  }
  if (caller == Caller::kHubAdmin) return Expect::kAllowed;
  switch (permission) {
    case Permission::kAuthenticated:
    case Permission::kEnvironmentView:
      return Expect::kAllowed;
    case Permission::kHubAdmin:
    case Permission::kEnvironmentEdit:
    case Permission::kEnvironmentAgent:
      return Expect::kForbidden;
    default:
      break;
  }
  // Registry permissions on R.
  if (caller == Caller::kNobody || caller == Caller::kOtherConsumer) return Expect::kHidden;
  if (caller == Caller::kRegistryAdmin) return Expect::kAllowed;
  switch (permission) {
    case Permission::kRegistryView:
      return Expect::kAllowed;
    case Permission::kRegistryConsume:
      return caller == Caller::kConsumer ? Expect::kAllowed : Expect::kForbidden;
    case Permission::kRegistryAssign:
      return caller == Caller::kAssigner ? Expect::kAllowed : Expect::kForbidden;
    default:
      return Expect::kForbidden;   // administer, grants
  }
}

// The route's pattern with its parameters filled in.
std::string Substitute(std::string pattern, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (auto at = pattern.find(placeholder); at != std::string::npos; at = pattern.find(placeholder)) {
      pattern.replace(at, placeholder.size(), value);
    }
  }
  return pattern;
}

class PermissionMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    hub_ = std::make_unique<AccessHub>();
    start_error_ = hub_->Start();
  }
  static void TearDownTestSuite() { hub_.reset(); }
  void SetUp() override { ASSERT_EQ(start_error_, "") << "the hub did not start"; }

  static inline std::unique_ptr<AccessHub> hub_;
  static inline std::string start_error_;
};

// Whether `response` is the authorization layer's verdict `expect`.
::testing::AssertionResult Matches(const HttpResponse& response, Expect expect,
                                   const std::string& registry_id) {
  const long status = response.status;
  const nlohmann::json body = response.Json();
  const std::string code = body.is_object() && body.contains("error")
                               ? body["error"].value("code", "")
                               : "";
  const std::string message = body.is_object() && body.contains("error")
                                  ? body["error"].value("message", "")
                                  : "";
  const bool hidden = status == 404 && message == "registry " + registry_id + " not found";
  bool ok = false;
  switch (expect) {
    case Expect::kAllowed:
      // Past authorization anything may follow (400 for the empty body, 404
      // for a made-up id, 502 from an unreachable registry), but not a crash.
      ok = status != 0 && status != 401 && status != 403 && !hidden && status != 500;
      break;
    case Expect::kUnauthenticated:
      ok = status == 401 && code == "unauthenticated";
      break;
    case Expect::kForbidden:
      ok = status == 403 && code == "permission_denied" && !message.empty();
      break;
    case Expect::kHidden:
      ok = hidden && code == "not_found";
      break;
  }
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << ExpectName(expect) << ", got " << status
                                       << " " << response.body.substr(0, 300);
}

TEST_F(PermissionMatrix, EveryRouteAnswersEveryCallerAsItsPermissionSays) {
  int checked = 0;
  for (const auto& route : PinnedRoutePermissions()) {
    const std::string method(route.method);
    const std::string pattern(route.pattern);
    for (Caller caller : AllCallers()) {
      // A DELETE of a registry really deletes it: each gets a fresh one.
      std::string registry = hub_->registry_r();
      if (method == "DELETE" && IsRegistryPermission(route.permission)) {
        registry = hub_->NewRegistryLikeR();
      }
      std::map<std::string, std::string> values = {
          {"registry_id", hub_->registry_r()},
          {"revision", "1"},
          {"token_id", "00000000000000000000000000000000"},
      };
      if (IsRegistryPermission(route.permission)) {
        values["id"] = registry;
      } else if (IsEnvironmentPermission(route.permission)) {
        values["id"] = hub_->environment_e();
      } else {
        // Users, teams, tokens, ...: authorization does not depend on the id,
        // and a made-up one keeps hub administrators from changing anything.
        values["id"] = "00000000000000000000000000000000";
      }
      const std::string path = Substitute(pattern, values);
      // Bodies are empty objects: handlers refuse them after authorization,
      // so allowed callers change nothing. Routes that end the caller's own
      // session use one of the caller's spare tokens each.
      int spare = -1;
      if (pattern == "/api/v1/auth/logout") spare = 0;
      if (pattern == "/api/v1/auth/session" && method == "DELETE") spare = 1;
      HttpResponse response = hub_->Send(caller, method, path, "{}", spare);
      const Expect expect = ExpectFor(caller, route.permission);
      EXPECT_TRUE(Matches(response, expect, registry))
          << method << " " << path << " (" << service::PermissionName(route.permission)
          << ") as " << CallerName(caller);
      ++checked;
    }
  }
  EXPECT_GE(checked, 20 * static_cast<int>(AllCallers().size()));
}

TEST_F(PermissionMatrix, EveryDocumentedRouteIsPinned) {
  HttpResponse document = hub_->Send(Caller::kAnonymous, "GET", "/api/v1/openapi.json");
  ASSERT_EQ(document.status, 200);
  std::set<std::string> pinned;
  for (const auto& route : PinnedRoutePermissions()) {
    std::string method(route.method);
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    pinned.insert(method + " " + std::string(route.pattern));
  }
  for (const auto& [path, item] : document.Json().at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      EXPECT_TRUE(pinned.count(method + " " + path))
          << method << " " << path << " is served but has no pinned permission";
    }
  }
}

}  // namespace
}  // namespace reghub::testing
