// The environment store conformance suite, run against SQLite.

#include <string>

#include "store/environment_conformance.h"
#include "support/temp_dir.h"

namespace reghub::store::testing {
namespace {

struct SqliteEnvironmentEngine {
  reghub::testing::TempDir dir{"reghub-environments"};
  std::string NewDatabase() { return "sqlite:" + (dir / "hub.db").string(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, EnvironmentStoreTest, SqliteEnvironmentEngine);

}  // namespace
}  // namespace reghub::store::testing
