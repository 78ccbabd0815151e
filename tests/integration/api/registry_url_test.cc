// The registry URL rules of DESIGN.md §1, through the API: canonical forms,
// rejected forms (with the field named and the stripped form suggested),
// uniqueness after canonicalisation and Docker Hub's aliases.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class RegistryUrlApi : public SharedHubTest<RegistryUrlApi> {};

struct Accepted {
  std::string input;
  std::string canonical;
};

TEST_F(RegistryUrlApi, AcceptedUrlsAreStoredInCanonicalForm) {
  const std::vector<Accepted> table = {
      {"Registry.Example.COM", "registry.example.com"},
      {"port443.example.com:443", "port443.example.com"},
      {"port5000.example.com:5000", "port5000.example.com:5000"},
      {"localhost:5000", "localhost:5000"},
      {"10.1.2.3:8443", "10.1.2.3:8443"},
      {"[::1]:5000", "[::1]:5000"},
      {"[2001:DB8::1]", "[2001:db8::1]"},
      {"[2001:db8::2]:443", "[2001:db8::2]"},
      {"a-b.c-d.example.com:1", "a-b.c-d.example.com:1"},
      {"single-label:65535", "single-label:65535"},
  };
  for (const Accepted& row : table) {
    SCOPED_TRACE(row.input);
    HttpResponse created = api().Post("/api/v1/registries", PublicRegistryBody(row.input));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json()["url"], row.canonical);
  }
}

struct Rejected {
  std::string input;
  std::string stripped;  // the form the message must suggest; "" when there is none
};

// Whether `message` shows `stripped` other than as the tail of a scheme
// ("https://host") or as the start of the rejected input ("host/path").
bool SuggestsStrippedForm(const std::string& message, const std::string& input,
                          const std::string& stripped) {
  for (std::size_t at = message.find(stripped); at != std::string::npos;
       at = message.find(stripped, at + 1)) {
    bool after_scheme = at >= 3 && message.compare(at - 3, 3, "://") == 0;
    std::size_t end = at + stripped.size();
    bool inside_input = input.size() > stripped.size() && input.starts_with(stripped) &&
                        message.compare(at, input.size(), input) == 0;
    bool continues = end < message.size() && (message[end] == '/' || message[end] == '?' ||
                                               message[end] == '#');
    if (!after_scheme && !inside_input && !continues) return true;
  }
  return false;
}

std::vector<Rejected> RejectedUrls() {
  return {
      {"https://reg-a.example.com", "reg-a.example.com"},
      {"http://reg-b.example.com:5000", "reg-b.example.com:5000"},
      {"oci://reg-c.example.com", "reg-c.example.com"},
      {"HTTPS://reg-d.example.com/", "reg-d.example.com"},
      {"reg-e.example.com/v2/", "reg-e.example.com"},
      {"reg-f.example.com/team/app", "reg-f.example.com"},
      {"https://reg-g.example.com/v2/library", "reg-g.example.com"},
      {"reg-h.example.com?x=1", ""},
      {"reg-i.example.com#top", ""},
      {"", ""},
      {" reg-j.example.com", ""},
      {"reg-k.example.com ", ""},
      {"reg l.example.com", ""},
      {"reg-m.example.com\t", ""},
      {"reg..example.com", ""},
      {"-reg.example.com", ""},
      {"reg-.example.com", ""},
      {"reg_n.example.com", ""},
      {"reg-o.example.com:", ""},
      {"reg-p.example.com:0", ""},
      {"reg-q.example.com:65536", ""},
      {"reg-r.example.com:99999", ""},
      {"reg-s.example.com:http", ""},
      {"reg-t.example.com:-1", ""},
      {"::1", ""},
      {"2001:db8::1:5000", ""},
      {"[2001:db8::zz]", ""},
      {"[::1", ""},
      {"[::1]:", ""},
      {std::string(64, 'a') + ".example.com", ""},
      {std::string(60, 'b') + "." + std::string(60, 'c') + "." + std::string(60, 'd') + "." +
           std::string(60, 'e') + "." + std::string(60, 'f') + ".com",
       ""},
      {"reg\x01u.example.com", ""},
      {"reg-v.example.com\n", ""},
      {"*.example.com", ""},
  };
}

