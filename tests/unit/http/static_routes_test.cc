// The router's fallback and the web UI handler, without a server.
#include "http/static_routes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/router.h"
#include "support/temp_dir.h"

namespace reghub::http {
namespace {

namespace fs = std::filesystem;

HttpRequest Request(std::string method, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.target = path;
  request.path = std::move(path);
  return request;
}

Router MakeRouter() {
  Router router([](const HttpRequest&) -> Result<service::Actor> { return service::Actor{}; });
  router.Add("GET", "/api/v1/things", Permission::kAuthenticated,
             [](RouteContext&) { return HttpResponse::Text(200, "things"); });
  return router;
}

TEST(RouterFallback, WithoutAFallbackUnknownPathsAreTheJson404) {
  Router router = MakeRouter();
  HttpResponse response = router.Dispatch(Request("GET", "/registries"));
  EXPECT_EQ(response.status, 404);
}

TEST(RouterFallback, TheFallbackAnswersPathsNoRouteMatches) {
  Router router = MakeRouter();
  router.SetFallback([](RouteContext& context) { return HttpResponse::Text(200, "ui " + context.request.path); });
  EXPECT_EQ(router.Dispatch(Request("GET", "/registries/a/b")).body, "ui /registries/a/b");
  EXPECT_EQ(router.Dispatch(Request("GET", "/api/v1/things")).body, "things");
}

TEST(RouterFallback, AKnownPathWithAnotherMethodIsStill405) {
  Router router = MakeRouter();
  router.SetFallback([](RouteContext&) { return HttpResponse::Text(200, "ui"); });
  EXPECT_EQ(router.Dispatch(Request("POST", "/api/v1/things")).status, 405);
}

TEST(ContentTypeFor, MapsTheUisFileTypes) {
  struct Case {
    const char* name;
    const char* type;
  };
  const Case cases[] = {
      {"index.html", "text/html; charset=utf-8"},  {"a.JS", "text/javascript; charset=utf-8"},
      {"a.css", "text/css; charset=utf-8"},        {"logo.svg", "image/svg+xml"},
      {"font.woff2", "font/woff2"},                {"x.png", "image/png"},
      {"data.bin", "application/octet-stream"},    {"noextension", "application/octet-stream"},
  };
  for (const auto& c : cases) EXPECT_EQ(ContentTypeFor(c.name), c.type) << c.name;
}

class WebUiHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path() / "dist" / "assets");
    std::ofstream(dir_.path() / "dist" / "index.html") << "INDEX";
    std::ofstream(dir_.path() / "dist" / "assets" / "app.js") << "JS";
    std::ofstream(dir_.path() / "outside.txt") << "OUTSIDE";
    handler_ = WebUiHandler(dir_.path() / "dist");
  }
  HttpResponse Serve(const std::string& method, const std::string& path) {
    HttpRequest request = Request(method, path);
    RouteContext context{request, {}, {}};
    return handler_(context);
  }

  reghub::testing::TempDir dir_{"reghub-static"};
  RouteHandler handler_;
};

TEST_F(WebUiHandlerTest, ServesFilesAndIndexForClientRoutes) {
  EXPECT_EQ(Serve("GET", "/").body, "INDEX");
  EXPECT_EQ(Serve("GET", "/assets/app.js").body, "JS");
  EXPECT_EQ(Serve("GET", "/environments/abc").body, "INDEX");
  EXPECT_EQ(Serve("HEAD", "/assets/app.js").body, "");
}

TEST_F(WebUiHandlerTest, RefusesEveryPathThatCouldLeaveTheDirectory) {
  for (const char* path : {"/../outside.txt", "/assets/../../outside.txt", "/./index.html", "/..",
                           "/assets/..\\..\\outside.txt", "//outside.txt", "/.hidden"}) {
    HttpResponse response = Serve("GET", path);
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.body.find("OUTSIDE"), std::string::npos) << path;
  }
}

TEST_F(WebUiHandlerTest, OtherMethodsAndApiPathsAre404) {
  EXPECT_EQ(Serve("POST", "/").status, 404);
  EXPECT_EQ(Serve("DELETE", "/assets/app.js").status, 404);
  EXPECT_EQ(Serve("GET", "/api/v2/x").status, 404);
  EXPECT_EQ(Serve("GET", "/no/such/path").status, 404) << "not a client route";
}

}  // namespace
}  // namespace reghub::http
