#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "store/postgres/pg_database.h"
#include "support/postgres_server.h"

namespace reghub::store::testing {

// One PostgreSQL server for the whole test binary, started by the first test
// that asks for a database and stopped when all tests have run (the
// environment is registered in postgres_environment.cc), with a fresh
// database handed to each test.
class PostgresEnvironment : public ::testing::Environment {
 public:
  void TearDown() override;

  // The server, started on first use; nullptr (and a test failure saying
  // why) when it cannot start.
  static reghub::testing::PostgresServer* Server();
  // Creates an empty database and returns its connection URI.
  static std::string NewDatabase();
};

// The engine for the conformance suites.
struct PostgresEngine {
  std::string NewDatabase() { return PostgresEnvironment::NewDatabase(); }
};

}  // namespace reghub::store::testing