TEST_F(RegistryUrlApi, MalformedUrlsAre400NamingTheFieldAndSuggestingTheStrippedForm) {
  const std::vector<nlohmann::json> before = ListAllRegistries(api());
  for (const Rejected& row : RejectedUrls()) {
    SCOPED_TRACE(nlohmann::json(row.input).dump());
    HttpResponse response = api().Post("/api/v1/registries", PublicRegistryBody(row.input));
    ASSERT_TRUE(IsApiError(response, 400, "invalid_argument"));
    EXPECT_TRUE(ErrorNamesField(response, "url"));
    if (!row.stripped.empty()) {
      std::string message = response.Json()["error"]["message"];
      std::string details = response.Json()["error"].value("details", nlohmann::json::array()).dump();
      EXPECT_TRUE(SuggestsStrippedForm(message, row.input, row.stripped) ||
                  SuggestsStrippedForm(details, row.input, row.stripped))
          << "the message does not suggest \"" << row.stripped << "\": " << response.body;
    }
  }
  EXPECT_EQ(ListAllRegistries(api()), before) << "no rejected request stored anything";
}

TEST_F(RegistryUrlApi, UserinfoIsRejectedWithoutEchoingThePassword) {
  std::string password = NewSecret("userinfo");
  HttpResponse response = api().Post("/api/v1/registries",
                                     PublicRegistryBody("user:" + password + "@reg-w.example.com"));
  EXPECT_TRUE(IsApiError(response, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(response, "url"));
}

TEST_F(RegistryUrlApi, SpellingsOfTheSameUrlAreOneRegistry) {
  HttpResponse created = api().Post("/api/v1/registries", PublicRegistryBody("same.example.com"));
  ASSERT_EQ(created.status, 201) << created.body;
  for (const std::string spelling : {"same.example.com", "same.example.com:443", "SAME.Example.Com",
                                     "Same.example.com:443"}) {
    SCOPED_TRACE(spelling);
    HttpResponse duplicate = api().Post("/api/v1/registries", PublicRegistryBody(spelling));
    EXPECT_TRUE(IsApiError(duplicate, 409, "already_exists"));
  }
  HttpResponse other_port = api().Post("/api/v1/registries", PublicRegistryBody("same.example.com:5000"));
  EXPECT_EQ(other_port.status, 201) << "another port is another registry: " << other_port.body;
  EXPECT_EQ(ListAllRegistries(api(), "&q=same.example.com").size(), 2u);
}

TEST_F(RegistryUrlApi, DockerHubAliasesAreOneRegistry) {
  HttpResponse created = api().Post("/api/v1/registries",
                                    BasicRegistryBody("index.docker.io", "hub", NewSecret("hub"), "docker-hub"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["url"], "docker.io");
  for (const std::string alias : {"docker.io", "registry-1.docker.io", "DOCKER.IO:443", "index.docker.io"}) {
    SCOPED_TRACE(alias);
    HttpResponse duplicate = api().Post("/api/v1/registries",
                                        BasicRegistryBody(alias, "hub", NewSecret("hub"), "docker-hub"));
    EXPECT_TRUE(IsApiError(duplicate, 409, "already_exists"));
  }
  auto found = ListAllRegistries(api(), "&url=registry-1.docker.io");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["id"], created.Json()["id"]);
}

TEST_F(RegistryUrlApi, ProviderChecksTheUrlShape) {
  struct Mismatch {
    std::string provider;
    std::string url;
  };
  const std::vector<Mismatch> table = {
      {"ecr", "ecr.example.com"},
      {"ecr", "12345.dkr.ecr.eu-west-1.amazonaws.com"},
      {"acr", "myteam.example.com"},
      {"gcp-artifact-registry", "docker.pkg.dev.example.com"},
      {"gcr", "gcr.example.com"},
      {"docker-hub", "hub.example.com"},
  };
  for (const Mismatch& row : table) {
    SCOPED_TRACE(row.provider + " " + row.url);
    HttpResponse response = api().Post("/api/v1/registries",
                                       {{"url", row.url}, {"provider", row.provider},
                                        {"access", "public"}, {"credentials", {{"kind", "none"}}}});
    EXPECT_TRUE(IsApiError(response, 400, "invalid_argument"));
    EXPECT_TRUE(ErrorNamesField(response, "url"));
  }
}

}  // namespace
}  // namespace reghub::testing
