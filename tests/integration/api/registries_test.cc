// Registries through the API: one of each provider with fitting credentials,
// what a registry looks like in JSON, immutability of the URL, deletion, the
// single default, pagination and the list filters.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "integration/api/api_helpers.h"

namespace reghub::testing {
namespace {

class RegistriesApi : public SharedHubTest<RegistriesApi> {};

struct ProviderCase {
  std::string name;
  nlohmann::json body;
  std::string expected_url;
  std::string expected_kind;
};

std::vector<ProviderCase> ProviderCases() {
  std::string pem = GenerateRsaPrivateKeyPem();
  std::string ecr_secret = NewSecret("ecr-secret-access-key");
  std::string ecr_fips_secret = NewSecret("ecr-fips-secret");
  std::string ecr_session = NewSecret("ecr-session-token");
  std::string gcp_key_text = ServiceAccountKey("ci@reghub-test.iam.gserviceaccount.com", pem).dump(2);
  return {
      {"generic", BasicRegistryBody("Registry.Example.COM:5000", "ci", NewSecret("generic")),
       "registry.example.com:5000", "basic"},
      {"docker-hub", BasicRegistryBody("docker.io", "hubuser", NewSecret("dckr_pat"), "docker-hub"),
       "docker.io", "basic"},
      {"ecr access key",
       {{"url", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"},
        {"provider", "ecr"},
        {"credentials",
         {{"kind", "ecr-access-key"}, {"access_key_id", "AKIAIOSFODNN7EXAMPLE"},
          {"secret_access_key", ecr_secret}}}},
       "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "ecr-access-key"},
      {"ecr fips session",
       {{"url", "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com"},
        {"provider", "ecr"},
        {"credentials",
         {{"kind", "ecr-access-key"}, {"access_key_id", "ASIAIOSFODNN7EXAMPLE"},
          {"secret_access_key", ecr_fips_secret}, {"session_token", ecr_session}, {"fips", true}}}},
       "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com", "ecr-access-key"},
      {"ecr instance role",
       {{"url", "210987654321.dkr.ecr.us-west-2.amazonaws.com"},
        {"provider", "ecr"},
        {"credentials", {{"kind", "ecr-instance-role"}, {"fips", false}}}},
       "210987654321.dkr.ecr.us-west-2.amazonaws.com", "ecr-instance-role"},
      {"acr", BasicRegistryBody("myteam.azurecr.io", "00000000-0000-0000-0000-000000000000",
                                NewSecret("acr-sp"), "acr"),
       "myteam.azurecr.io", "basic"},
      {"gcp artifact registry",
       {{"url", "europe-west1-docker.pkg.dev"},
        {"provider", "gcp-artifact-registry"},
        {"credentials", {{"kind", "gcp-service-account"}, {"json_key", gcp_key_text}}}},
       "europe-west1-docker.pkg.dev", "gcp-service-account"},
      {"gcr",
       {{"url", "eu.gcr.io"},
        {"provider", "gcr"},
        {"credentials",
         {{"kind", "gcp-service-account"},
          {"json_key", ServiceAccountKey("builder@reghub-test.iam.gserviceaccount.com", pem)}}}},
       "eu.gcr.io", "gcp-service-account"},
      {"quay robot", BasicRegistryBody("quay.io", "myorg+robot", NewSecret("quay-robot"), "quay"),
       "quay.io", "basic"},
      {"self-hosted quay", BasicRegistryBody("quay.internal.example.com", "admin", NewSecret("quay"), "quay"),
       "quay.internal.example.com", "basic"},
      {"public generic", PublicRegistryBody("public.example.com"), "public.example.com", "none"},
  };
}

TEST_F(RegistriesApi, CreatesOneRegistryOfEachProviderWithFittingCredentials) {
  const std::set<std::string> allowed_credential_fields = {
      "kind", "fingerprint", "replaced_at", "username", "access_key_id", "region", "fips", "client_email"};
  for (const ProviderCase& test : ProviderCases()) {
    SCOPED_TRACE(test.name);
    HttpResponse created = api().Post("/api/v1/registries", test.body);
    ASSERT_EQ(created.status, 201) << created.body;
    nlohmann::json registry = created.Json();
    EXPECT_FALSE(registry.value("id", "").empty());
    EXPECT_EQ(registry["url"], test.expected_url);
    EXPECT_EQ(registry["provider"], test.body["provider"]);
    EXPECT_EQ(registry["revision"], 1);
    EXPECT_EQ(registry["created_by"], "admin");
    EXPECT_TRUE(registry["created_at"].is_string());
    EXPECT_TRUE(registry["permissions_deadline"].is_string());
    ASSERT_TRUE(registry["credentials"].is_object());
    EXPECT_EQ(registry["credentials"]["kind"], test.expected_kind);
    for (const auto& [field, value] : registry["credentials"].items()) {
      EXPECT_TRUE(allowed_credential_fields.contains(field)) << "credentials." << field << " is shown";
    }
    if (test.expected_kind != "none" && test.expected_kind != "ecr-instance-role") {
      EXPECT_FALSE(registry["credentials"].value("fingerprint", "").empty());
      EXPECT_TRUE(registry["credentials"]["replaced_at"].is_string());
    }
    HttpResponse fetched = api().Get("/api/v1/registries/" + registry["id"].get<std::string>());
    ASSERT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.Json(), registry) << "GET shows what POST returned";
  }
}

TEST_F(RegistriesApi, EcrRegionAndGcpClientEmailAreShownButNotTheSecrets) {
  HttpResponse ecr = api().Post(
      "/api/v1/registries",
      {{"url", "111122223333.dkr.ecr.ap-south-1.amazonaws.com"},
       {"provider", "ecr"},
       {"credentials", {{"kind", "ecr-access-key"}, {"access_key_id", "AKIAI44QH8DHBEXAMPLE"},
                        {"secret_access_key", NewSecret("ecr-region")}}}});
  ASSERT_EQ(ecr.status, 201) << ecr.body;
  EXPECT_EQ(ecr.Json()["credentials"]["region"], "ap-south-1");
  EXPECT_EQ(ecr.Json()["credentials"]["access_key_id"], "AKIAI44QH8DHBEXAMPLE");

  HttpResponse gcp = api().Post(
      "/api/v1/registries",
      {{"url", "us-docker.pkg.dev"},
       {"provider", "gcp-artifact-registry"},
       {"credentials", {{"kind", "gcp-service-account"},
                        {"json_key", ServiceAccountKey("shown@reghub-test.iam.gserviceaccount.com",
                                                       GenerateRsaPrivateKeyPem())}}}});
  ASSERT_EQ(gcp.status, 201) << gcp.body;
  EXPECT_EQ(gcp.Json()["credentials"].value("client_email", ""), "shown@reghub-test.iam.gserviceaccount.com");
  EXPECT_EQ(gcp.body.find("private_key"), std::string::npos);
}

TEST_F(RegistriesApi, UrlCannotBeChangedByPatch) {
  HttpResponse created = api().Post("/api/v1/registries", PublicRegistryBody("immutable.example.com"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json()["id"];
  HttpResponse moved = api().Patch("/api/v1/registries/" + id,
                                   {{"revision", 1}, {"url", "elsewhere.example.com"}});
  EXPECT_TRUE(IsApiError(moved, 400, "invalid_argument"));
  EXPECT_TRUE(ErrorNamesField(moved, "url"));
  HttpResponse after = api().Get("/api/v1/registries/" + id);
  EXPECT_EQ(after.Json(), created.Json());
  HttpResponse same = api().Patch("/api/v1/registries/" + id,
                                  {{"revision", 1}, {"url", "IMMUTABLE.example.com:443"}});
  EXPECT_EQ(same.status, 200) << "the same URL in another spelling is no change: " << same.body;
}

TEST_F(RegistriesApi, DeletedRegistryIsGone) {
  HttpResponse created = api().Post("/api/v1/registries", PublicRegistryBody("deleted.example.com"));
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.Json()["id"];
  EXPECT_EQ(api().Delete("/api/v1/registries/" + id).status, 204);
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/registries/" + id), 404, "not_found"));
  EXPECT_TRUE(IsApiError(api().Delete("/api/v1/registries/" + id), 404, "not_found"));
  EXPECT_TRUE(IsApiError(api().Patch("/api/v1/registries/" + id, {{"revision", 1}, {"description", "x"}}),
                         404, "not_found"));
  EXPECT_TRUE(ListAllRegistries(api(), "&url=deleted.example.com").empty());
  HttpResponse again = api().Post("/api/v1/registries", PublicRegistryBody("deleted.example.com"));
  EXPECT_EQ(again.status, 201) << "the URL is free again: " << again.body;
}

TEST_F(RegistriesApi, UnknownIdIs404) {
  EXPECT_TRUE(IsApiError(api().Get("/api/v1/registries/0123456789abcdef0123456789abcdef"), 404, "not_found"));
}

TEST_F(RegistriesApi, PagesCoverEveryRegistryExactlyOnce) {
  std::set<std::string> expected;
  for (int i = 0; i < 7; ++i) {
    HttpResponse created = api().Post(
        "/api/v1/registries", PublicRegistryBody("pages-" + std::to_string(i) + ".example.com"));
    ASSERT_EQ(created.status, 201) << created.body;
    expected.insert(created.Json()["id"].get<std::string>());
  }
  std::multiset<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    HttpResponse page = api().Get("/api/v1/registries?q=pages-&page_size=3" +
                                  (token.empty() ? "" : "&page_token=" + UrlEncode(token)));
    ASSERT_EQ(page.status, 200) << page.body;
    nlohmann::json body = page.Json();
    ASSERT_TRUE(body["registries"].is_array());
    EXPECT_LE(body["registries"].size(), 3u);
    for (const auto& registry : body["registries"]) seen.insert(registry["id"].get<std::string>());
    ASSERT_TRUE(body.contains("next_page_token")) << page.body;
    token = body["next_page_token"];
    ASSERT_LT(++pages, 10) << "pagination does not end";
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), expected.size()) << "no duplicates";
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected) << "no omissions";
}

TEST_F(RegistriesApi, ListIsOrderedByUrlAndDefaultsTo50PerPage) {
  for (int i = 0; i < 55; ++i) {
    char name[64];
    std::snprintf(name, sizeof(name), "bulk-%02d.example.com", 54 - i);
    ASSERT_EQ(api().Post("/api/v1/registries", PublicRegistryBody(name)).status, 201);
  }
  HttpResponse first = api().Get("/api/v1/registries?q=bulk-");
  ASSERT_EQ(first.status, 200);
  nlohmann::json body = first.Json();
  ASSERT_EQ(body["registries"].size(), 50u);
  EXPECT_NE(body["next_page_token"], "");
  EXPECT_EQ(body["registries"][0]["url"], "bulk-00.example.com");
  EXPECT_EQ(body["registries"][49]["url"], "bulk-49.example.com");
}

TEST_F(RegistriesApi, FiltersByProviderQueryAndCanonicalUrl) {
  ASSERT_EQ(api().Post("/api/v1/registries",
                       BasicRegistryBody("filteracr.azurecr.io", "sp", NewSecret("filter"), "acr")).status, 201);
  nlohmann::json named = PublicRegistryBody("filter-b.example.com");
  named["display_name"] = "Team Zebra Mirror";
  ASSERT_EQ(api().Post("/api/v1/registries", named).status, 201);

  for (const auto& registry : ListAllRegistries(api(), "&provider=acr")) {
    EXPECT_EQ(registry["provider"], "acr");
  }
  auto acr = ListAllRegistries(api(), "&provider=acr&q=filter");
  ASSERT_EQ(acr.size(), 1u);
  EXPECT_EQ(acr[0]["url"], "filteracr.azurecr.io");

  auto zebra = ListAllRegistries(api(), "&q=zebra");
  ASSERT_EQ(zebra.size(), 1u) << "q matches the display name, case-insensitively";
  EXPECT_EQ(zebra[0]["url"], "filter-b.example.com");
  EXPECT_EQ(ListAllRegistries(api(), "&q=FILTER-B").size(), 1u) << "q matches the URL";
  EXPECT_EQ(ListAllRegistries(api(), "&q=filter").size(), 2u);

  auto by_url = ListAllRegistries(api(), "&url=" + UrlEncode("FILTER-B.example.com:443"));
  ASSERT_EQ(by_url.size(), 1u) << "url= matches after canonicalisation";
  EXPECT_EQ(by_url[0]["url"], "filter-b.example.com");
  EXPECT_TRUE(ListAllRegistries(api(), "&q=no-such-registry-anywhere").empty());
}

class DefaultRegistryApi : public SharedHubTest<DefaultRegistryApi> {};

TEST_F(DefaultRegistryApi, AtMostOneRegistryIsTheDefault) {
  nlohmann::json first = PublicRegistryBody("default-a.example.com");
  first["usage"] = {{"push_images", true}, {"default", true}};
  HttpResponse a = api().Post("/api/v1/registries", first);
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(a.Json()["usage"]["default"], true);

  nlohmann::json second = PublicRegistryBody("default-b.example.com");
  second["usage"] = {{"push_images", true}, {"default", true}};
  EXPECT_TRUE(IsApiError(api().Post("/api/v1/registries", second), 400, "failed_precondition"));
  EXPECT_TRUE(ListAllRegistries(api(), "&url=default-b.example.com").empty());

  HttpResponse b = api().Post("/api/v1/registries", PublicRegistryBody("default-b.example.com"));
  ASSERT_EQ(b.status, 201) << b.body;
  std::string b_id = b.Json()["id"];
  HttpResponse promote = api().Patch("/api/v1/registries/" + b_id,
                                     {{"revision", 1}, {"usage", {{"push_images", true}, {"default", true}}}});
  EXPECT_TRUE(IsApiError(promote, 400, "failed_precondition"));
  EXPECT_EQ(api().Get("/api/v1/registries/" + b_id).Json()["revision"], 1);

  std::string a_id = a.Json()["id"];
  ASSERT_EQ(api().Patch("/api/v1/registries/" + a_id,
                        {{"revision", 1}, {"usage", {{"push_images", true}, {"default", false}}}}).status, 200);
  HttpResponse now = api().Patch("/api/v1/registries/" + b_id,
                                 {{"revision", 1}, {"usage", {{"push_images", true}, {"default", true}}}});
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_EQ(now.Json()["usage"]["default"], true);
}

}  // namespace
}  // namespace reghub::testing
