#include "secrets/master_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "support/temp_dir.h"

namespace reghub::secrets {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), {}};
}

void WriteFile(const fs::path& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  ::chmod(path.c_str(), mode);
}

mode_t FileMode(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

TEST(LoadOrCreateMasterKey, CreatesAKeyFileWithMode0600) {
  TempDir dir;
  fs::path path = dir.path() / "master.key";
  auto key = LoadOrCreateMasterKey(path);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(FileMode(path), 0600u);
  std::string content = ReadFile(path);
  EXPECT_EQ(content.size(), 65u);
  EXPECT_EQ(content.back(), '\n');
}

TEST(LoadOrCreateMasterKey, LeavesNoTemporaryFilesBehind) {
  TempDir dir;
  ASSERT_TRUE(LoadOrCreateMasterKey(dir.path() / "master.key").ok());
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1);
}

TEST(LoadOrCreateMasterKey, CreatesMissingParentDirectories) {
  TempDir dir;
  auto key = LoadOrCreateMasterKey(dir.path() / "data" / "master.key");
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_TRUE(fs::exists(dir.path() / "data" / "master.key"));
}

TEST(LoadOrCreateMasterKey, LoadsTheSameKeyTheSecondTime) {
  TempDir dir;
  fs::path path = dir.path() / "master.key";
  auto first = LoadOrCreateMasterKey(path);
  auto second = LoadOrCreateMasterKey(path);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*first)->key_id(), (*second)->key_id());
  EXPECT_EQ(0, std::memcmp((*first)->data(), (*second)->data(), kMasterKeyBytes));
}

TEST(LoadOrCreateMasterKey, RefusesAGroupReadableFile) {
  TempDir dir;
  fs::path path = dir.path() / "master.key";
  ASSERT_TRUE(LoadOrCreateMasterKey(path).ok());
  ::chmod(path.c_str(), 0640);
  auto key = LoadOrCreateMasterKey(path);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(key.error().message.find("0640"), std::string::npos) << key.error().message;
  EXPECT_NE(key.error().message.find("chmod 600"), std::string::npos);
}

TEST(LoadOrCreateMasterKey, RefusesAnOtherReadableFile) {
  TempDir dir;
  fs::path path = dir.path() / "master.key";
  ASSERT_TRUE(LoadOrCreateMasterKey(path).ok());
  ::chmod(path.c_str(), 0604);
  EXPECT_FALSE(LoadOrCreateMasterKey(path).ok());
}

TEST(LoadOrCreateMasterKey, RefusesFilesThatAreNotAKeyEncoding) {
  const std::string valid(64, 'a');
  const struct {
    const char* name;
    std::string content;
  } cases[] = {
      {"empty", ""},
      {"no newline", valid},
      {"too short", std::string(62, 'a') + "\n"},
      {"too long", valid + "aa\n"},
      {"upper-case hex", std::string(64, 'A') + "\n"},
      {"not hex", std::string(63, 'a') + "g\n"},
      {"trailing garbage", valid + "\nx"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    fs::path path = dir.path() / "master.key";
    WriteFile(path, c.content, 0600);
    auto key = LoadOrCreateMasterKey(path);
    ASSERT_FALSE(key.ok()) << c.name;
    EXPECT_NE(key.error().message.find("not a reghub master key"), std::string::npos) << c.name;
  }
}

TEST(LoadOrCreateMasterKey, ReadsAHandWrittenKey) {
  TempDir dir;
  fs::path path = dir.path() / "master.key";
  WriteFile(path, std::string(64, '7') + "\n", 0600);
  auto key = LoadOrCreateMasterKey(path);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ((*key)->data()[0], 0x77);
  EXPECT_EQ((*key)->data()[31], 0x77);
}

TEST(LoadOrCreateMasterKey, RefusesASymlink) {
  TempDir dir;
  fs::path target = dir.path() / "real.key";
  ASSERT_TRUE(LoadOrCreateMasterKey(target).ok());
  fs::create_symlink(target, dir.path() / "link.key");
  EXPECT_FALSE(LoadOrCreateMasterKey(dir.path() / "link.key").ok());
}

TEST(MasterKey, KeyIdIsK1AndEightHexDigits) {
  MasterKey key = MasterKey::Generate();
  ASSERT_EQ(key.key_id().size(), 11u);
  EXPECT_EQ(key.key_id().substr(0, 3), "k1:");
  EXPECT_EQ(key.key_id().find_first_not_of("0123456789abcdef", 3), std::string::npos);
}

TEST(MasterKey, GeneratedKeysDiffer) {
  MasterKey a = MasterKey::Generate();
  MasterKey b = MasterKey::Generate();
  EXPECT_NE(a.key_id(), b.key_id());
  EXPECT_NE(0, std::memcmp(a.data(), b.data(), kMasterKeyBytes));
}

}  // namespace
}  // namespace reghub::secrets
