// The accounts conformance suite (users, tokens, teams), run against PostgreSQL.

#include "store/accounts_conformance.h"
#include "store/postgres/postgres_environment.h"

namespace reghub::store::testing {
namespace {

INSTANTIATE_TYPED_TEST_SUITE_P(Postgres, AccountsStoreTest, PostgresEngine);

}  // namespace
}  // namespace reghub::store::testing
