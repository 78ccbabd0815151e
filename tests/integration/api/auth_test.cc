// Authentication: login, logout, and that every API route refuses a request
// without a valid bearer token with the contract's error shape.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class AuthApi : public SharedHubTest<AuthApi> {
 protected:
  // A registry that exists, so that routes with an id reach authentication
  // rather than failing for another reason first.
  std::string ExistingRegistryId() {
    HttpResponse created = api().Post("/api/v1/registries", PublicRegistryBody("auth-target.example.com"));
    if (created.status == 201) return created.Json()["id"];
    auto found = ListAllRegistries(api(), "&url=auth-target.example.com");
    return found.empty() ? "0123456789abcdef0123456789abcdef" : found[0]["id"].get<std::string>();
  }
};

TEST_F(AuthApi, LoginWithTheRightPasswordReturnsATokenAndExpiry) {
  HttpClient client;
  HttpResponse response = client.SendJson("POST", hub().Url("/api/v1/auth/login"),
                                          {{"username", "admin"}, {"password", hub().admin_password()}});
  ASSERT_EQ(response.status, 200) << response.body;
  nlohmann::json body = response.Json();
  ASSERT_TRUE(body["token"].is_string());
  EXPECT_FALSE(body["token"].get<std::string>().empty());
  ASSERT_TRUE(body["expires_at"].is_string());
  EXPECT_TRUE(body["expires_at"].get<std::string>().ends_with("Z"));

  HttpResponse whoami = client.Get(hub().Url("/api/v1/auth/whoami"), body["token"]);
  ASSERT_EQ(whoami.status, 200) << whoami.body;
  EXPECT_EQ(whoami.Json()["username"], "admin");
  EXPECT_EQ(whoami.Json()["is_admin"], true);
}

TEST_F(AuthApi, LoginWithAWrongPasswordOrUnknownUserIs401) {
  HttpClient client;
  std::string wrong = NewSecret("wrong-password");
  HttpResponse bad_password = client.SendJson("POST", hub().Url("/api/v1/auth/login"),
                                              {{"username", "admin"}, {"password", wrong}});
  EXPECT_TRUE(IsApiError(bad_password, 401, "unauthenticated"));
  EXPECT_EQ(bad_password.body.find(wrong), std::string::npos);
  HttpResponse unknown_user = client.SendJson("POST", hub().Url("/api/v1/auth/login"),
                                              {{"username", "nobody"}, {"password", wrong}});
  EXPECT_TRUE(IsApiError(unknown_user, 401, "unauthenticated"));
  nlohmann::json a = bad_password.Json();
  nlohmann::json b = unknown_user.Json();
  EXPECT_EQ(a["error"]["message"], b["error"]["message"])
      << "the answer does not tell which of user and password was wrong";
}

TEST_F(AuthApi, MalformedLoginBodyIs400) {
  HttpClient client;
  EXPECT_TRUE(IsApiError(client.SendRaw("POST", hub().Url("/api/v1/auth/login"), "{\"username\":"),
                         400, "invalid_argument"));
  EXPECT_TRUE(IsApiError(client.SendJson("POST", hub().Url("/api/v1/auth/login"), {{"username", 1}}),
                         400, "invalid_argument"));
}

TEST_F(AuthApi, EveryApiRouteWithoutAValidTokenIs401) {
  std::string id = ExistingRegistryId();
  struct Route {
    std::string method;
    std::string path;
  };
  std::vector<Route> routes = {
      {"GET", "/api/v1/auth/whoami"},
      {"POST", "/api/v1/auth/logout"},
      {"GET", "/api/v1/registries"},
      {"POST", "/api/v1/registries"},
      {"GET", "/api/v1/registries/" + id},
      {"PATCH", "/api/v1/registries/" + id},
      {"DELETE", "/api/v1/registries/" + id},
      {"GET", "/api/v1/registries/" + id + "/revisions"},
      {"GET", "/api/v1/registries/" + id + "/revisions/1"},
      {"GET", "/api/v1/registries/" + id + "/diff?from=1&to=1"},
      {"GET", "/api/v1/audit"},
  };
  std::vector<std::pair<std::string, std::string>> bad_credentials = {
      {"no header", ""},
      {"unknown token", "Bearer rh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
      {"empty bearer", "Bearer "},
      {"basic scheme", "Basic " + Base64("admin:" + hub().admin_password())},
  };
  HttpClient client;
  for (const auto& route : routes) {
    for (const auto& [what, authorization] : bad_credentials) {
      HttpHeaders headers{{"Content-Type", "application/json"}};
      if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
      bool has_body = route.method == "POST" || route.method == "PATCH";
      HttpResponse response = client.Request(route.method, hub().Url(route.path), headers,
                                             has_body ? PublicRegistryBody("x.example.com").dump() : "",
                                             has_body);
      EXPECT_TRUE(IsApiError(response, 401, "unauthenticated")) << route.method << " " << route.path
                                                                << " with " << what;
    }
  }
  HttpResponse still_there = api().Get("/api/v1/registries/" + id);
  EXPECT_EQ(still_there.status, 200) << "no unauthenticated request changed anything";
}

TEST_F(AuthApi, LogoutRevokesTheCallingTokenOnly) {
  std::string token = hub().Login("admin", hub().admin_password());
  ASSERT_NE(token, "");
  HttpClient client;
  ASSERT_EQ(client.Get(hub().Url("/api/v1/auth/whoami"), token).status, 200);
  HttpHeaders headers{{"Authorization", "Bearer " + token}};
  EXPECT_EQ(client.Request("POST", hub().Url("/api/v1/auth/logout"), headers, "", true).status, 204);
  EXPECT_TRUE(IsApiError(client.Get(hub().Url("/api/v1/auth/whoami"), token), 401, "unauthenticated"));
  EXPECT_EQ(api().Get("/api/v1/auth/whoami").status, 200) << "other sessions stay valid";
}

TEST_F(AuthApi, PublicEndpointsNeedNoToken) {
  HttpClient client;
  EXPECT_EQ(client.Get(hub().Url("/healthz")).status, 200);
  EXPECT_EQ(client.Get(hub().Url("/readyz")).status, 200);
  EXPECT_EQ(client.Get(hub().Url("/api/v1/openapi.json")).status, 200);
}

}  // namespace
}  // namespace reghub::testing
