#include "store/sqlite/sqlite_database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "support/temp_dir.h"

namespace reghub::store {
namespace {

using ::testing::HasSubstr;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = SqliteDatabase::Open((dir_ / "test.db").string(), {.max_connections = 2});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    database_ = std::move(opened).value();
    auto lease = database_->Acquire();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE((*lease)
                    ->ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, "
                                    "data BLOB)")
                    .ok());
  }

  reghub::testing::TempDir dir_;
  std::unique_ptr<SqliteDatabase> database_;
};

TEST_F(SqliteDatabaseTest, BlobsAndTextRoundTripByteForByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  const SqlValue row[] = {std::int64_t{1}, std::string("naïve"), Blob{bytes}};
  ASSERT_TRUE((*lease)->Execute("INSERT INTO t (id, name, data) VALUES (?, ?, ?)", row).ok());
  auto rows = (*lease)->Query("SELECT id, name, data, NULL FROM t");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  const SqlRow& got = rows->front();
  EXPECT_EQ(got.Int(0), 1);
  EXPECT_EQ(got.Text(1), "naïve");
  EXPECT_EQ(got.Bytes(2), bytes);
  EXPECT_TRUE(got.IsNull(3));
  EXPECT_EQ(got.Text(3), "");
  EXPECT_EQ(got.Int(3), 0);
}

TEST_F(SqliteDatabaseTest, UniqueViolationIsAlreadyExistsNamingTheColumn) {
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  const SqlValue row[] = {std::string("secret-value-123")};
  ASSERT_TRUE((*lease)->Execute("INSERT INTO t (name) VALUES (?)", row).ok());
  auto again = (*lease)->Execute("INSERT INTO t (name) VALUES (?)", row);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_THAT(again.error().message, HasSubstr("t.name"));
  EXPECT_THAT(again.error().message, ::testing::Not(HasSubstr("secret-value-123")));
}

TEST_F(SqliteDatabaseTest, RolledBackTransactionLeavesNothing) {
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  ASSERT_TRUE((*lease)->Begin().ok());
  ASSERT_TRUE((*lease)->Execute("INSERT INTO t (name) VALUES ('x')").ok());
  ASSERT_TRUE((*lease)->Rollback().ok());
  EXPECT_EQ((*lease)->Query("SELECT COUNT(*) FROM t")->front().Int(0), 0);
}

TEST_F(SqliteDatabaseTest, ConnectionReturnedInsideATransactionIsRolledBack) {
  {
    auto lease = database_->Acquire();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE((*lease)->Begin().ok());
    ASSERT_TRUE((*lease)->Execute("INSERT INTO t (name) VALUES ('x')").ok());
  }
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  EXPECT_EQ((*lease)->Query("SELECT COUNT(*) FROM t")->front().Int(0), 0);
}

TEST_F(SqliteDatabaseTest, BadSqlIsInternalWithTheEnginesMessage) {
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  auto rows = (*lease)->Query("SELEKT 1");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kInternal);
  EXPECT_THAT(rows.error().message, HasSubstr("syntax error"));
  EXPECT_EQ((*lease)->Query("SELECT ?").error().code, ErrorCode::kInternal);  // missing parameter
}

TEST_F(SqliteDatabaseTest, PoolOpensConnectionsLazilyAndBlocksAtItsLimit) {
  EXPECT_EQ(database_->OpenConnections(), 1u);  // the one Open() checked with
  auto first = database_->Acquire();
  auto second = database_->Acquire();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(database_->OpenConnections(), 2u);
  std::atomic<bool> acquired = false;
  std::thread waiter([&] {
    auto third = database_->Acquire();
    acquired = third.ok();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(acquired);
  { auto released = std::move(first).value(); }
  waiter.join();
  EXPECT_TRUE(acquired);
  EXPECT_EQ(database_->OpenConnections(), 2u);
}

TEST_F(SqliteDatabaseTest, LeaseMovedOverAnotherGivesTheOtherBack) {
  auto first = database_->Acquire();
  auto second = database_->Acquire();
  ASSERT_TRUE(first.ok() && second.ok());
  *first = std::move(*second);  // the pool must get first's connection back
  auto third = database_->Acquire();
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(database_->OpenConnections(), 2u);
}

TEST_F(SqliteDatabaseTest, FilesAreReadableByTheOwnerOnly) {
  auto lease = database_->Acquire();
  ASSERT_TRUE((*lease)->Execute("INSERT INTO t (name) VALUES ('x')").ok());
  for (const char* name : {"test.db", "test.db-wal", "test.db-shm"}) {
    struct stat info {};
    ASSERT_EQ(::stat((dir_ / name).c_str(), &info), 0) << name;
    EXPECT_EQ(info.st_mode & 0777, 0600u) << name;
  }
  EXPECT_EQ((*lease)->Query("PRAGMA journal_mode")->front().Text(0), "wal");
  EXPECT_EQ((*lease)->Query("PRAGMA foreign_keys")->front().Int(0), 1);
}

TEST(SqliteDatabase, RefusesInMemoryAndEmptyPaths) {
  EXPECT_EQ(SqliteDatabase::Open(":memory:").error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(SqliteDatabase::Open("").error().code, ErrorCode::kInvalidArgument);
}

TEST(SqliteDatabase, UnwritableDirectoryIsUnavailable) {
  auto opened = SqliteDatabase::Open("/nonexistent-dir/reghub/hub.db");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace reghub::store
