#include "store/postgres/pg_database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "store/migrations.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/postgres_environment.h"

namespace reghub::store {
namespace {

using ::testing::HasSubstr;
using testing::PostgresEnvironment;

TEST(RewritePlaceholdersForPostgres, NumbersPlaceholdersOutsideQuotesAndComments) {
  struct Case {
    std::string_view sql;
    std::string_view want;
    int count;
  };
  const Case cases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT ? , ?", "SELECT $1 , $2", 2},
      {"WHERE a = ? AND b = '?' AND c = ?", "WHERE a = $1 AND b = '?' AND c = $2", 2},
      {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
      {"SELECT \"col?\" FROM t WHERE x = ?", "SELECT \"col?\" FROM t WHERE x = $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT /* ? */ ?", "SELECT /* ? */ $1", 1},
      {"LIKE ? ESCAPE '\\' OR x LIKE ?", "LIKE $1 ESCAPE '\\' OR x LIKE $2", 2},
  };
  for (const Case& c : cases) {
    int count = -1;
    EXPECT_EQ(RewritePlaceholdersForPostgres(c.sql, &count), c.want) << c.sql;
    EXPECT_EQ(count, c.count) << c.sql;
  }
}

class PgDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = PgDatabase::Open(PostgresEnvironment::NewDatabase(), {.max_connections = 4});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    database_ = std::move(opened).value();
  }
  std::unique_ptr<PgDatabase> database_;
};

TEST_F(PgDatabaseTest, BlobsTextAndNumbersRoundTrip) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  ASSERT_TRUE((*lease)
                  ->ExecuteScript("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT UNIQUE, "
                                  "data BYTEA, flag BOOLEAN)")
                  .ok());
  const SqlValue row[] = {std::int64_t{1} << 40, std::string("naïve"), Blob{bytes}};
  auto inserted =
      (*lease)->Execute("INSERT INTO t (id, name, data, flag) VALUES (?, ?, ?, true)", row);
  ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  EXPECT_EQ(*inserted, 1);
  const SqlValue empty[] = {std::int64_t{2}, Blob{}};
  ASSERT_TRUE((*lease)->Execute("INSERT INTO t (id, data) VALUES (?, ?)", empty).ok());
  auto rows = (*lease)->Query("SELECT id, name, data, flag FROM t ORDER BY id DESC");
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Int(0), std::int64_t{1} << 40);
  EXPECT_EQ((*rows)[0].Text(1), "naïve");
  EXPECT_EQ((*rows)[0].Bytes(2), bytes);
  EXPECT_EQ((*rows)[0].Int(3), 1);
  EXPECT_TRUE((*rows)[1].IsNull(1));
  EXPECT_FALSE((*rows)[1].IsNull(2));
  EXPECT_EQ((*rows)[1].Bytes(2), "");
}

TEST_F(PgDatabaseTest, UniqueViolationIsAlreadyExistsNamingTheConstraintNotTheValue) {
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  ASSERT_TRUE((*lease)->ExecuteScript("CREATE TABLE t (name TEXT UNIQUE)").ok());
  const SqlValue row[] = {std::string("secret-value-123")};
  ASSERT_TRUE((*lease)->Execute("INSERT INTO t (name) VALUES (?)", row).ok());
  auto again = (*lease)->Execute("INSERT INTO t (name) VALUES (?)", row);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_THAT(again.error().message, HasSubstr("t_name_key"));
  EXPECT_THAT(again.error().message, ::testing::Not(HasSubstr("secret-value-123")));
}

TEST_F(PgDatabaseTest, TextThatIsNotUtf8IsInvalidArgument) {
  auto lease = database_->Acquire();
  ASSERT_TRUE(lease.ok());
  const SqlValue text[] = {std::string("bad\xff")};
  auto rows = (*lease)->Query("SELECT length(?::text)", text);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(PgDatabaseTest, ConnectionReturnedInsideAFailedTransactionIsReusable) {
  {
    auto lease = database_->Acquire();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE((*lease)->Begin().ok());
    EXPECT_FALSE((*lease)->Query("SELEKT").ok());  // the transaction is now aborted
  }
  for (int i = 0; i < 4; ++i) {
    auto lease = database_->Acquire();
    ASSERT_TRUE(lease.ok());
    auto rows = (*lease)->Query("SELECT 1");
    ASSERT_TRUE(rows.ok()) << rows.error().message;
  }
}

TEST_F(PgDatabaseTest, MigrationsRacingFromManyProcessesApplyOnce) {
  const std::string uri = PostgresEnvironment::NewDatabase();
  std::vector<std::thread> starters;
  std::vector<Status> results(4);
  for (std::size_t i = 0; i < results.size(); ++i) {
    starters.emplace_back([&, i] {
      auto database = PgDatabase::Open(uri);
      results[i] = database.ok() ? ApplyMigrations(**database) : Status(database.error());
    });
  }
  for (auto& thread : starters) thread.join();
  for (const Status& result : results) EXPECT_TRUE(result.ok()) << result.error().message;
  auto database = PgDatabase::Open(uri);
  ASSERT_TRUE(database.ok());
  auto version = SchemaVersion(**database);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, AllMigrations().back().version);
}

TEST(PgDatabase, UnreachableServerIsUnavailable) {
  auto opened = PgDatabase::Open("postgresql://reghub:hunter2@127.0.0.1:1/hub?connect_timeout=2");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
  EXPECT_THAT(opened.error().message, ::testing::Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace reghub::store
