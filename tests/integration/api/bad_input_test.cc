// Bad input is refused with the right status, code and field, and leaves the
// stored state exactly as it was.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class BadInputApi : public SharedHubTest<BadInputApi> {};

struct BadRequest {
  std::string name;
  std::string method;  // POST (create) or PATCH (update of the target registry)
  std::string body;
  long status = 400;
  std::string code = "invalid_argument";
  std::string field;   // "" when the field cannot be named (e.g. malformed JSON)
};

const char kNew[] = "never-stored.example.com";

std::string With(nlohmann::json body, const std::string& pointer, nlohmann::json value) {
  body[nlohmann::json::json_pointer(pointer)] = std::move(value);
  return body.dump();
}

std::string Without(nlohmann::json body, const std::string& key) {
  body.erase(key);
  return body.dump();
}

std::vector<BadRequest> CreateCases() {
  const nlohmann::json base = PublicRegistryBody(kNew);
  const nlohmann::json basic = BasicRegistryBody(kNew, "ci", NewSecret("bad-input"));
  std::string long_password = NewSecret("long-password") + std::string(17 * 1024, 'x');
  std::string huge = With(base, "/description", std::string(1024 * 1024 + 100, 'd'));
  std::string invalid_utf8 = base.dump();
  invalid_utf8.insert(invalid_utf8.find("team/app"), "\xff\xfe");
  nlohmann::json too_many = nlohmann::json::array();
  for (int i = 0; i < 101; ++i) too_many.push_back("team/app" + std::to_string(i));
  return {
      {"malformed JSON", "POST", "{\"url\":\"never-stored.example.com\",", 400, "invalid_argument", ""},
      {"an array", "POST", "[\"never-stored.example.com\"]", 400, "invalid_argument", ""},
      {"an empty body", "POST", "", 400, "invalid_argument", ""},
      {"null", "POST", "null", 400, "invalid_argument", ""},
      {"trailing garbage", "POST", base.dump() + "xyz", 400, "invalid_argument", ""},
      {"url a number", "POST", With(base, "/url", 5), 400, "invalid_argument", "url"},
      {"display_name a bool", "POST", With(base, "/display_name", true), 400, "invalid_argument", "display_name"},
      {"access a number", "POST", With(base, "/access", 1), 400, "invalid_argument", "access"},
      {"push_images a string", "POST", With(base, "/usage", {{"push_images", "yes"}}), 400,
       "invalid_argument", "usage.push_images"},
      {"mirrors a string", "POST", With(base, "/mirrors", "docker.io"), 400, "invalid_argument", "mirrors"},
      {"repositories a string", "POST", With(base, "/repositories", "team/app"), 400, "invalid_argument",
       "repositories"},
      {"credentials a string", "POST", With(base, "/credentials", "hunter2"), 400, "invalid_argument",
       "credentials"},
      {"unknown field", "POST", With(base, "/colour", "red"), 400, "invalid_argument", "colour"},
      {"unknown credentials field", "POST", With(basic, "/credentials/pasword", "x"), 400,
       "invalid_argument", "credentials.pasword"},
      {"unknown usage field", "POST", With(base, "/usage", {{"defualt", true}}), 400, "invalid_argument",
       "usage.defualt"},
      {"server-made id", "POST", With(base, "/id", "0123"), 400, "invalid_argument", "id"},
      {"server-made created_at", "POST", With(base, "/created_at", "2026-01-01T00:00:00Z"), 400,
       "invalid_argument", "created_at"},
      {"no url", "POST", Without(base, "url"), 400, "invalid_argument", "url"},
      {"no provider", "POST", Without(base, "provider"), 400, "invalid_argument", "provider"},
      {"unknown provider", "POST", With(base, "/provider", "dockerhub"), 400, "invalid_argument", "provider"},
      {"unknown access", "POST", With(base, "/access", "secret"), 400, "invalid_argument", "access"},
      {"unknown credential kind", "POST", With(basic, "/credentials/kind", "token"), 400, "invalid_argument",
       "credentials.kind"},
      {"basic without password", "POST", With(basic, "/credentials", {{"kind", "basic"}, {"username", "ci"}}),
       400, "invalid_argument", "credentials.password"},
      {"private without credentials", "POST",
       nlohmann::json{{"url", kNew}, {"provider", "generic"}, {"access", "private"}}.dump(), 400,
       "invalid_argument", "credentials"},
      {"ecr key id malformed", "POST",
       nlohmann::json{{"url", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"}, {"provider", "ecr"},
                      {"credentials", {{"kind", "ecr-access-key"}, {"access_key_id", "NOTAKEY"},
                                       {"secret_access_key", NewSecret("ecr-bad")}}}}
           .dump(),
       400, "invalid_argument", "credentials.access_key_id"},
      {"display_name too long", "POST", With(base, "/display_name", std::string(201, 'n')), 400,
       "invalid_argument", "display_name"},
      {"description too long", "POST", With(base, "/description", std::string(4001, 'd')), 400,
       "invalid_argument", "description"},
      {"password too long", "POST", With(basic, "/credentials/password", long_password), 400,
       "invalid_argument", "credentials.password"},
      {"control character", "POST", With(base, "/display_name", "a\x01z"), 400, "invalid_argument",
       "display_name"},
      {"newline in display_name", "POST", With(base, "/display_name", "a\nz"), 400, "invalid_argument",
       "display_name"},
      {"NUL in description", "POST", With(base, "/description", std::string("a\0z", 3)), 400,
       "invalid_argument", "description"},
      {"invalid UTF-8", "POST", invalid_utf8, 400, "invalid_argument", ""},
      {"bad repository name", "POST", With(base, "/repositories", {"Team/App!"}), 400, "invalid_argument",
       "repositories"},
      {"too many repositories", "POST", With(base, "/repositories", too_many), 400, "invalid_argument",
       "repositories"},
      {"mirror with a scheme", "POST", With(base, "/mirrors", {{{"upstream", "https://docker.io"}}}), 400,
       "invalid_argument", "mirrors"},
      {"plain-http for a remote host", "POST", With(base, "/tls", {{"mode", "plain-http"}}), 400,
       "invalid_argument", "tls"},
      {"unknown tls mode", "POST", With(base, "/tls", {{"mode", "weird"}}), 400, "invalid_argument", "tls.mode"},
      {"CA bundle not PEM", "POST", With(base, "/tls", {{"mode", "verify-with-ca"}, {"ca_pem", "not a cert"}}),
       400, "invalid_argument", "tls.ca_pem"},
      {"chart repositories without chart_repository", "POST",
       With(base, "/usage", {{"chart_repository", false}, {"chart_repositories", {"charts/app"}}}), 400,
       "invalid_argument", "usage.chart_repositories"},
      {"body over 1 MiB", "POST", huge, 413, "payload_too_large", ""},
  };
}

std::vector<BadRequest> UpdateCases() {
  nlohmann::json base = {{"revision", 1}, {"display_name", "changed"}};
  return {
      {"PATCH malformed JSON", "PATCH", "{\"revision\":1,", 400, "invalid_argument", ""},
      {"PATCH null", "PATCH", "null", 400, "invalid_argument", ""},
      {"PATCH without revision", "PATCH", Without(base, "revision"), 400, "invalid_argument", "revision"},
      {"PATCH revision a string", "PATCH", With(base, "/revision", "1"), 400, "invalid_argument", "revision"},
      {"PATCH url changed", "PATCH", With(base, "/url", "moved.example.com"), 400, "invalid_argument", "url"},
      {"PATCH unknown field", "PATCH", With(base, "/colour", "red"), 400, "invalid_argument", "colour"},
      {"PATCH basic without password", "PATCH",
       With(base, "/credentials", {{"kind", "basic"}, {"username", "ci"}}), 400, "invalid_argument",
       "credentials"},
      {"PATCH display_name too long", "PATCH", With(base, "/display_name", std::string(201, 'n')), 400,
       "invalid_argument", "display_name"},
      {"PATCH body over 1 MiB", "PATCH", With(base, "/description", std::string(1024 * 1024 + 100, 'd')), 413,
       "payload_too_large", ""},
      {"PATCH deep nesting", "PATCH", std::string(100000, '[') + std::string(100000, ']'), 400,
       "invalid_argument", ""},
      {"PATCH revision out of range", "PATCH", "{\"revision\":1e400,\"display_name\":\"changed\"}", 400,
       "invalid_argument", ""},
  };
}

TEST_F(BadInputApi, EveryBadRequestIsRefusedAndChangesNothing) {
  HttpResponse target = api().Post("/api/v1/registries",
                                   BasicRegistryBody("bad-input-target.example.com", "ci", NewSecret("target")));
  ASSERT_EQ(target.status, 201) << target.body;
  std::string path = "/api/v1/registries/" + target.Json()["id"].get<std::string>();
  const std::vector<nlohmann::json> registries_before = ListAllRegistries(api());
  const nlohmann::json revisions_before = api().Get(path + "/revisions").Json();

  std::vector<BadRequest> cases = CreateCases();
  for (BadRequest& update : UpdateCases()) cases.push_back(std::move(update));
  for (const BadRequest& test : cases) {
    SCOPED_TRACE(test.name);
    HttpResponse response = api().Raw(test.method, test.method == "POST" ? "/api/v1/registries" : path, test.body);
    EXPECT_TRUE(IsApiError(response, test.status, test.code));
    if (!test.field.empty()) {
      EXPECT_TRUE(ErrorNamesField(response, test.field));
    }
    ASSERT_TRUE(hub().IsRunning()) << "the server died; log:\n" << hub().LogText();
  }
  EXPECT_EQ(api().Get(path).Json(), target.Json());
  EXPECT_EQ(api().Get(path + "/revisions").Json(), revisions_before);
  EXPECT_EQ(ListAllRegistries(api()), registries_before);
  EXPECT_EQ(api().Get("/api/v1/registries?url=" + std::string(kNew)).Json()["registries"].size(), 0u);
}

TEST_F(BadInputApi, PaginationParametersAreChecked) {
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/registries?page_size=0"), 400, "invalid_argument"));
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/registries?page_size=501"), 400, "invalid_argument"));
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/registries?page_size=ten"), 400, "invalid_argument"));
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/registries?page_token=not-a-token"), 400, "invalid_argument"));
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/registries?provider=dockerhub"), 400, "invalid_argument"));
  EXPECT_EQ(api().Get("/api/v1/registries?page_size=500").status, 200);
}

}  // namespace
}  // namespace reghub::testing
