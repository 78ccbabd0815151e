#include "core/registry_validation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace reghub {
namespace {

using nlohmann::json;

// Builds a patch from an API body, as the service does.
RegistryPatch Patch(const json& body) {
  auto patch = ParseRegistryPatch(body);
  EXPECT_TRUE(patch.ok()) << patch.error().message;
  return patch.ok() ? *patch : RegistryPatch{};
}

const json kBasic = {{"kind", "basic"}, {"username", "ci"}, {"password", "s3cret"}};

json GenericBody() {
  return {{"url", "Reg.Example.com:443"}, {"provider", "generic"}, {"credentials", kBasic}};
}

bool Has(const Error& error, const std::string& field, const std::string& fragment) {
  for (const auto& d : error.details) {
    if (d.field == field && d.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::string Describe(const Error& error) {
  std::string out = error.message + "\n";
  for (const auto& d : error.details) out += "  " + d.field + ": " + d.message + "\n";
  return out;
}

#define EXPECT_VIOLATION(result, field, fragment)                                      \
  do {                                                                                 \
    ASSERT_FALSE((result).ok());                                                       \
    EXPECT_EQ((result).error().code, ErrorCode::kInvalidArgument);                     \
    EXPECT_TRUE(Has((result).error(), field, fragment)) << Describe((result).error()); \
  } while (false)

TEST(BuildRegistry, FillsDefaultsAndCanonicalisesTheUrl) {
  auto applied = BuildRegistry(Patch(GenericBody()));
  ASSERT_TRUE(applied.ok()) << Describe(applied.error());
  const Registry& r = applied->registry;
  EXPECT_EQ(r.url.ToString(), "reg.example.com");
  EXPECT_EQ(r.provider, Provider::kGeneric);
  EXPECT_EQ(r.access, Access::kPrivate);
  EXPECT_EQ(r.tls.mode, TlsMode::kVerify);
  EXPECT_TRUE(r.usage.push_images);
  EXPECT_EQ(r.revision, 1);
  EXPECT_EQ(r.credentials.kind, CredentialKind::kBasic);
  EXPECT_EQ(r.credentials.username, "ci");
  EXPECT_TRUE(r.credentials.fingerprint.empty());
  ASSERT_TRUE(applied->new_credentials.has_value());
  EXPECT_EQ(applied->new_credentials->password.Reveal(), "s3cret");
}

TEST(BuildRegistry, RequiresUrlAndProviderAndRefusesRevision) {
  auto applied = BuildRegistry(Patch({{"revision", 1}}));
  EXPECT_VIOLATION(applied, "url", "required");
  EXPECT_VIOLATION(applied, "provider", "required");
  EXPECT_VIOLATION(applied, "revision", "only for updates");
}

TEST(BuildRegistry, ReportsTheUrlProblem) {
  json body = GenericBody();
  body["url"] = "https://reg.example.com/v2/";
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "url",
                   "remove the scheme \"https://\": use \"reg.example.com\"");
}

TEST(BuildRegistry, ChecksTheProviderShape) {
  json body = GenericBody();
  body["provider"] = "acr";
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "url", "azurecr.io");
}

TEST(BuildRegistry, PrivateNeedsCredentials) {
  json body = GenericBody();
  body.erase("credentials");
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "credentials", "a private registry needs");
}

TEST(BuildRegistry, PublicTakesNoCredentialsAndListsRepositories) {
  json body = {{"url", "docker.io"},
               {"provider", "docker-hub"},
               {"access", "public"},
               {"repositories", {"library/nginx", "library/redis"}}};
  auto applied = BuildRegistry(Patch(body));
  ASSERT_TRUE(applied.ok()) << Describe(applied.error());
  EXPECT_EQ(applied->registry.credentials.kind, CredentialKind::kNone);
  EXPECT_FALSE(applied->new_credentials.has_value());
  EXPECT_EQ(applied->registry.repositories.size(), 2u);

  body["credentials"] = kBasic;
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "credentials.kind", "public registry takes no");
}

TEST(BuildRegistry, RepositoriesOnlyForPublicRegistries) {
  json body = GenericBody();
  body["repositories"] = {"a"};
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "repositories", "only for public registries");
}

