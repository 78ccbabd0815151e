// `reghub serve --web-dir DIR` serves the built web UI at /: files with their
// content types and cache headers, index.html for client routes, and nothing
// outside DIR whatever the path says.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/http_client.h"
#include "support/hub_server.h"
#include "support/temp_dir.h"

namespace reghub::testing {
namespace {

namespace fs = std::filesystem;

void Write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class WebUi : public ::testing::Test {
 protected:
  void SetUp() override {
    web_ = root_ / "dist";
    Write(web_ / "index.html", "<!doctype html><title>reghub</title>INDEX");
    Write(web_ / "assets" / "index-abc123.js", "console.log('app')");
    Write(web_ / "assets" / "index-abc123.css", "body{}");
    Write(web_ / "favicon.svg", "<svg/>");
    Write(web_ / ".reghub-source-hash", "stamp");
    Write(root_ / "secret.txt", "OUTSIDE-SECRET");
    fs::create_symlink(root_ / "secret.txt", web_ / "assets" / "link.js");
    hub_ = std::make_unique<HubServer>(HubServerOptions{.extra_args = {"--web-dir", web_.string()}});
    ASSERT_EQ(hub_->Start(), "");
  }

  HttpResponse Get(const std::string& path) { return client_.Get(hub_->Url(path)); }

  TempDir root_{"reghub-web-ui"};
  fs::path web_;
  std::unique_ptr<HubServer> hub_;
  HttpClient client_;
};

TEST_F(WebUi, TheRootServesIndexHtmlUncachedWithSecurityHeaders) {
  HttpResponse response = Get("/");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "<!doctype html><title>reghub</title>INDEX");
  EXPECT_EQ(response.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(response.Header("cache-control"), "no-cache");
  EXPECT_EQ(response.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(response.Header("x-frame-options"), "DENY");
  EXPECT_NE(response.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
}

TEST_F(WebUi, ClientRoutesServeIndexHtmlSoReloadsWork) {
  for (const char* path : {"/registries", "/registries/abc/revisions", "/login", "/environments/x/"}) {
    HttpResponse response = Get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.body, "<!doctype html><title>reghub</title>INDEX") << path;
  }
}

TEST_F(WebUi, AssetsHaveTheirContentTypesAndAreImmutable) {
  HttpResponse js = Get("/assets/index-abc123.js");
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log('app')");
  EXPECT_EQ(js.Header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(Get("/assets/index-abc123.css").Header("content-type"), "text/css; charset=utf-8");
  HttpResponse icon = Get("/favicon.svg");
  EXPECT_EQ(icon.Header("content-type"), "image/svg+xml");
  EXPECT_EQ(icon.Header("cache-control"), "no-cache");
}

TEST_F(WebUi, MissingFilesApiPathsAndUnknownRoutesAreTheJson404) {
  for (const char* path : {"/assets/missing.js", "/assets/missing", "/robots.txt", "/api/v1/nothing", "/api",
                           "/no/such/path"}) {
    HttpResponse response = Get(path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.Header("content-type"), "application/json") << path;
  }
}

TEST_F(WebUi, TraversalOutOfTheDirectoryIsRefused) {
  for (const char* path : {"/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                           "/..%5csecret.txt", "/assets/link.js", "/.reghub-source-hash", "/%2e/index.html",
                           "/assets/%00.js", "//secret.txt"}) {
    HttpResponse response = Get(path);
    EXPECT_EQ(response.body.find("OUTSIDE-SECRET"), std::string::npos) << path;
    EXPECT_EQ(response.body.find("stamp"), std::string::npos) << path;
    EXPECT_NE(response.status, 500) << path;
  }
  EXPECT_EQ(Get("/assets/link.js").status, 404) << "a symlink leaving the directory";
}

TEST_F(WebUi, OnlyGetAndHeadReachTheFiles) {
  HttpResponse post = client_.SendRaw("POST", hub_->Url("/registries"), "{}");
  EXPECT_EQ(post.status, 404);
  HttpResponse head = client_.Request("HEAD", hub_->Url("/assets/index-abc123.js"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
}

TEST_F(WebUi, WithoutABuiltUiThePagesSayHowToBuildItAndTheApiStillWorks) {
  fs::remove(web_ / "index.html");
  HttpResponse response = Get("/registries");
  EXPECT_EQ(response.status, 503);
  EXPECT_NE(response.body.find("make build"), std::string::npos);
  EXPECT_EQ(Get("/healthz").status, 200);
}

TEST_F(WebUi, TheCsrfTokenOfASessionSurvivesARestart) {
  HttpClient client;
  HttpResponse login = client.SendJson("POST", hub_->Url("/api/v1/auth/session"),
                                       {{"username", "admin"}, {"password", hub_->admin_password()}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string set_cookie = login.Header("set-cookie");
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  ASSERT_EQ(hub_->Restart(), "");
  HttpClient after;
  HttpResponse current = after.Request("GET", hub_->Url("/api/v1/auth/session"), {{"Cookie", cookie}});
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.Json()["csrf_token"], login.Json()["csrf_token"]);
}

}  // namespace
}  // namespace reghub::testing
