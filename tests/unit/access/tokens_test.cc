#include "access/tokens.h"

#include <gtest/gtest.h>

#include <set>

namespace reghub::access {
namespace {

bool IsBase64Url(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

TEST(GenerateToken, IsRhPrefixAnd43Base64UrlCharacters) {
  for (int i = 0; i < 100; ++i) {
    std::string token = GenerateToken().Reveal();
    ASSERT_EQ(token.size(), 46u) << token;
    EXPECT_EQ(token.substr(0, 3), "rh_");
    for (char c : token.substr(3)) EXPECT_TRUE(IsBase64Url(c)) << token;
  }
}

TEST(GenerateToken, IsRandom) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(GenerateToken().Reveal());
  EXPECT_EQ(seen.size(), 100u);
}

TEST(HashToken, IsHexSha256) {
  // SHA-256("abc") from FIPS 180-2.
  EXPECT_EQ(HashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HashToken(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(HashToken, DiffersForDifferentTokens) { EXPECT_NE(HashToken("rh_a"), HashToken("rh_b")); }

TEST(GenerateId, Is32LowerCaseHexDigitsAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = GenerateId();
    ASSERT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace reghub::access
