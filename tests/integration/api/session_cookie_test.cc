// The web UI's cookie session: POST/GET/DELETE /api/v1/auth/session, the
// cookie's flags, and the CSRF token every unsafe cookie request must carry.
#include <gtest/gtest.h>

#include <string>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class SessionCookieApi : public SharedHubTest<SessionCookieApi> {
 protected:
  struct Session {
    std::string cookie;      // "reghub_session=rh_…"
    std::string set_cookie;  // the whole Set-Cookie header
    std::string csrf_token;
  };

  Session LogIn(const HttpHeaders& extra = {}) {
    HttpClient client;
    HttpHeaders headers = {{"Content-Type", "application/json"}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    nlohmann::json body = {{"username", "admin"}, {"password", hub().admin_password()}};
    HttpResponse response =
        client.Request("POST", hub().Url("/api/v1/auth/session"), headers, body.dump(), true);
    EXPECT_EQ(response.status, 200) << response.body;
    Session session;
    session.set_cookie = response.Header("set-cookie");
    session.cookie = session.set_cookie.substr(0, session.set_cookie.find(';'));
    session.csrf_token = response.Json().value("csrf_token", "");
    return session;
  }

  HttpResponse WithCookie(std::string_view method, const std::string& path, const Session& session,
                          const std::string& csrf = "", std::string_view body = {}) {
    HttpClient client;
    HttpHeaders headers = {{"Cookie", "theme=dark; " + session.cookie}};
    if (!csrf.empty()) headers.emplace_back("X-CSRF-Token", csrf);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return client.Request(method, hub().Url(path), headers, body, !body.empty());
  }
};

