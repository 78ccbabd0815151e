#include "core/registry_patch.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/repository_name.h"

namespace reghub {
namespace {

using nlohmann::json;

TEST(ParseRegistryPatch, ReadsEveryField) {
  json body = json::parse(R"({
    "url": "reg.example.com:5000", "display_name": "Builds", "description": "line 1\nline 2\ttab",
    "provider": "quay", "access": "private",
    "credentials": {"kind": "basic", "username": "org+bot", "password": "tok"},
    "mirrors": [{"upstream": "docker.io", "path_prefix": "dockerhub"}, {"upstream": "ghcr.io"}],
    "tls": {"mode": "verify-with-ca",
            "ca_pem": "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n"},
    "force_plain_http": false,
    "usage": {"push_images": false, "push_charts": true, "chart_repository": true,
              "chart_repositories": ["charts/app"], "default": true},
    "repositories": ["library/nginx"],
    "revision": 4})");
  auto patch = ParseRegistryPatch(body);
  ASSERT_TRUE(patch.ok()) << patch.error().message;
  EXPECT_EQ(patch->url, "reg.example.com:5000");
  EXPECT_EQ(patch->display_name, "Builds");
  EXPECT_EQ(patch->description, "line 1\nline 2\ttab");
  EXPECT_EQ(patch->provider, Provider::kQuay);
  EXPECT_EQ(patch->access, Access::kPrivate);
  ASSERT_TRUE(patch->credentials.has_value());
  EXPECT_EQ(patch->credentials->kind, CredentialKind::kBasic);
  EXPECT_EQ(patch->credentials->username, "org+bot");
  EXPECT_EQ(patch->credentials->password.Reveal(), "tok");
  ASSERT_TRUE(patch->mirrors.has_value());
  EXPECT_EQ(*patch->mirrors, (std::vector<Mirror>{{"docker.io", "dockerhub"}, {"ghcr.io", ""}}));
  ASSERT_TRUE(patch->tls.has_value());
  EXPECT_EQ(patch->tls->mode, TlsMode::kVerifyWithCa);
  EXPECT_NE(patch->tls->ca_pem.find("BEGIN CERTIFICATE"), std::string::npos);
  EXPECT_EQ(patch->force_plain_http, false);
  ASSERT_TRUE(patch->usage.has_value());
  EXPECT_FALSE(patch->usage->push_images);
  EXPECT_TRUE(patch->usage->push_charts);
  EXPECT_TRUE(patch->usage->chart_repository);
  EXPECT_EQ(patch->usage->chart_repositories, std::vector<std::string>{"charts/app"});
  EXPECT_TRUE(patch->usage->is_default) << "the JSON key is \"default\"";
  EXPECT_EQ(patch->repositories, std::vector<std::string>{"library/nginx"});
  EXPECT_EQ(patch->revision, 4);
}

TEST(ParseRegistryPatch, AbsentFieldsStayAbsent) {
  auto patch = ParseRegistryPatch(json::object());
  ASSERT_TRUE(patch.ok());
  EXPECT_FALSE(patch->url || patch->display_name || patch->description || patch->provider ||
               patch->access || patch->credentials || patch->mirrors || patch->tls ||
               patch->force_plain_http || patch->usage || patch->repositories || patch->revision);
}

TEST(ParseRegistryPatch, UsageFieldsDefaultWhenUsageIsGiven) {
  auto patch = ParseRegistryPatch(json::parse(R"({"usage": {"default": true}})"));
  ASSERT_TRUE(patch.ok());
  EXPECT_TRUE(patch->usage->push_images);
  EXPECT_TRUE(patch->usage->is_default);
}

TEST(ParseRegistryPatch, AcceptsTheGcpKeyAsAnObjectOrAString) {
  json key = {{"type", "service_account"}, {"client_email", "a@b"}, {"private_key", "k"}};
  auto as_object = ParseRegistryPatch(
      json{{"credentials", {{"kind", "gcp-service-account"}, {"json_key", key}}}});
  ASSERT_TRUE(as_object.ok()) << as_object.error().message;
  EXPECT_EQ(json::parse(as_object->credentials->json_key.Reveal()), key);
  auto as_string = ParseRegistryPatch(
      json{{"credentials", {{"kind", "gcp-service-account"}, {"json_key", key.dump(2)}}}});
  ASSERT_TRUE(as_string.ok()) << as_string.error().message;
  EXPECT_EQ(json::parse(as_string->credentials->json_key.Reveal()), key);
}

TEST(ParseRegistryPatch, RefusesABodyThatIsNotAnObject) {
  for (const json& body : {json::array(), json("x"), json(nullptr), json(3)}) {
    auto patch = ParseRegistryPatch(body);
    ASSERT_FALSE(patch.ok());
    EXPECT_EQ(patch.error().code, ErrorCode::kInvalidArgument);
  }
}

struct BadCase {
  const char* name;
  json body;
  const char* field;
  const char* message_fragment;
};

class BadPatchTest : public testing::TestWithParam<BadCase> {};

TEST_P(BadPatchTest, NamesTheField) {
  const BadCase& c = GetParam();
  auto patch = ParseRegistryPatch(c.body);
  ASSERT_FALSE(patch.ok()) << c.name;
  const Error& error = patch.error();
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(error.details.empty());
  std::string all;
  bool found = false;
  for (const auto& d : error.details) {
    all += d.field + ": " + d.message + "\n";
    found =
        found || (d.field == c.field && d.message.find(c.message_fragment) != std::string::npos);
  }
  EXPECT_TRUE(found) << c.name << " gave:\n" << all;
  EXPECT_EQ(error.message.rfind(error.details[0].field + ": " + error.details[0].message, 0), 0u)
      << "the message summarises the first violation";
}

json Credentials(json fields) { return json{{"credentials", std::move(fields)}}; }

INSTANTIATE_TEST_SUITE_P(
    ParseRegistryPatch, BadPatchTest,
    testing::Values(
        BadCase{"unknown top-level", {{"colour", "red"}}, "colour", "unknown field"},
        BadCase{"unknown nested", Credentials({{"kind", "none"}, {"colour", 1}}),
                "credentials.colour", "unknown field"},
        BadCase{"server-made id", {{"id", "x"}}, "id", "set by the server"},
        BadCase{"server-made fingerprint", Credentials({{"kind", "none"}, {"fingerprint", "x"}}),
                "credentials.fingerprint", "set by the server"},
        BadCase{"unknown tls",
                {{"tls", {{"mode", "verify"}, {"ca_fingerprint", ""}}}},
                "tls.ca_fingerprint",
                "unknown field"},
        BadCase{"unknown usage",
                {{"usage", {{"is_default", true}}}},
                "usage.is_default",
                "unknown field"},
        BadCase{"unknown mirror",
                {{"mirrors", {{{"upstream", "a.io"}, {"prefix", "x"}}}}},
                "mirrors[0].prefix",
                "unknown field"},
        BadCase{"display_name type", {{"display_name", 3}}, "display_name", "must be a string"},
        BadCase{
            "display_name null", {{"display_name", nullptr}}, "display_name", "must be a string"},
        BadCase{"url type", {{"url", json::array()}}, "url", "must be a string"},
        BadCase{"display_name too long",
                {{"display_name", std::string(201, 'a')}},
                "display_name",
                "at most 200 characters"},
        BadCase{"description too long",
                {{"description", std::string(4001, 'a')}},
                "description",
                "at most 4000"},
        BadCase{"control in display_name",
                {{"display_name", "a\nb"}},
                "display_name",
                "control characters"},
        BadCase{"control in description",
                {{"description", "a\x01z"}},
                "description",
                "other than newline and tab"},
        BadCase{
            "C1 control", {{"display_name", "a\xc2\x85z"}}, "display_name", "control characters"},
        BadCase{"provider value",
                {{"provider", "azure"}},
                "provider",
                "unknown value \"azure\"; use one of \"generic\""},
        BadCase{"provider type", {{"provider", 1}}, "provider", "must be one of"},
        BadCase{"access value", {{"access", "secret"}}, "access", "\"private\", \"public\""},
        BadCase{"credentials type", {{"credentials", "basic"}}, "credentials", "must be an object"},
        BadCase{"credentials kind missing", Credentials({{"username", "u"}}), "credentials.kind",
                "required"},
        BadCase{"credentials kind value", Credentials({{"kind", "token"}}), "credentials.kind",
                "unknown value"},
        BadCase{"field of another kind", Credentials({{"kind", "basic"}, {"json_key", "{}"}}),
                "credentials.json_key", "not used by kind \"basic\""},
        BadCase{"password type", Credentials({{"kind", "basic"}, {"password", 12345}}),
                "credentials.password", "must be a string"},
        BadCase{"password too long",
                Credentials({{"kind", "basic"}, {"password", std::string(16 * 1024 + 1, 'p')}}),
                "credentials.password", "at most 16384 bytes"},
        BadCase{"password trailing newline", Credentials({{"kind", "basic"}, {"password", "p\n"}}),
                "credentials.password", "trailing newline"},
        BadCase{"fips type", Credentials({{"kind", "ecr-instance-role"}, {"fips", "yes"}}),
                "credentials.fips", "must be a boolean"},
        BadCase{"json_key type", Credentials({{"kind", "gcp-service-account"}, {"json_key", 5}}),
                "credentials.json_key", "JSON object or a string"},
        BadCase{"mirrors type", {{"mirrors", "docker.io"}}, "mirrors", "must be an array"},
        BadCase{
            "mirror item type", {{"mirrors", {"docker.io"}}}, "mirrors[0]", "must be an object"},
        BadCase{"mirror upstream missing",
                {{"mirrors", {{{"path_prefix", "x"}}}}},
                "mirrors[0].upstream",
                "required"},
        BadCase{"mirror path_prefix",
                {{"mirrors", {{{"upstream", "a.io"}, {"path_prefix", "/x/"}}}}},
                "mirrors[0].path_prefix",
                "repository path"},
        BadCase{"tls type", {{"tls", "verify"}}, "tls", "must be an object"},
        BadCase{"tls mode missing", {{"tls", json::object()}}, "tls.mode", "required"},
        BadCase{"tls mode value", {{"tls", {{"mode", "strict"}}}}, "tls.mode", "\"plain-http\""},
        BadCase{"force_plain_http type",
                {{"force_plain_http", "true"}},
                "force_plain_http",
                "must be a boolean"},
        BadCase{"usage type", {{"usage", true}}, "usage", "must be an object"},
        BadCase{"usage bool",
                {{"usage", {{"push_images", 1}}}},
                "usage.push_images",
                "must be a boolean"},
        BadCase{"chart repo name",
                {{"usage", {{"chart_repositories", {"Charts"}}}}},
                "usage.chart_repositories[0]",
                "lower-case"},
        BadCase{
            "repositories type", {{"repositories", "nginx"}}, "repositories", "must be an array"},
        BadCase{
            "repository item type", {{"repositories", {1}}}, "repositories[0]", "must be a string"},
        BadCase{"repository grammar",
                {{"repositories", {"ok", "bad name"}}},
                "repositories[1]",
                "not a repository name"},
        BadCase{"repository duplicate",
                {{"repositories", {"a/b", "a/b"}}},
                "repositories[1]",
                "repeats \"a/b\""},
        BadCase{"revision type", {{"revision", "3"}}, "revision", "must be an integer"},
        BadCase{"revision fraction", {{"revision", 2.5}}, "revision", "must be an integer"},
        BadCase{"revision zero", json::parse(R"({"revision": 0})"), "revision", "1 or more"},
        BadCase{"revision negative", {{"revision", -1}}, "revision", "1 or more"}),
    [](const testing::TestParamInfo<BadCase>& info) {
      std::string name = info.param.name;
      for (char& c : name) {
        if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(ParseRegistryPatch, RefusesListsOverTheLimit) {
  json repositories = json::array();
  for (std::size_t i = 0; i <= kMaxListLength; ++i) repositories.push_back("r" + std::to_string(i));
  auto patch = ParseRegistryPatch({{"repositories", repositories}});
  ASSERT_FALSE(patch.ok());
  EXPECT_EQ(patch.error().details.at(0).field, "repositories");
  EXPECT_NE(patch.error().message.find("at most 100 items"), std::string::npos);
}

TEST(ParseRegistryPatch, CollectsEveryViolation) {
  auto patch = ParseRegistryPatch(json::parse(R"({"colour": 1, "display_name": 2,
      "credentials": {"kind": "basic", "password": 3}, "revision": "x"})"));
  ASSERT_FALSE(patch.ok());
  EXPECT_EQ(patch.error().details.size(), 4u);
  EXPECT_NE(patch.error().message.find("(and 3 more problems)"), std::string::npos)
      << patch.error().message;
}

TEST(ParseRegistryPatch, NeverEchoesASecret) {
  auto patch = ParseRegistryPatch(Credentials({{"kind", "ecr-access-key"},
                                               {"secret_access_key", "TOPSECRET\x01"},
                                               {"password", "TOPSECRET"}}));
  ASSERT_FALSE(patch.ok());
  EXPECT_EQ(patch.error().message.find("TOPSECRET"), std::string::npos);
  for (const auto& d : patch.error().details) {
    EXPECT_EQ(d.message.find("TOPSECRET"), std::string::npos) << d.field;
  }
}

TEST(RepositoryName, FollowsTheOciGrammar) {
  for (const char* ok : {"nginx", "library/nginx", "a/b/c", "my-app", "my--app", "my_app",
                         "my__app", "my.app", "a0/b1.c2", "x"}) {
    EXPECT_TRUE(IsValidRepositoryName(ok)) << ok;
  }
  for (const char* bad : {"", "Nginx", "/nginx", "nginx/", "a//b", "-app", "app-", "my___app",
                          "my..app", "my.-app", "a b", "a:b", "a@b", "_x"}) {
    EXPECT_FALSE(IsValidRepositoryName(bad)) << bad;
  }
  EXPECT_TRUE(IsValidRepositoryName(std::string(255, 'a')));
  EXPECT_FALSE(IsValidRepositoryName(std::string(256, 'a')));
}

}  // namespace
}  // namespace reghub
