#include "access/password_hasher.h"

#include <gtest/gtest.h>

#include <set>

namespace reghub::access {
namespace {

TEST(HashPassword, ProducesAnArgon2idEncodedHash) {
  std::string hash = HashPassword(SecretString("correct horse battery"));
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("correct horse"), std::string::npos);
}

TEST(HashPassword, SaltsEveryHash) {
  EXPECT_NE(HashPassword(SecretString("same password!")),
            HashPassword(SecretString("same password!")));
}

TEST(VerifyPassword, AcceptsTheRightPassword) {
  std::string hash = HashPassword(SecretString("correct horse battery"));
  EXPECT_TRUE(VerifyPassword(hash, SecretString("correct horse battery")));
}

TEST(VerifyPassword, RefusesAWrongPassword) {
  std::string hash = HashPassword(SecretString("correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash, SecretString("correct horse batterY")));
  EXPECT_FALSE(VerifyPassword(hash, SecretString("")));
}

TEST(VerifyPassword, RefusesMalformedHashes) {
  EXPECT_FALSE(VerifyPassword("", SecretString("x")));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", SecretString("x")));
  EXPECT_FALSE(VerifyPassword(std::string(500, 'a'), SecretString("x")));
}

TEST(CheckPasswordPolicy, EnforcesLengthInCharacters) {
  const struct {
    std::string password;
    bool ok;
  } cases[] = {
      {"", false},
      {"elevenchars", false},
      {"twelve chars", true},
      {std::string(1024, 'x'), true},
      {std::string(1025, 'x'), false},
      // 12 two-byte characters are 12 characters, not 24.
      {"éééééééééééé", true},
      {"ééééééééééé", false},
  };
  for (const auto& c : cases) {
    Status status = CheckPasswordPolicy(SecretString(c.password));
    EXPECT_EQ(status.ok(), c.ok) << c.password.size() << " bytes";
    if (!status.ok()) {
      EXPECT_EQ(status.error().details.at(0).field, "password");
    }
  }
}

TEST(GeneratePassword, HasTheRequestedLengthAndPassesThePolicy) {
  SecretString password = GeneratePassword();
  EXPECT_EQ(password.size(), 24u);
  EXPECT_TRUE(CheckPasswordPolicy(password).ok());
  EXPECT_EQ(GeneratePassword(40).size(), 40u);
}

TEST(GeneratePassword, AvoidsLookAlikeCharacters) {
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(GeneratePassword(64).Reveal().find_first_of("0O1lI"), std::string::npos);
  }
}

TEST(GeneratePassword, IsRandom) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) seen.insert(GeneratePassword().Reveal());
  EXPECT_EQ(seen.size(), 50u);
}

}  // namespace
}  // namespace reghub::access
