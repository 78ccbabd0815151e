// The health-check store conformance suite, run against SQLite.

#include <string>

#include "store/health_conformance.h"
#include "support/temp_dir.h"

namespace reghub::store::testing {
namespace {

struct SqliteHealthEngine {
  reghub::testing::TempDir dir{"reghub-health-store"};
  std::string NewDatabase() { return "sqlite:" + (dir / "hub.db").string(); }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Sqlite, HealthStoreTest, SqliteHealthEngine);

}  // namespace
}  // namespace reghub::store::testing
