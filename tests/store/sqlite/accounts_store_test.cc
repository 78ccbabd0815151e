// The accounts conformance suite (users, tokens, teams), run against SQLite,
// both as a shared database and as a sole writer that caches token owners.

#include <string>

#include "store/accounts_conformance.h"
#include "support/temp_dir.h"

namespace reghub::store::testing {
namespace {

struct SqliteAccountsEngine {
  reghub::testing::TempDir dir{"reghub-accounts"};
  std::string NewDatabase() { return "sqlite:" + (dir / "hub.db").string(); }
};

struct SqliteSoleWriterAccountsEngine : SqliteAccountsEngine {
  static constexpr bool kSoleWriter = true;
};

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, AccountsStoreTest, SqliteAccountsEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(SqliteSoleWriter, AccountsStoreTest,
                               SqliteSoleWriterAccountsEngine);

}  // namespace
}  // namespace reghub::store::testing
