#include "cli/config_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "support/temp_dir.h"

namespace reghub::cli {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

unsigned Mode(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_mode & 07777;
}

TEST(ConfigPath, PrefersXdgConfigHome) {
  auto path = ConfigPath({{"XDG_CONFIG_HOME", "/x/cfg"}, {"HOME", "/home/u"}});
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, fs::path("/x/cfg/reghub/config.json"));
}

TEST(ConfigPath, FallsBackToHomeDotConfig) {
  auto path = ConfigPath({{"XDG_CONFIG_HOME", ""}, {"HOME", "/home/u"}});
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(*path, fs::path("/home/u/.config/reghub/config.json"));
}

TEST(ConfigPath, FailsWithoutHomeOrXdg) { EXPECT_FALSE(ConfigPath({}).ok()); }

TEST(SaveConfig, CreatesThePrivateDirectoryAndFile) {
  TempDir dir;
  fs::path path = dir.path() / "cfg" / "reghub" / "config.json";
  ASSERT_TRUE(SaveConfig(path, {"https://hub.example.com", SecretString("rh_token")}).ok());
  EXPECT_EQ(Mode(path.parent_path()), 0700u);
  EXPECT_EQ(Mode(path), 0600u);
  auto loaded = LoadConfig(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->server, "https://hub.example.com");
  EXPECT_EQ(loaded->token.Reveal(), "rh_token");
}

TEST(SaveConfig, TightensAnExistingDirectoryAndReplacesTheFile) {
  TempDir dir;
  fs::path reghub_dir = dir.path() / "reghub";
  fs::create_directories(reghub_dir);
  ::chmod(reghub_dir.c_str(), 0755);
  fs::path path = reghub_dir / "config.json";
  std::ofstream(path) << "{}";
  ::chmod(path.c_str(), 0644);
  ASSERT_TRUE(SaveConfig(path, {"http://127.0.0.1:8080", SecretString("t2")}).ok());
  EXPECT_EQ(Mode(reghub_dir), 0700u);
  EXPECT_EQ(Mode(path), 0600u);
  EXPECT_EQ(LoadConfig(path)->token.Reveal(), "t2");
  // No temporary files are left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(reghub_dir)) ++files;
  EXPECT_EQ(files, 1);
}

TEST(LoadConfig, MissingFileIsAnEmptyConfig) {
  TempDir dir;
  auto config = LoadConfig(dir.path() / "none.json");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->server, "");
  EXPECT_TRUE(config->token.empty());
}

TEST(LoadConfig, MalformedFileIsAnErrorNamingTheFile) {
  TempDir dir;
  fs::path path = dir.path() / "config.json";
  std::ofstream(path) << "not json";
  auto config = LoadConfig(path);
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find(path.string()), std::string::npos);
}

TEST(EffectiveConfig, EnvironmentOverridesTheStoredValues) {
  TempDir dir;
  Environment env = {{"XDG_CONFIG_HOME", dir.path().string()}};
  ASSERT_TRUE(SaveConfig(dir.path() / "reghub" / "config.json",
                         {"https://stored.example.com", SecretString("stored")})
                  .ok());
  auto stored = EffectiveConfig(env);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->server, "https://stored.example.com");
  env["REGHUB_SERVER"] = "https://env.example.com";
  env["REGHUB_TOKEN"] = "from-env";
  auto overridden = EffectiveConfig(env);
  ASSERT_TRUE(overridden.ok());
  EXPECT_EQ(overridden->server, "https://env.example.com");
  EXPECT_EQ(overridden->token.Reveal(), "from-env");
}

TEST(NormalizeServerUrl, RequiresASchemeAndDropsTrailingSlashes) {
  const struct {
    std::string input;
    std::string want;  // "" = refused
  } cases[] = {
      {"https://hub.example.com", "https://hub.example.com"},
      {"https://hub.example.com/", "https://hub.example.com"},
      {"http://127.0.0.1:8080//", "http://127.0.0.1:8080"},
      {"hub.example.com", ""},
      {"ftp://hub.example.com", ""},
      {"https://", ""},
  };
  for (const auto& c : cases) {
    auto got = NormalizeServerUrl(c.input);
    if (c.want.empty()) {
      EXPECT_FALSE(got.ok()) << c.input;
    } else {
      ASSERT_TRUE(got.ok()) << c.input;
      EXPECT_EQ(*got, c.want);
    }
  }
}

}  // namespace
}  // namespace reghub::cli
