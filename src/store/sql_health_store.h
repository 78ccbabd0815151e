#pragma once

#include "store/health_store.h"
#include "store/sql_connection.h"

namespace reghub::store {

// The HealthStore over the hub's SqlDatabase (SQLite or PostgreSQL; the same
// SQL for both). REQUIRES: the database is migrated to version 3 or later.
// "Newest" orders by checked_at, then by id. Safe for concurrent use: each
// call leases its own connection. The database must outlive the store.
class SqlHealthStore final : public HealthStore {
 public:
  explicit SqlHealthStore(SqlDatabase& database) : database_(database) {}

  Status Record(const HealthCheckRecord& check, int keep) override;
  Result<std::vector<HealthCheckRecord>> History(const std::string& registry_id,
                                                 int limit) override;
  Result<std::vector<RegistryHealth>> Latest() override;

 private:
  SqlDatabase& database_;
};

}  // namespace reghub::store
