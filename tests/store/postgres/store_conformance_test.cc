// The store conformance suites, run against PostgreSQL.

#include "store/history_conformance.h"
#include "store/postgres/postgres_environment.h"
#include "store/registry_conformance.h"

namespace reghub::store::testing {
namespace {

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, RegistryStoreTest, PostgresEngine);
INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, HistoryStoreTest, PostgresEngine);

}  // namespace
}  // namespace reghub::store::testing
