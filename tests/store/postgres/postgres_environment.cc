#include "store/postgres/postgres_environment.h"

#include <exception>
#include <mutex>

namespace reghub::store::testing {
namespace {

std::unique_ptr<reghub::testing::PostgresServer>& ServerSlot() {
  static auto* server = new std::unique_ptr<reghub::testing::PostgresServer>();
  return *server;
}

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment());

}  // namespace

void PostgresEnvironment::TearDown() { ServerSlot().reset(); }

reghub::testing::PostgresServer* PostgresEnvironment::Server() {
  static std::mutex mutex;
  static bool tried = false;
  std::lock_guard lock(mutex);
  if (!tried) {
    tried = true;
    try {
      ServerSlot() = reghub::testing::PostgresServer::Start();
    } catch (const std::exception& error) {
      ADD_FAILURE() << "cannot start PostgreSQL: " << error.what();
    }
  }
  return ServerSlot().get();
}

std::string PostgresEnvironment::NewDatabase() {
  static std::atomic<int> counter = 0;
  reghub::testing::PostgresServer* server = Server();
  if (server == nullptr) {
    ADD_FAILURE() << "no PostgreSQL server";
    return "postgresql://127.0.0.1:1/none";
  }
  const std::string name = "test_" + std::to_string(++counter);
  auto admin = PgDatabase::Open(server->Uri("postgres"), {.max_connections = 1});
  if (!admin.ok()) {
    ADD_FAILURE() << admin.error().message;
    return server->Uri(name);
  }
  auto lease = (*admin)->Acquire();
  Status created = lease.ok() ? (*lease)->ExecuteScript("CREATE DATABASE " + name)
                              : Status(lease.error());
  if (!created.ok()) ADD_FAILURE() << created.error().message;
  return server->Uri(name);
}

}  // namespace reghub::store::testing
