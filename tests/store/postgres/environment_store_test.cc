// The environment store conformance suite, run against PostgreSQL.

#include "store/environment_conformance.h"
#include "store/postgres/postgres_environment.h"

namespace reghub::store::testing {
namespace {

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, EnvironmentStoreTest, PostgresEngine);

}  // namespace
}  // namespace reghub::store::testing
