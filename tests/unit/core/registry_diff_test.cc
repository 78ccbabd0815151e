#include "core/registry_diff.h"

#include <gtest/gtest.h>

#include <string>

namespace reghub {
namespace {

using nlohmann::json;

Registry Base() {
  Registry r;
  r.id = "r1";
  r.url = {"reg.example.com", 443};
  r.display_name = "Builds";
  r.credentials.kind = CredentialKind::kBasic;
  r.credentials.username = "ci";
  r.credentials.fingerprint = "aaaa";
  r.credentials.replaced_at = 100;
  r.revision = 1;
  return r;
}

std::vector<std::string> Fields(const std::vector<FieldChange>& changes) {
  std::vector<std::string> fields;
  for (const auto& c : changes) fields.push_back(c.field);
  return fields;
}

TEST(DiffRegistries, EqualRegistriesHaveNoChanges) {
  EXPECT_TRUE(DiffRegistries(Base(), Base()).empty());
}

TEST(DiffRegistries, IgnoresBookkeepingFields) {
  Registry after = Base();
  after.revision = 7;
  after.updated_at = 999;
  after.updated_by = "bob";
  after.permissions_deadline = 5;
  EXPECT_TRUE(DiffRegistries(Base(), after).empty());
}

TEST(DiffRegistries, DescribesAScalarChange) {
  Registry after = Base();
  after.display_name = "CI builds";
  auto changes = DiffRegistries(Base(), after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "display_name");
  EXPECT_EQ(changes[0].before, "Builds");
  EXPECT_EQ(changes[0].after, "CI builds");
  EXPECT_EQ(changes[0].summary, "display_name changed from \"Builds\" to \"CI builds\"");
}

TEST(DiffRegistries, ReportsCredentialsReplacedWithoutValues) {
  Registry after = Base();
  after.credentials.fingerprint = "bbbb";
  after.credentials.replaced_at = 200;
  auto changes = DiffRegistries(Base(), after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "credentials");
  EXPECT_EQ(changes[0].summary, "credentials replaced");
  EXPECT_EQ(changes[0].before, "basic");
  EXPECT_EQ(changes[0].after, "basic");
  std::string dumped = FieldChangesToJson(changes).dump();
  EXPECT_EQ(dumped.find("aaaa"), std::string::npos);
  EXPECT_EQ(dumped.find("bbbb"), std::string::npos);

  after = Base();
  after.credentials = {};
  after.credentials.kind = CredentialKind::kEcrInstanceRole;
  changes = DiffRegistries(Base(), after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].before, "basic");
  EXPECT_EQ(changes[0].after, "ecr-instance-role");
  EXPECT_EQ(changes[0].summary, "credentials replaced");
}

TEST(DiffRegistries, ResubmittedIdenticalCredentialsAreNoChange) {
  Registry after = Base();
  after.credentials.replaced_at = 500;
  EXPECT_TRUE(DiffRegistries(Base(), after).empty());
}

TEST(DiffRegistries, CaBundleChangesShowAsTheFingerprint) {
  Registry before = Base();
  Registry after = Base();
  after.tls = {TlsMode::kVerifyWithCa, "-----BEGIN CERTIFICATE-----", "c0ffee"};
  auto changes = DiffRegistries(before, after);
  ASSERT_EQ(Fields(changes), (std::vector<std::string>{"tls.ca_fingerprint", "tls.mode"}));
  EXPECT_EQ(changes[0].before, "");
  EXPECT_EQ(changes[0].after, "c0ffee");
  EXPECT_EQ(changes[0].summary, "CA bundle added");
  EXPECT_EQ(changes[1].summary, "tls.mode changed from \"verify\" to \"verify-with-ca\"");

  before = after;
  after.tls.ca_fingerprint = "beef";
  after.tls.ca_pem = "other";
  changes = DiffRegistries(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].summary, "CA bundle replaced");
  EXPECT_EQ(FieldChangesToJson(changes).dump().find("BEGIN"), std::string::npos);
}

TEST(DiffRegistries, ListsShowWhatWasAddedAndRemoved) {
  Registry before = Base();
  before.repositories = {"a", "b"};
  Registry after = Base();
  after.repositories = {"b", "c"};
  after.mirrors = {{"docker.io", "hub"}};
  auto changes = DiffRegistries(before, after);
  ASSERT_EQ(Fields(changes), (std::vector<std::string>{"mirrors", "repositories"}));
  EXPECT_EQ(changes[0].summary, "mirrors: added docker.io (path prefix \"hub\")");
  EXPECT_EQ(changes[0].after, json::parse(R"([{"upstream":"docker.io","path_prefix":"hub"}])"));
  EXPECT_EQ(changes[1].summary, "repositories: added \"c\"; removed \"a\"");
  EXPECT_EQ(changes[1].before, json({"a", "b"}));

  before.repositories = {"b", "a"};
  after = before;
  after.repositories = {"a", "b"};
  changes = DiffRegistries(before, after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].summary, "repositories reordered");
}

TEST(DiffRegistries, CoversEveryUserVisibleFieldInPathOrder) {
  Registry before = Base();
  Registry after = Base();
  after.url = {"reg.example.com", 5000};
  after.display_name = "x";
  after.description = "d";
  after.provider = Provider::kQuay;
  after.access = Access::kPublic;
  after.credentials = {};
  after.mirrors = {{"ghcr.io", ""}};
  after.tls = {TlsMode::kInsecure, "", ""};
  after.usage = {false, true, true, {"charts"}, true};
  after.repositories = {"r"};
  EXPECT_EQ(Fields(DiffRegistries(before, after)),
            (std::vector<std::string>{"access", "credentials", "description", "display_name",
                                      "mirrors", "provider", "repositories", "tls.mode", "url",
                                      "usage.chart_repositories", "usage.chart_repository",
                                      "usage.default", "usage.push_charts", "usage.push_images"}));
}

TEST(DiffRegistries, CutsLongValuesInSummaries) {
  Registry after = Base();
  after.description = std::string(500, 'x') + "\nmore";
  auto changes = DiffRegistries(Base(), after);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_LT(changes[0].summary.size(), 200u);
  EXPECT_EQ(changes[0].after, after.description) << "the value itself is whole";
}

TEST(FieldChangesJson, RoundTrips) {
  Registry after = Base();
  after.display_name = "y";
  after.usage.is_default = true;
  auto changes = DiffRegistries(Base(), after);
  json j = FieldChangesToJson(changes);
  ASSERT_TRUE(j.is_array());
  EXPECT_EQ(j[0]["field"], "display_name");
  EXPECT_EQ(j[1]["field"], "usage.default");
  EXPECT_EQ(j[1]["before"], false);
  EXPECT_EQ(FieldChangesFromJson(j), changes);
}

TEST(FieldChangesJson, SkipsMalformedEntries) {
  auto changes = FieldChangesFromJson(json::parse(R"([1, {"field":"x"}, "y"])"));
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].field, "x");
  EXPECT_TRUE(changes[0].before.is_null());
  EXPECT_TRUE(FieldChangesFromJson(json::object()).empty());
}

}  // namespace
}  // namespace reghub
