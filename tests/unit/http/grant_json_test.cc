#include "http/grant_json.h"

#include <gtest/gtest.h>

namespace reghub::http {
namespace {

TEST(ParseGrantsBody, ReadsSubjectsAndRoles) {
  auto parsed = ParseGrantsBody(nlohmann::json::parse(R"({"grants":[
      {"subject":{"kind":"team","name":"platform"},"role":"assigner"},
      {"subject":{"kind":"user","name":"alice","id":"u1"},"role":"hub-administrator"}]})"));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[0].kind, access::SubjectKind::kTeam);
  EXPECT_EQ((*parsed)[0].name, "platform");
  EXPECT_EQ((*parsed)[0].role, access::Role::kAssigner);
  EXPECT_EQ((*parsed)[1].id, "u1");
  EXPECT_EQ((*parsed)[1].role, access::Role::kHubAdministrator);
}

TEST(ParseGrantsBody, AnEmptyListIsValid) {
  auto parsed = ParseGrantsBody(nlohmann::json::parse(R"({"grants":[]})"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->empty());
}

TEST(ParseGrantsBody, RefusesMalformedBodiesNamingTheField) {
  struct Row {
    const char* body;
    const char* field;
  };
  const Row rows[] = {
      {R"({})", "grants"},
      {R"({"grants":{}})", "grants"},
      {R"({"grants":[],"extra":1})", "extra"},
      {R"({"grants":[1]})", "grants[0]"},
      {R"({"grants":[{"role":"viewer"}]})", "grants[0].subject"},
      {R"({"grants":[{"subject":"alice","role":"viewer"}]})", "grants[0].subject"},
      {R"({"grants":[{"subject":{"name":"a"},"role":"viewer"}]})", "grants[0].subject.kind"},
      {R"({"grants":[{"subject":{"kind":"group","name":"a"},"role":"viewer"}]})",
       "grants[0].subject.kind"},
      {R"({"grants":[{"subject":{"kind":"user"},"role":"viewer"}]})", "grants[0].subject.name"},
      {R"({"grants":[{"subject":{"kind":"user","name":""},"role":"viewer"}]})",
       "grants[0].subject.name"},
      {R"({"grants":[{"subject":{"kind":"user","name":7},"role":"viewer"}]})",
       "grants[0].subject.name"},
      {R"({"grants":[{"subject":{"kind":"user","name":"a","email":"x"},"role":"viewer"}]})",
       "grants[0].subject.email"},
      {R"({"grants":[{"subject":{"kind":"user","name":"a"}}]})", "grants[0].role"},
      {R"({"grants":[{"subject":{"kind":"user","name":"a"},"role":"owner"}]})", "grants[0].role"},
      {R"({"grants":[{"subject":{"kind":"user","name":"a"},"role":"Viewer"}]})", "grants[0].role"},
      {R"({"grants":[{"subject":{"kind":"user","name":"a"},"role":"viewer","inherited":true}]})",
       "grants[0].inherited"},
  };
  for (const Row& row : rows) {
    auto parsed = ParseGrantsBody(nlohmann::json::parse(row.body));
    ASSERT_FALSE(parsed.ok()) << row.body;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << row.body;
    ASSERT_FALSE(parsed.error().details.empty()) << row.body;
    EXPECT_EQ(parsed.error().details[0].field, row.field) << row.body;
  }
}

TEST(ParseGrantsBody, RefusesOverlongNamesAndTooManyGrants) {
  nlohmann::json long_name = {
      {"grants", {{{"subject", {{"kind", "user"}, {"name", std::string(201, 'a')}}}, {"role", "viewer"}}}}};
  EXPECT_FALSE(ParseGrantsBody(long_name).ok());
  nlohmann::json many = {{"grants", nlohmann::json::array()}};
  for (int i = 0; i < 501; ++i) {
    many["grants"].push_back({{"subject", {{"kind", "user"}, {"name", "a"}}}, {"role", "viewer"}});
  }
  auto parsed = ParseGrantsBody(many);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().details.at(0).field, "grants");
}

TEST(GrantJson, RegistryGrantsShowTheDeadlineAndMarkInheritedGrants) {
  service::RegistryGrants grants;
  grants.grants.push_back({access::SubjectKind::kTeam, "t1", "platform", access::Role::kConsumer,
                           false, 1'790'000'000, "admin"});
  grants.grants.push_back({access::SubjectKind::kUser, "u1", "alice", access::Role::kViewer, true,
                           1'790'000'000, "admin"});
  grants.permissions_deadline = 1'790'000'300;
  grants.pending = true;
  nlohmann::json json = RegistryGrantsToJson(grants);
  EXPECT_EQ(json["permissions_deadline"], "2026-09-21T14:18:20Z");
  EXPECT_EQ(json["pending"], true);
  EXPECT_EQ(json["grants"][0]["subject"],
            nlohmann::json({{"kind", "team"}, {"id", "t1"}, {"name", "platform"}}));
  EXPECT_EQ(json["grants"][0]["role"], "consumer");
  EXPECT_EQ(json["grants"][0]["inherited"], false);
  EXPECT_EQ(json["grants"][1]["inherited"], true);
  EXPECT_EQ(json["grants"][1]["created_at"], "2026-09-21T14:13:20Z");
  EXPECT_FALSE(GlobalGrantsToJson({grants.grants[0]})["grants"][0].contains("inherited"));
}

}  // namespace
}  // namespace reghub::http
