#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sql_connection.h"

namespace reghub::store {

// The connection pool shared by the engines: connections are opened lazily,
// one per concurrent user, up to `max_connections`; Acquire() blocks while all
// of them are leased. A connection handed back in a bad state (inside a
// transaction, or broken) is closed instead of reused. Safe for concurrent
// use. Every Lease must be returned before the database is destroyed.
class PooledDatabase : public SqlDatabase {
 public:
  static constexpr std::size_t kDefaultMaxConnections = 16;

  explicit PooledDatabase(std::size_t max_connections);
  ~PooledDatabase() override;

  Result<Lease> Acquire() override;

  // Connections currently open (leased or idle): for tests and metrics.
  std::size_t OpenConnections() const;

 protected:
  // Opens one new connection to the database.
  virtual Result<std::unique_ptr<SqlConnection>> Connect() = 0;
  // Whether a returned connection can serve the next user. Engines reset
  // what they can (an open transaction is rolled back) and say no otherwise.
  virtual bool PrepareForReuse(SqlConnection& connection) = 0;
  // Hands back a connection that Connect() made before the pool takes it,
  // so the first connection can be used by the factory (migrations, pragmas).
  void AddIdle(std::unique_ptr<SqlConnection> connection);

  void Release(std::unique_ptr<SqlConnection> connection) override;

 private:
  const std::size_t max_connections_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace reghub::store
