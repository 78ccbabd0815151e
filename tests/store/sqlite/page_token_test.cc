#include "store/page_token.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace reghub::store {
namespace {

TEST(PageToken, TextKeysRoundTrip) {
  for (const std::string& key : std::vector<std::string>{"", "a", "ab", "abc", "reg.example.com:5000", "[::1]:5000",
                          std::string("\x00\xff\x80", 3)}) {
    auto decoded = DecodeTextPageToken(EncodePageToken(key));
    ASSERT_TRUE(decoded.ok()) << key;
    EXPECT_EQ(*decoded, key);
  }
}

TEST(PageToken, IsUnpaddedBase64Url) {
  EXPECT_EQ(EncodePageToken(std::string_view("\xfb\xff", 2)), "-_8");
  EXPECT_EQ(EncodePageToken("reg"), "cmVn");
  EXPECT_EQ(EncodePageToken(std::int64_t{42}), "NDI");
}

TEST(PageToken, IntegerKeysRoundTrip) {
  for (std::int64_t key : {std::int64_t{0}, std::int64_t{1}, std::int64_t{9'007'199'254'740'993}}) {
    auto decoded = DecodeIntPageToken(EncodePageToken(key));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, key);
  }
}

TEST(PageToken, RefusesTokensItDidNotMake) {
  struct Case {
    const char* token;
    bool as_int;
  };
  for (const Case& c : {Case{"a", false}, Case{"ab+/", false}, Case{"cmVn=", false},
                        Case{"cmW", false}, Case{"cmVn", true}, Case{"", true}}) {
    Result<std::int64_t> as_int = DecodeIntPageToken(c.token);
    Result<std::string> as_text = DecodeTextPageToken(c.token);
    Error error = c.as_int ? as_int.error() : as_text.error();
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument) << c.token;
    ASSERT_EQ(error.details.size(), 1u);
    EXPECT_EQ(error.details[0].field, "page_token");
  }
}

TEST(PageSize, IsClampedToOneThroughFiveHundred) {
  EXPECT_EQ(ClampPageSize(-3), 1);
  EXPECT_EQ(ClampPageSize(0), 1);
  EXPECT_EQ(ClampPageSize(50), 50);
  EXPECT_EQ(ClampPageSize(500), 500);
  EXPECT_EQ(ClampPageSize(501), 500);
}

}  // namespace
}  // namespace reghub::store
