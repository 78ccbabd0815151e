#include "core/account_validation.h"

#include <gtest/gtest.h>

#include <string>

namespace reghub {
namespace {

struct NameCase {
  std::string name;
  bool valid;
  std::string message_part;
};

class AccountNames : public ::testing::TestWithParam<NameCase> {};

TEST_P(AccountNames, AreCheckedWithAPreciseMessage) {
  const NameCase& c = GetParam();
  Violations violations;
  EXPECT_EQ(CheckAccountName(c.name, "username", violations), c.valid);
  if (c.valid) {
    EXPECT_TRUE(violations.empty());
  } else {
    ASSERT_EQ(violations.items().size(), 1u);
    EXPECT_EQ(violations.items()[0].field, "username");
    EXPECT_NE(violations.items()[0].message.find(c.message_part), std::string::npos)
        << violations.items()[0].message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, AccountNames,
    ::testing::Values(NameCase{"alice", true, ""}, NameCase{"a", true, ""},
                      NameCase{"ci-bot.2_x", true, ""}, NameCase{"0day", true, ""},
                      NameCase{std::string(64, 'a'), true, ""},
                      NameCase{std::string(65, 'a'), false, "at most 64"},
                      NameCase{"", false, "required"}, NameCase{"Alice", false, "lower-case"},
                      NameCase{"al ice", false, "lower-case"},
                      NameCase{"al/ice", false, "lower-case"},
                      NameCase{"ali\xc3\xa7" "e", false, "lower-case"},
                      NameCase{std::string("a\0b", 3), false, "lower-case"},
                      NameCase{"-alice", false, "start with a letter or a digit"},
                      NameCase{".hidden", false, "start with a letter or a digit"}));

struct TextCase {
  std::string text;
  bool line_breaks;
  bool required;
  bool valid;
  std::string message_part;
};

class AccountTexts : public ::testing::TestWithParam<TextCase> {};

TEST_P(AccountTexts, AreCheckedWithAPreciseMessage) {
  const TextCase& c = GetParam();
  Violations violations;
  EXPECT_EQ(CheckText(c.text, "display_name", 10, c.line_breaks, c.required, violations), c.valid);
  if (!c.valid) {
    ASSERT_EQ(violations.items().size(), 1u);
    EXPECT_NE(violations.items()[0].message.find(c.message_part), std::string::npos)
        << violations.items()[0].message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, AccountTexts,
    ::testing::Values(TextCase{"Alice Doe", false, false, true, ""},
                      TextCase{"", false, false, true, ""},
                      TextCase{"", false, true, false, "required"},
                      TextCase{"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
                               "\xa9\xc3\xa9",
                               false, false, true, ""},   // ten characters, twenty bytes
                      TextCase{"12345678901", false, false, false, "at most 10"},
                      TextCase{"a\nb", false, false, false, "control characters"},
                      TextCase{"a\nb", true, false, true, ""},
                      TextCase{"a\x1b[31m", true, false, false, "control characters"},
                      TextCase{"\xff\xfe", false, false, false, "UTF-8"},
                      TextCase{"\xc0\xaf", false, false, false, "UTF-8"},          // overlong
                      TextCase{"\xed\xa0\x80", false, false, false, "UTF-8"},      // surrogate
                      TextCase{"\xe2\x82", false, false, false, "UTF-8"}));        // truncated

TEST(TokenLifetime, IsOneDayToTenYears) {
  Violations violations;
  EXPECT_TRUE(CheckTokenLifetimeDays(1, "expires_in_days", violations));
  EXPECT_TRUE(CheckTokenLifetimeDays(3650, "expires_in_days", violations));
  EXPECT_FALSE(CheckTokenLifetimeDays(0, "expires_in_days", violations));
  EXPECT_FALSE(CheckTokenLifetimeDays(3651, "expires_in_days", violations));
  EXPECT_FALSE(CheckTokenLifetimeDays(-5, "expires_in_days", violations));
  ASSERT_EQ(violations.items().size(), 3u);
  EXPECT_EQ(violations.items()[0].field, "expires_in_days");
}

}  // namespace
}  // namespace reghub
