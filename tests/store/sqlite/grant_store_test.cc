// The grant store conformance suite, run against SQLite.

#include <string>

#include "store/grant_conformance.h"
#include "support/temp_dir.h"

namespace reghub::store::testing {
namespace {

struct SqliteGrantEngine {
  reghub::testing::TempDir dir{"reghub-grants"};
  std::string NewDatabase() { return "sqlite:" + (dir / "hub.db").string(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, GrantStoreTest, SqliteGrantEngine);

}  // namespace
}  // namespace reghub::store::testing
