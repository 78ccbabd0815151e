#include <gtest/gtest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/injection_policy.h"

namespace reghub {
namespace {

using nlohmann::json;

struct EffectiveCase {
  InjectionMode mode;
  std::vector<std::string> listed;
  std::string environment;
  bool inject;
};

class EffectiveInjectionTable : public ::testing::TestWithParam<EffectiveCase> {};

TEST_P(EffectiveInjectionTable, FollowsTheModeOverTheListedEnvironments) {
  const EffectiveCase& c = GetParam();
  InjectionPolicy policy{c.mode, c.listed, SecretSource::kExisting, "regcred"};
  EffectiveInjection effective = EffectiveInjectionFor(policy, c.environment);
  EXPECT_EQ(effective.inject, c.inject);
  EXPECT_EQ(effective.secret_source, SecretSource::kExisting);
  EXPECT_EQ(effective.secret_name, "regcred");
}

INSTANTIATE_TEST_SUITE_P(
    Table, EffectiveInjectionTable,
    ::testing::Values(
        // all-except: everywhere but the listed ones
        EffectiveCase{InjectionMode::kAllExcept, {}, "e1", true},
        EffectiveCase{InjectionMode::kAllExcept, {"e2"}, "e1", true},
        EffectiveCase{InjectionMode::kAllExcept, {"e1", "e2"}, "e1", false},
        // only: nowhere but the listed ones
        EffectiveCase{InjectionMode::kOnly, {}, "e1", false},
        EffectiveCase{InjectionMode::kOnly, {"e2"}, "e1", false},
        EffectiveCase{InjectionMode::kOnly, {"e1", "e2"}, "e2", true},
        // ids compare exactly
        EffectiveCase{InjectionMode::kOnly, {"e1"}, "E1", false},
        EffectiveCase{InjectionMode::kOnly, {"e1"}, "e10", false}));

TEST(DefaultInjectionPolicy, InjectsEverywhereWithASecretNamedAfterTheRegistry) {
  InjectionPolicy policy = DefaultInjectionPolicy("registry.example.com:5000");
  EXPECT_EQ(policy.mode, InjectionMode::kAllExcept);
  EXPECT_TRUE(policy.environments.empty());
  EXPECT_EQ(policy.secret_source, SecretSource::kGenerated);
  EXPECT_EQ(policy.secret_name, "reghub-registry.example.com-5000");
  EXPECT_TRUE(EffectiveInjectionFor(policy, "any").inject);
}

TEST(ParseInjectionPolicy, ReadsAPolicyWithAnExistingSecret) {
  auto input = ParseInjectionPolicy(json::parse(
      R"({"mode":"only","environments":["prod","staging"],
          "secret":{"source":"existing","name":"regcred"}})"));
  ASSERT_TRUE(input.ok()) << input.error().message;
  EXPECT_EQ(input->mode, InjectionMode::kOnly);
  EXPECT_EQ(input->environment_names, (std::vector<std::string>{"prod", "staging"}));
  EXPECT_EQ(input->secret_source, SecretSource::kExisting);
  EXPECT_EQ(*input->secret_name, "regcred");
}

TEST(ParseInjectionPolicy, AGeneratedSecretMayOmitItsName) {
  auto input =
      ParseInjectionPolicy(json::parse(R"({"mode":"all-except","secret":{"source":"generated"}})"));
  ASSERT_TRUE(input.ok()) << input.error().message;
  EXPECT_FALSE(input->secret_name.has_value());
  EXPECT_TRUE(input->environment_names.empty());
}

struct BadPolicyCase {
  std::string body;
  std::string field;
  std::string message_part;
};

class ParseInjectionPolicyRefuses : public ::testing::TestWithParam<BadPolicyCase> {};

TEST_P(ParseInjectionPolicyRefuses, NamingTheField) {
  auto input = ParseInjectionPolicy(json::parse(GetParam().body));
  ASSERT_FALSE(input.ok()) << GetParam().body;
  EXPECT_EQ(input.error().code, ErrorCode::kInvalidArgument);
  bool found = false;
  for (const auto& detail : input.error().details) {
    if (detail.field == GetParam().field &&
        detail.message.find(GetParam().message_part) != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << GetParam().body << " -> " << input.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ParseInjectionPolicyRefuses,
    ::testing::Values(
        BadPolicyCase{R"({"secret":{"source":"generated"}})", "mode", "is required"},
        BadPolicyCase{R"({"mode":"some","secret":{"source":"generated"}})", "mode",
                      "\"all-except\", \"only\""},
        BadPolicyCase{R"({"mode":"only"})", "secret", "is required"},
        BadPolicyCase{R"({"mode":"only","secret":"regcred"})", "secret", "must be an object"},
        BadPolicyCase{R"({"mode":"only","secret":{}})", "secret.source", "is required"},
        BadPolicyCase{R"({"mode":"only","secret":{"source":"copied"}})", "secret.source",
                      "unknown source"},
        BadPolicyCase{R"({"mode":"only","secret":{"source":"existing"}})", "secret.name",
                      "is required for source \"existing\""},
        BadPolicyCase{R"({"mode":"only","secret":{"source":"existing","name":"Reg_Cred"}})",
                      "secret.name", "not a valid Kubernetes Secret name"},
        BadPolicyCase{R"({"mode":"only","secret":{"source":"generated","name":"a..b"}})",
                      "secret.name", "empty label"},
        BadPolicyCase{R"({"mode":"only","secret":{"source":"generated","colour":1}})",
                      "secret.colour", "unknown field"},
        BadPolicyCase{R"({"mode":"only","environments":"prod","secret":{"source":"generated"}})",
                      "environments", "must be an array"},
        BadPolicyCase{
            R"({"mode":"only","environments":["a","a"],"secret":{"source":"generated"}})",
            "environments[1]", "listed twice"},
        BadPolicyCase{R"({"mode":"only","effective":[],"secret":{"source":"generated"}})",
                      "effective", "unknown field"}));

TEST(ParseInjectionPolicy, RefusesSecretNamesOver253Characters) {
  json body = {{"mode", "only"},
               {"secret", {{"source", "existing"}, {"name", std::string(254, 'a')}}}};
  auto input = ParseInjectionPolicy(body);
  ASSERT_FALSE(input.ok());
  EXPECT_EQ(input.error().details.at(0).field, "secret.name");
}

TEST(EffectiveInjectionToJson, UsesTheWireNames) {
  EXPECT_EQ(EffectiveInjectionToJson({true, SecretSource::kGenerated, "s"}),
            json({{"inject", true}, {"secret_source", "generated"}, {"secret_name", "s"}}));
}

}  // namespace
}  // namespace reghub
