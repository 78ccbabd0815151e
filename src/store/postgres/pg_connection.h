#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <libpq-fe.h>

#include "store/sql_connection.h"

namespace reghub::store {

// Rewrites `?` placeholders to $1, $2, ... outside string literals, quoted
// identifiers and comments; `count` receives the number of placeholders.
std::string RewritePlaceholdersForPostgres(std::string_view sql, int* count = nullptr);

// One libpq connection with its cache of named prepared statements. Used by
// one thread at a time (the pool hands it out). Blobs travel as binary bytea
// parameters; results are read in text format and bytea unescaped to Blob.
// Errors carry PostgreSQL's primary message (never its DETAIL, which can
// quote row values) and, for constraint violations, the constraint's name.
// Codes: unique violation -> already_exists; other integrity violations
// (foreign key, check, not null) -> failed_precondition; data exceptions
// (invalid UTF-8, out of range) -> invalid_argument; connection loss,
// shutdown, deadlock or serialization failure -> unavailable; else internal.
class PgConnection final : public SqlConnection {
 public:
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& conninfo);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    std::span<const SqlValue> params = {}) override;
  Result<std::int64_t> Execute(std::string_view sql,
                               std::span<const SqlValue> params = {}) override;
  Status ExecuteScript(std::string_view sql) override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;

  // Whether the connection is usable and outside any transaction after
  // rolling back whatever was left open.
  bool ResetForReuse();

 private:
  struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
  };
  using PgResult = std::unique_ptr<PGresult, ResultDeleter>;
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  // Runs `sql` as a cached prepared statement; the result has status
  // PGRES_TUPLES_OK or PGRES_COMMAND_OK.
  Result<PgResult> Run(std::string_view sql, std::span<const SqlValue> params);
  Result<PgResult> Check(PgResult result) const;
  Status Simple(const char* sql);

  static constexpr std::size_t kMaxCachedStatements = 256;
  PGconn* conn_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> statements_;
  std::size_t next_statement_ = 0;
};

}  // namespace reghub::store
