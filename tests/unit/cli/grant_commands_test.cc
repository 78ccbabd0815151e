#include "cli/grant_commands.h"

#include <gtest/gtest.h>

namespace reghub::cli {
namespace {

Json Current() {
  return Json::parse(R"({"grants":[
    {"subject":{"kind":"user","id":"u1","name":"alice"},"role":"viewer","inherited":false},
    {"subject":{"kind":"user","id":"u1","name":"alice"},"role":"consumer","inherited":false},
    {"subject":{"kind":"team","id":"t1","name":"platform"},"role":"assigner","inherited":false},
    {"subject":{"kind":"team","id":"t2","name":"ops"},"role":"administrator","inherited":true}],
    "permissions_deadline":"2026-09-21T14:18:20Z","pending":false})");
}

std::vector<std::string> Summary(const Json& body) {
  std::vector<std::string> rows;
  for (const Json& grant : body["grants"]) {
    rows.push_back(grant["subject"]["kind"].get<std::string>() + ":" +
                   grant["subject"]["name"].get<std::string>() + ":" +
                   grant["role"].get<std::string>());
    EXPECT_EQ(grant.size(), 2u) << "only subject and role are sent";
  }
  return rows;
}

TEST(EditGrants, AddKeepsOwnGrantsDropsInheritedAndAddsOnce) {
  auto added = EditGrants(Current(), GrantEdit::kAdd, "team", "ops", "viewer");
  ASSERT_TRUE(added.ok());
  EXPECT_EQ(Summary(*added), (std::vector<std::string>{"user:alice:viewer", "user:alice:consumer",
                                                       "team:platform:assigner", "team:ops:viewer"}));
  auto again = EditGrants(Current(), GrantEdit::kAdd, "user", "alice", "viewer");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Summary(*again).size(), 3u);
}

TEST(EditGrants, SetLeavesTheSubjectWithExactlyOneRole) {
  auto set = EditGrants(Current(), GrantEdit::kSet, "user", "alice", "administrator");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(Summary(*set), (std::vector<std::string>{"team:platform:assigner",
                                                     "user:alice:administrator"}));
  auto kept = EditGrants(Current(), GrantEdit::kSet, "user", "alice", "consumer");
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(Summary(*kept), (std::vector<std::string>{"user:alice:consumer",
                                                      "team:platform:assigner"}));
}

TEST(EditGrants, RemoveTakesOneRoleOrAllAndFailsWhenNothingIsHeld) {
  auto one = EditGrants(Current(), GrantEdit::kRemove, "user", "alice", "viewer");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(Summary(*one), (std::vector<std::string>{"user:alice:consumer", "team:platform:assigner"}));
  auto all = EditGrants(Current(), GrantEdit::kRemove, "user", "alice", "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Summary(*all), (std::vector<std::string>{"team:platform:assigner"}));
  auto inherited = EditGrants(Current(), GrantEdit::kRemove, "team", "ops", "administrator");
  ASSERT_FALSE(inherited.ok());
  EXPECT_EQ(inherited.error().code, ErrorCode::kNotFound);
  EXPECT_NE(inherited.error().message.find("ops"), std::string::npos);
  // A user and a team of the same name are different subjects.
  EXPECT_FALSE(EditGrants(Current(), GrantEdit::kRemove, "team", "alice", "").ok());
}

TEST(GrantsTable, ShowsSourceAndTheDeadline) {
  std::string table = GrantsTable(Current());
  EXPECT_NE(table.find("KIND  NAME"), std::string::npos) << table;
  EXPECT_NE(table.find("platform"), std::string::npos);
  EXPECT_NE(table.find("global"), std::string::npos);
  EXPECT_NE(table.find("Permissions deadline: 2026-09-21T14:18:20Z (passed)"), std::string::npos)
      << table;
  EXPECT_EQ(GrantsTable(Json::parse(R"({"grants":[]})")).find("deadline"), std::string::npos);
}

}  // namespace
}  // namespace reghub::cli
