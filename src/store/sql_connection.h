#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace reghub::store {

// A value bound to or read from SQL. Blobs are distinguished from text so
// that sealed bytes are never treated as UTF-8.
struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};
using SqlValue = std::variant<std::nullptr_t, std::int64_t, std::string, Blob>;

class SqlRow {
 public:
  explicit SqlRow(std::vector<SqlValue> values) : values_(std::move(values)) {}
  bool IsNull(std::size_t column) const;
  std::int64_t Int(std::size_t column) const;        // 0 for NULL
  const std::string& Text(std::size_t column) const; // "" for NULL
  const std::string& Bytes(std::size_t column) const;// blob or text bytes
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<SqlValue> values_;
};

// Which SQL the store must speak where the engines differ.
enum class SqlDialect { kSqlite, kPostgres };

// One connection to the database. SQL is written with `?` placeholders; the
// PostgreSQL implementation rewrites them to $1, $2, ... Constraint
// violations come back as already_exists with the constraint's column or
// index name in the message; other failures as internal/unavailable with the
// engine's message (which never contains bound values).
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql,
                                            std::span<const SqlValue> params = {}) = 0;
  // Returns the number of rows changed.
  virtual Result<std::int64_t> Execute(std::string_view sql,
                                       std::span<const SqlValue> params = {}) = 0;
  virtual Status ExecuteScript(std::string_view sql) = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
};

// A pool of connections. Acquire() blocks until one is free.
class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;
  class Lease {
   public:
    Lease(SqlDatabase* owner, std::unique_ptr<SqlConnection> connection)
        : owner_(owner), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    // Returns the connection held so far to its pool before taking over.
    Lease& operator=(Lease&& other) noexcept {
      if (this != &other) {
        if (owner_ && connection_) owner_->Release(std::move(connection_));
        owner_ = other.owner_;
        connection_ = std::move(other.connection_);
      }
      return *this;
    }
    ~Lease() { if (owner_ && connection_) owner_->Release(std::move(connection_)); }
    SqlConnection* operator->() const { return connection_.get(); }
    SqlConnection& operator*() const { return *connection_; }

   private:
    SqlDatabase* owner_;
    std::unique_ptr<SqlConnection> connection_;
  };
  virtual Result<Lease> Acquire() = 0;
  virtual SqlDialect dialect() const = 0;

 protected:
  virtual void Release(std::unique_ptr<SqlConnection> connection) = 0;
};

}  // namespace reghub::store