TEST(BuildRegistry, CanonicalisesMirrorsAndRefusesSelfAndDuplicates) {
  json body = GenericBody();
  body["mirrors"] = {{{"upstream", "index.docker.io"}, {"path_prefix", "dockerhub"}},
                     {{"upstream", "GHCR.io:443"}}};
  auto applied = BuildRegistry(Patch(body));
  ASSERT_TRUE(applied.ok()) << Describe(applied.error());
  EXPECT_EQ(applied->registry.mirrors,
            (std::vector<Mirror>{{"docker.io", "dockerhub"}, {"ghcr.io", ""}}));

  body["mirrors"] = {{{"upstream", "reg.example.com:443"}},
                     {{"upstream", "docker.io"}},
                     {{"upstream", "registry-1.docker.io"}},
                     {{"upstream", "http://quay.io"}}};
  applied = BuildRegistry(Patch(body));
  EXPECT_VIOLATION(applied, "mirrors[0].upstream", "cannot mirror itself");
  EXPECT_VIOLATION(applied, "mirrors[2].upstream", "already mirrored by mirrors[1]");
  EXPECT_VIOLATION(applied, "mirrors[3].upstream", "remove the scheme \"http://\"");
}

TEST(BuildRegistry, PlainHttpOnlyForLoopbackUnlessForced) {
  json body = GenericBody();
  body["tls"] = {{"mode", "plain-http"}};
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "tls.mode", "force_plain_http");
  body["force_plain_http"] = true;
  EXPECT_TRUE(BuildRegistry(Patch(body)).ok());
  body.erase("force_plain_http");
  body["url"] = "localhost:5000";
  EXPECT_TRUE(BuildRegistry(Patch(body)).ok());
  body["url"] = "[::1]:5000";
  EXPECT_TRUE(BuildRegistry(Patch(body)).ok());
}

TEST(BuildRegistry, VerifyWithCaNeedsAValidBundle) {
  json body = GenericBody();
  body["tls"] = {{"mode", "verify-with-ca"}};
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "tls.ca_pem", "required");
  body["tls"]["ca_pem"] = "garbage";
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "tls.ca_pem", "unexpected text");
  body["tls"] = {{"mode", "verify"}, {"ca_pem", "-----BEGIN CERTIFICATE-----"}};
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "tls.ca_pem", "only for mode \"verify-with-ca\"");
}

TEST(BuildRegistry, ChartRepositoriesOnlyWithChartRepository) {
  json body = GenericBody();
  body["usage"] = {{"chart_repositories", {"charts"}}};
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "usage.chart_repositories",
                   "only when usage.chart_repository is true");
  body["usage"]["chart_repository"] = true;
  EXPECT_TRUE(BuildRegistry(Patch(body)).ok());
}

TEST(BuildRegistry, CollectsAllViolationsAtOnce) {
  json body = {{"url", "http://x"},
               {"provider", "ecr"},
               {"access", "public"},
               {"usage", {{"chart_repositories", {"c"}}}}};
  auto applied = BuildRegistry(Patch(body));
  ASSERT_FALSE(applied.ok());
  EXPECT_GE(applied.error().details.size(), 2u) << Describe(applied.error());
  EXPECT_VIOLATION(applied, "url", "remove the scheme");
  EXPECT_VIOLATION(applied, "usage.chart_repositories", "only when");
}

TEST(BuildRegistry, ValidatesEcrAgainstItsUrl) {
  json body = {{"url", "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com"},
               {"provider", "ecr"},
               {"credentials", {{"kind", "ecr-instance-role"}}}};
  auto applied = BuildRegistry(Patch(body));
  ASSERT_TRUE(applied.ok()) << Describe(applied.error());
  EXPECT_EQ(applied->registry.credentials.region, "us-east-1");
  EXPECT_TRUE(applied->registry.credentials.fips);
  body["access"] = "public";
  EXPECT_VIOLATION(BuildRegistry(Patch(body)), "access", "always need credentials");
}

Registry Stored() {
  auto applied = BuildRegistry(Patch(GenericBody()));
  Registry r = applied->registry;
  r.id = "r1";
  r.credentials.fingerprint = "f00d";
  r.credentials.replaced_at = 100;
  r.created_at = 100;
  r.created_by = "admin";
  return r;
}

TEST(ApplyRegistryPatch, NeedsTheRevisionItIsBasedOn) {
  EXPECT_VIOLATION(ApplyRegistryPatch(Stored(), Patch({{"display_name", "x"}})), "revision",
                   "required");
}