TEST_F(SessionCookieApi, LoginSetsAnHttpOnlyStrictCookieAndReturnsTheCsrfTokenNotTheSessionToken) {
  HttpClient client;
  HttpResponse response = client.SendJson("POST", hub().Url("/api/v1/auth/session"),
                                          {{"username", "admin"}, {"password", hub().admin_password()}});
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string set_cookie = response.Header("set-cookie");
  EXPECT_TRUE(set_cookie.starts_with("reghub_session=rh_")) << set_cookie;
  EXPECT_NE(set_cookie.find("; HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; Path=/"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; Max-Age=43200"), std::string::npos) << set_cookie;
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << "plain HTTP: " << set_cookie;
  EXPECT_EQ(response.Header("cache-control"), "no-store");

  nlohmann::json body = response.Json();
  EXPECT_EQ(body["user"]["username"], "admin");
  EXPECT_EQ(body["user"]["is_admin"], true);
  ASSERT_TRUE(body["csrf_token"].is_string());
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 43u);
  EXPECT_TRUE(body["expires_at"].is_string());
  EXPECT_FALSE(body.contains("token"));
  const std::string token = set_cookie.substr(15, set_cookie.find(';') - 15);
  EXPECT_EQ(response.body.find(token), std::string::npos) << "the session token is in the body";
}

TEST_F(SessionCookieApi, BehindAnHttpsProxyTheCookieIsSecure) {
  Session session = LogIn({{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(session.set_cookie.find("; Secure"), std::string::npos) << session.set_cookie;
}

TEST_F(SessionCookieApi, AWrongPasswordSetsNoCookie) {
  HttpClient client;
  HttpResponse response = client.SendJson("POST", hub().Url("/api/v1/auth/session"),
                                          {{"username", "admin"}, {"password", "not-the-password"}});
  EXPECT_TRUE(IsApiError(response, 401, "unauthenticated"));
  EXPECT_EQ(response.Header("set-cookie"), "");
}

TEST_F(SessionCookieApi, MalformedLoginBodiesNameTheirField) {
  HttpClient client;
  HttpResponse missing = client.SendJson("POST", hub().Url("/api/v1/auth/session"), {{"username", "admin"}});
  EXPECT_TRUE(IsApiError(missing, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(missing, "password"));
  HttpResponse unknown = client.SendJson("POST", hub().Url("/api/v1/auth/session"),
                                         {{"username", "admin"}, {"password", "x"}, {"remember", true}});
  EXPECT_TRUE(ErrorNamesField(unknown, "remember"));
}

TEST_F(SessionCookieApi, TheCookieAuthenticatesSafeRequestsWithoutTheCsrfToken) {
  Session session = LogIn();
  HttpResponse list = WithCookie("GET", "/api/v1/registries", session);
  EXPECT_EQ(list.status, 200) << list.body;
  HttpResponse current = WithCookie("GET", "/api/v1/auth/session", session);
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.Json()["csrf_token"], session.csrf_token);
  EXPECT_EQ(current.Json()["user"]["username"], "admin");
}

TEST_F(SessionCookieApi, AnUnsafeCookieRequestWithoutTheCsrfHeaderIs403AndChangesNothing) {
  Session session = LogIn();
  const std::string body = PublicRegistryBody("csrf-missing.example.com").dump();
  HttpResponse response = WithCookie("POST", "/api/v1/registries", session, "", body);
  EXPECT_TRUE(IsApiError(response, 403, "permission_denied"));
  EXPECT_NE(response.body.find("X-CSRF-Token"), std::string::npos) << response.body;
  EXPECT_TRUE(ListAllRegistries(api(), "&url=csrf-missing.example.com").empty());
}

TEST_F(SessionCookieApi, AnUnsafeCookieRequestWithAWrongCsrfTokenIs403) {
  Session session = LogIn();
  Session other = LogIn();
  ASSERT_NE(session.csrf_token, other.csrf_token);
  const std::string body = PublicRegistryBody("csrf-wrong.example.com").dump();
  for (const std::string& wrong : {other.csrf_token, session.csrf_token.substr(1), std::string("x")}) {
    HttpResponse response = WithCookie("POST", "/api/v1/registries", session, wrong, body);
    EXPECT_TRUE(IsApiError(response, 403, "permission_denied")) << wrong;
  }
  EXPECT_TRUE(ListAllRegistries(api(), "&url=csrf-wrong.example.com").empty());
}

TEST_F(SessionCookieApi, AnUnsafeCookieRequestWithTheSessionsCsrfTokenSucceeds) {
  Session session = LogIn();
  const std::string body = PublicRegistryBody("csrf-right.example.com").dump();
  HttpResponse response = WithCookie("POST", "/api/v1/registries", session, session.csrf_token, body);
  EXPECT_EQ(response.status, 201) << response.body;
  EXPECT_EQ(response.Json()["created_by"], "admin");
}

TEST_F(SessionCookieApi, BearerTokensNeedNoCsrfTokenAsBefore) {
  HttpResponse response = api().Post("/api/v1/registries", PublicRegistryBody("csrf-bearer.example.com"));
  EXPECT_EQ(response.status, 201) << response.body;
}

TEST_F(SessionCookieApi, LogoutRevokesTheSessionAndClearsTheCookie) {
  Session session = LogIn();
  HttpResponse refused = WithCookie("DELETE", "/api/v1/auth/session", session);
  EXPECT_TRUE(IsApiError(refused, 403, "permission_denied")) << "logout without the CSRF token";

  HttpResponse out = WithCookie("DELETE", "/api/v1/auth/session", session, session.csrf_token);
  ASSERT_EQ(out.status, 204) << out.body;
  const std::string cleared = out.Header("set-cookie");
  EXPECT_TRUE(cleared.starts_with("reghub_session=;")) << cleared;
  EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos) << cleared;
  EXPECT_NE(cleared.find("HttpOnly"), std::string::npos) << cleared;

  EXPECT_TRUE(IsApiError(WithCookie("GET", "/api/v1/registries", session), 401, "unauthenticated"));
}

TEST_F(SessionCookieApi, AnUnknownCookieIs401) {
  Session forged{.cookie = "reghub_session=rh_forged", .set_cookie = "", .csrf_token = ""};
  EXPECT_TRUE(IsApiError(WithCookie("GET", "/api/v1/registries", forged), 401, "unauthenticated"));
}

}  // namespace
}  // namespace reghub::testing
