// The store conformance suites, run against SQLite.

#include <memory>
#include <string>

#include "store/history_conformance.h"
#include "store/registry_conformance.h"
#include "support/temp_dir.h"

namespace reghub::store::testing {
namespace {

// Each test gets an empty database file in its own temporary directory.
struct SqliteEngine {
  reghub::testing::TempDir dir{"reghub-store"};
  std::string NewDatabase() { return "sqlite:" + (dir / "hub.db").string(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, RegistryStoreTest, SqliteEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, HistoryStoreTest, SqliteEngine);

}  // namespace
}  // namespace reghub::store::testing
