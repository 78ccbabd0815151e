#include "store/pooled_database.h"

#include <algorithm>
#include <utility>

namespace reghub::store {

PooledDatabase::PooledDatabase(std::size_t max_connections)
    : max_connections_(std::max<std::size_t>(1, max_connections)) {}

PooledDatabase::~PooledDatabase() = default;

Result<SqlDatabase::Lease> PooledDatabase::Acquire() {
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
      std::unique_ptr<SqlConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_;  // reserve a slot, then connect without holding the lock
  }
  Result<std::unique_ptr<SqlConnection>> connection = Connect();
  if (!connection.ok()) {
    std::lock_guard lock(mutex_);
    --open_;
    available_.notify_one();
    return connection.error();
  }
  return Lease(this, std::move(connection).value());
}

std::size_t PooledDatabase::OpenConnections() const {
  std::lock_guard lock(mutex_);
  return open_;
}

void PooledDatabase::AddIdle(std::unique_ptr<SqlConnection> connection) {
  std::lock_guard lock(mutex_);
  ++open_;
  idle_.push_back(std::move(connection));
  available_.notify_one();
}

void PooledDatabase::Release(std::unique_ptr<SqlConnection> connection) {
  bool reusable = PrepareForReuse(*connection);
  if (!reusable) connection.reset();  // close outside the lock
  std::lock_guard lock(mutex_);
  if (reusable) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  available_.notify_one();
}

}  // namespace reghub::store