TEST(ApplyRegistryPatch, ChangesOnlyTheGivenFieldsAndKeepsCredentials) {
  Registry current = Stored();
  auto applied = ApplyRegistryPatch(current, Patch({{"revision", 1}, {"display_name", "Builds"}}));
  ASSERT_TRUE(applied.ok()) << Describe(applied.error());
  Registry expected = current;
  expected.display_name = "Builds";
  EXPECT_EQ(applied->registry, expected);
  EXPECT_FALSE(applied->new_credentials.has_value());
  EXPECT_EQ(applied->registry.revision, 1) << "the caller bumps the revision";
}

TEST(ApplyRegistryPatch, UrlIsImmutable) {
  Registry current = Stored();
  EXPECT_VIOLATION(ApplyRegistryPatch(current, Patch({{"revision", 1}, {"url", "other.example"}})),
                   "url", "is immutable");
  EXPECT_TRUE(
      ApplyRegistryPatch(current, Patch({{"revision", 1}, {"url", "REG.example.com:443"}})).ok());
}

TEST(ApplyRegistryPatch, ReplacesCredentialsWhole) {
  json creds = {{"kind", "basic"}, {"username", "deploy"}, {"password", "n3w"}};
  auto applied = ApplyRegistryPatch(Stored(), Patch({{"revision", 1}, {"credentials", creds}}));
  ASSERT_TRUE(applied.ok()) << Describe(applied.error());
  EXPECT_EQ(applied->registry.credentials.username, "deploy");
  EXPECT_TRUE(applied->registry.credentials.fingerprint.empty());
  ASSERT_TRUE(applied->new_credentials.has_value());
  EXPECT_EQ(applied->new_credentials->password.Reveal(), "n3w");
}

TEST(ApplyRegistryPatch, ChecksKeptCredentialsAgainstANewAccessOrProvider) {
  Registry current = Stored();
  EXPECT_VIOLATION(ApplyRegistryPatch(current, Patch({{"revision", 1}, {"access", "public"}})),
                   "credentials", "{\"kind\": \"none\"}");
  auto to_public = ApplyRegistryPatch(
      current, Patch({{"revision", 1}, {"access", "public"}, {"credentials", {{"kind", "none"}}}}));
  ASSERT_TRUE(to_public.ok()) << Describe(to_public.error());
  EXPECT_EQ(to_public->registry.credentials.kind, CredentialKind::kNone);

  Registry public_registry = to_public->registry;
  EXPECT_VIOLATION(
      ApplyRegistryPatch(public_registry, Patch({{"revision", 2}, {"access", "private"}})),
      "credentials", "a private registry needs credentials");

  current.url = {"quay.io", 443};
  EXPECT_TRUE(ApplyRegistryPatch(current, Patch({{"revision", 1}, {"provider", "quay"}})).ok());
  current.url = {"gcr.io", 443};
  EXPECT_VIOLATION(ApplyRegistryPatch(current, Patch({{"revision", 1}, {"provider", "gcr"}})),
                   "credentials", "the stored username does not fit provider \"gcr\"");
}

TEST(ApplyRegistryPatch, KeepsTheStoredCaBundleWhenModeStaysVerifyWithCa) {
  Registry current = Stored();
  current.tls = {TlsMode::kVerifyWithCa, "-----BEGIN CERTIFICATE-----\n...", "abcd"};
  auto applied =
      ApplyRegistryPatch(current, Patch({{"revision", 1}, {"tls", {{"mode", "verify-with-ca"}}}}));
  ASSERT_TRUE(applied.ok()) << Describe(applied.error());
  EXPECT_EQ(applied->registry.tls, current.tls);

  applied = ApplyRegistryPatch(current, Patch({{"revision", 1}, {"tls", {{"mode", "verify"}}}}));
  ASSERT_TRUE(applied.ok());
  EXPECT_EQ(applied->registry.tls, (TlsSettings{TlsMode::kVerify, "", ""}));
}

TEST(ApplyRegistryPatch, RefusesRepositoriesLeftOnAPrivateRegistry) {
  Registry current = Stored();
  current.access = Access::kPublic;
  current.credentials = {};
  current.repositories = {"library/nginx"};
  EXPECT_VIOLATION(
      ApplyRegistryPatch(current,
                         Patch({{"revision", 1}, {"access", "private"}, {"credentials", kBasic}})),
      "repositories", "only for public registries");
  EXPECT_TRUE(ApplyRegistryPatch(current, Patch({{"revision", 1},
                                                 {"access", "private"},
                                                 {"credentials", kBasic},
                                                 {"repositories", json::array()}}))
                  .ok());
}

}  // namespace
}  // namespace reghub
