#include "store/open_store.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/migrations.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_database.h"
#include "support/temp_dir.h"

namespace reghub::store {
namespace {

TEST(OpenStore, SqliteSchemeAndPlainPathBothOpenSqlite) {
  reghub::testing::TempDir dir;
  for (const std::string& name :
       {"sqlite:" + (dir / "a.db").string(), (dir / "b.db").string(),
        "sqlite://" + (dir / "c.db").string()}) {
    auto store = OpenStore(name);
    ASSERT_TRUE(store.ok()) << name << ": " << store.error().message;
    EXPECT_EQ(dynamic_cast<SqlStore&>(**store).database().dialect(), SqlDialect::kSqlite);
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "a.db"));
  EXPECT_TRUE(std::filesystem::exists(dir / "b.db"));
  EXPECT_TRUE(std::filesystem::exists(dir / "c.db"));
}

TEST(OpenStore, MigratesANewDatabaseToTheLatestVersion) {
  reghub::testing::TempDir dir;
  auto store = OpenStore((dir / "hub.db").string());
  ASSERT_TRUE(store.ok()) << store.error().message;
  auto version = SchemaVersion(dynamic_cast<SqlStore&>(**store).database());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, AllMigrations().back().version);
}

TEST(OpenStore, RefusesOtherSchemesAndEmptyNames) {
  EXPECT_EQ(OpenStore("mysql://root@db/hub").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("sqlite:").error().code, ErrorCode::kInvalidArgument);
}

TEST(OpenStore, RefusesADatabaseFromANewerReghub) {
  reghub::testing::TempDir dir;
  const std::string path = (dir / "hub.db").string();
  {
    auto database = SqliteDatabase::Open(path);
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE(ApplyMigrations(**database).ok());
    auto lease = (*database)->Acquire();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE((*lease)
                    ->Execute("INSERT INTO schema_migrations (version, name, applied_at) "
                              "VALUES (9999, 'from the future', 0)")
                    .ok());
  }
  auto store = OpenStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::kFailedPrecondition);
}

TEST(Migrations, VersionsStartAtOneAndIncreaseByOne) {
  int expected = 1;
  for (const Migration& migration : AllMigrations()) {
    EXPECT_EQ(migration.version, expected++);
    EXPECT_FALSE(migration.name.empty());
    EXPECT_FALSE(migration.sqlite.empty());
    EXPECT_FALSE(migration.postgres.empty());
  }
}

}  // namespace
}  // namespace reghub::store
