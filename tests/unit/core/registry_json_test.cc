#include "core/registry_json.h"

#include <gtest/gtest.h>

namespace reghub {
namespace {

using nlohmann::json;

Registry SampleRegistry() {
  Registry r;
  r.id = "3f2a";
  r.url = {"registry.example.com", 5000};
  r.display_name = "Builds";
  r.description = "CI images\nand charts";
  r.provider = Provider::kGeneric;
  r.access = Access::kPrivate;
  r.credentials.kind = CredentialKind::kBasic;
  r.credentials.fingerprint = "9c1e";
  r.credentials.replaced_at = 1795732740;  // 2026-11-26T22:39:00Z
  r.credentials.username = "ci";
  r.mirrors = {{"docker.io", "dockerhub"}};
  r.tls.mode = TlsMode::kVerifyWithCa;
  r.tls.ca_pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  r.tls.ca_fingerprint = "abcd";
  r.usage.push_charts = true;
  r.usage.chart_repository = true;
  r.usage.chart_repositories = {"charts/app"};
  r.usage.is_default = true;
  r.revision = 3;
  r.permissions_deadline = 1795733040;
  r.created_at = 1795732740;
  r.created_by = "admin";
  r.updated_at = 1795732800;
  r.updated_by = "alice";
  return r;
}

TEST(RegistryJson, RendersTheDocumentedShape) {
  json j = RegistryToJson(SampleRegistry());
  EXPECT_EQ(j["id"], "3f2a");
  EXPECT_EQ(j["url"], "registry.example.com:5000");
  EXPECT_EQ(j["provider"], "generic");
  EXPECT_EQ(j["access"], "private");
  EXPECT_EQ(j["credentials"], (json{{"kind", "basic"},
                                    {"fingerprint", "9c1e"},
                                    {"replaced_at", "2026-11-26T22:39:00Z"},
                                    {"username", "ci"}}));
  EXPECT_EQ(j["mirrors"], json::parse(R"([{"upstream":"docker.io","path_prefix":"dockerhub"}])"));
  EXPECT_EQ(j["tls"], (json{{"mode", "verify-with-ca"}, {"ca_fingerprint", "abcd"}}));
  EXPECT_EQ(j["usage"], json::parse(R"({"push_images":true,"push_charts":true,
      "chart_repository":true,"chart_repositories":["charts/app"],"default":true})"));
  EXPECT_EQ(j["repositories"], json::array());
  EXPECT_EQ(j["revision"], 3);
  EXPECT_EQ(j["permissions_deadline"], "2026-11-26T22:44:00Z");
  EXPECT_EQ(j["created_at"], "2026-11-26T22:39:00Z");
  EXPECT_EQ(j["created_by"], "admin");
  EXPECT_EQ(j["updated_at"], "2026-11-26T22:40:00Z");
  EXPECT_EQ(j["updated_by"], "alice");
  EXPECT_EQ(j.size(), 17u);
}

TEST(RegistryJson, IncludesCaPemOnlyWhenAsked) {
  EXPECT_FALSE(RegistryToJson(SampleRegistry())["tls"].contains("ca_pem"));
  EXPECT_EQ(RegistryToJson(SampleRegistry(), true)["tls"]["ca_pem"], SampleRegistry().tls.ca_pem);
}

TEST(RegistryJson, ShowsOnlyTheNonSecretFieldsOfEachKind) {
  Registry r = SampleRegistry();
  r.credentials = {};
  r.credentials.kind = CredentialKind::kEcrAccessKey;
  r.credentials.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  r.credentials.region = "us-east-1";
  r.credentials.fips = true;
  json c = RegistryToJson(r)["credentials"];
  EXPECT_EQ(c["access_key_id"], "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(c["region"], "us-east-1");
  EXPECT_EQ(c["fips"], true);
  EXPECT_FALSE(c.contains("username"));
  EXPECT_FALSE(c.contains("secret_access_key"));

  r.credentials = {};
  r.credentials.kind = CredentialKind::kGcpServiceAccount;
  r.credentials.client_email = "sa@p.iam.gserviceaccount.com";
  c = RegistryToJson(r)["credentials"];
  EXPECT_EQ(c["client_email"], "sa@p.iam.gserviceaccount.com");
  EXPECT_FALSE(c.contains("json_key"));
}

TEST(RegistryJson, ZeroTimestampsRenderAsNull) {
  Registry r;
  r.url = {"reg.example.com", 443};
  json j = RegistryToJson(r);
  EXPECT_TRUE(j["credentials"]["replaced_at"].is_null());
  EXPECT_TRUE(j["permissions_deadline"].is_null());
  EXPECT_EQ(j["credentials"]["kind"], "none");
}

TEST(RegistryJson, RoundTripsThroughFromJson) {
  Registry original = SampleRegistry();
  auto back = RegistryFromJson(RegistryToJson(original, true));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, original);

  Registry ecr;
  ecr.url = {"123456789012.dkr.ecr.us-east-1.amazonaws.com", 443};
  ecr.provider = Provider::kEcr;
  ecr.credentials.kind = CredentialKind::kEcrInstanceRole;
  ecr.credentials.region = "us-east-1";
  ecr.credentials.fips = true;
  ecr.repositories = {"a", "b/c"};
  back = RegistryFromJson(RegistryToJson(ecr, true));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, ecr);
}

TEST(RegistryJson, FromJsonNamesFieldsOfTheWrongType) {
  json j = RegistryToJson(SampleRegistry());
  j["revision"] = "3";
  j["usage"]["default"] = "yes";
  j["provider"] = "azure";
  auto r = RegistryFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& d : r.error().details) fields.push_back(d.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"provider", "usage.default", "revision"}));
}

TEST(RegistryJson, FromJsonRequiresAValidUrl) {
  json j = RegistryToJson(SampleRegistry());
  j["url"] = "https://x.example";
  EXPECT_FALSE(RegistryFromJson(j).ok());
  j.erase("url");
  EXPECT_FALSE(RegistryFromJson(j).ok());
  EXPECT_FALSE(RegistryFromJson(json::array()).ok());
}

TEST(Timestamp, FormatsRfc3339Utc) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1795732740), "2026-11-26T22:39:00Z");
  EXPECT_EQ(FormatTimestamp(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59Z");
}

TEST(Timestamp, ParsesWhatItFormatsAndCommonVariants) {
  for (UnixSeconds s : {0LL, 1LL, 951782400LL, 1795732740LL, 4102444800LL}) {
    EXPECT_EQ(ParseTimestamp(FormatTimestamp(s)), s);
  }
  EXPECT_EQ(ParseTimestamp("2026-11-26T22:39:00.123456Z"), 1795732740);
  EXPECT_EQ(ParseTimestamp("2026-11-26t22:39:00z"), 1795732740);
  EXPECT_EQ(ParseTimestamp("2026-11-26T23:39:00+01:00"), 1795732740);
  EXPECT_EQ(ParseTimestamp("2026-11-26T21:09:00-01:30"), 1795732740);
}

TEST(Timestamp, RefusesMalformedText) {
  for (const char* text : {"", "2026-11-26", "2026-11-26T22:39:00", "2026-13-01T00:00:00Z",
                           "2026-02-30T00:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T22:39:00Zx",
                           "2026-11-26T22:39:00.Z", "2026-11-26T22:39:00+0100", "yesterday"}) {
    EXPECT_FALSE(ParseTimestamp(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace reghub
