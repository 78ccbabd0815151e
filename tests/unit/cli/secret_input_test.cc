#include "cli/secret_input.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace reghub::cli {
namespace {

TEST(ReadSecretLine, ReadsOneLineAtATime) {
  std::istringstream in("first\r\nsecond\nthird");
  EXPECT_EQ(ReadSecretLine(in, "password")->Reveal(), "first");
  EXPECT_EQ(ReadSecretLine(in, "secret access key")->Reveal(), "second");
  EXPECT_EQ(ReadSecretLine(in, "session token")->Reveal(), "third");
  auto missing = ReadSecretLine(in, "session token");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "no session token on stdin (expected one line)");
}

TEST(ReadSecretLine, RefusesAnEmptyLine) {
  std::istringstream in("\n");
  auto empty = ReadSecretLine(in, "password");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().message, "the password read from stdin is empty");
}

TEST(ReadSecretAll, KeepsTheWholeInputAndRefusesBlank) {
  std::istringstream key("{\n  \"type\": \"service_account\"\n}\n");
  EXPECT_EQ(ReadSecretAll(key, "JSON key")->Reveal(), "{\n  \"type\": \"service_account\"\n}\n");
  std::istringstream blank(" \n\t\n");
  EXPECT_FALSE(ReadSecretAll(blank, "JSON key").ok());
}

TEST(ReadSecretFile, DropsOneTrailingNewlineForSingleLineSecrets) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "pw") << "s3cret\r\n";
  EXPECT_EQ(ReadSecretFile(dir.path() / "pw", "password", true)->Reveal(), "s3cret");
  EXPECT_EQ(ReadSecretFile(dir.path() / "pw", "password", false)->Reveal(), "s3cret\r\n");
  std::ofstream(dir.path() / "empty") << "\n";
  EXPECT_FALSE(ReadSecretFile(dir.path() / "empty", "password", true).ok());
  auto missing = ReadSecretFile(dir.path() / "missing", "password", true);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("missing"), std::string::npos);
}

}  // namespace
}  // namespace reghub::cli
