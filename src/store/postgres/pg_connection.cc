#include "store/postgres/pg_connection.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

namespace reghub::store {
namespace {

constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;

std::string Trimmed(const char* text) {
  std::string message = text == nullptr ? "" : text;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

SqlValue ReadValue(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return nullptr;
  const char* text = PQgetvalue(result, row, column);
  auto length = static_cast<std::size_t>(PQgetlength(result, row, column));
  switch (PQftype(result, column)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid: {
      std::int64_t number = 0;
      std::from_chars(text, text + length, number);
      return number;
    }
    case kBoolOid:
      return static_cast<std::int64_t>(length > 0 && text[0] == 't' ? 1 : 0);
    case kByteaOid: {
      std::size_t size = 0;
      unsigned char* bytes =
          PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &size);
      if (bytes == nullptr) return Blob{};
      Blob blob{std::string(reinterpret_cast<const char*>(bytes), size)};
      PQfreemem(bytes);
      return blob;
    }
    default:
      return std::string(text, length);
  }
}

}  // namespace

std::string RewritePlaceholdersForPostgres(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int placeholders = 0;
  std::size_t i = 0;
  auto copy_until = [&](std::string_view terminator) {
    std::size_t end = sql.find(terminator, i);
    end = end == std::string_view::npos ? sql.size() : end + terminator.size();
    out.append(sql.substr(i, end - i));
    i = end;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // A quoted literal or identifier; a doubled quote stays inside it.
      std::size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == c) {
          if (end + 1 < sql.size() && sql[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      end = std::min(end + 1, sql.size());
      out.append(sql.substr(i, end - i));
      i = end;
    } else if (sql.substr(i, 2) == "--") {
      copy_until("\n");
    } else if (sql.substr(i, 2) == "/*") {
      copy_until("*/");
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++placeholders);
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  if (count != nullptr) *count = placeholders;
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Error::Unavailable("cannot connect to PostgreSQL: out of memory");
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    return Error::Unavailable("cannot connect to PostgreSQL: " + Trimmed(PQerrorMessage(conn)));
  }
  // Notices ("relation already exists, skipping") are not errors: drop them
  // instead of letting libpq print them to stderr.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  REGHUB_RETURN_IF_ERROR(connection->Simple("SET client_encoding = 'UTF8'"));
  return connection;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Result<PgConnection::PgResult> PgConnection::Check(PgResult result) const {
  if (result == nullptr || PQstatus(conn_) == CONNECTION_BAD) {
    return Error::Unavailable("PostgreSQL: " + Trimmed(PQerrorMessage(conn_)));
  }
  ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  const char* sqlstate_field = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
  std::string sqlstate = sqlstate_field == nullptr ? "" : sqlstate_field;
  std::string message =
      "PostgreSQL: " + Trimmed(PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY));
  if (const char* constraint = PQresultErrorField(result.get(), PG_DIAG_CONSTRAINT_NAME)) {
    message += " (constraint " + std::string(constraint) + ")";
  }
  if (sqlstate == "23505") return Error::AlreadyExists(std::move(message));
  if (sqlstate.starts_with("23")) return Error::FailedPrecondition(std::move(message));
  // Data exceptions: text that is not UTF-8, a number out of range.
  if (sqlstate.starts_with("22")) return Error::InvalidArgument(std::move(message));
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57") || sqlstate == "40001" ||
      sqlstate == "40P01" || sqlstate == "53300") {
    return Error::Unavailable(std::move(message));
  }
  return Error::Internal(std::move(message));
}

Status PgConnection::Simple(const char* sql) {
  Result<PgResult> result = Check(PgResult(PQexec(conn_, sql)));
  if (!result.ok()) return result.error();
  return Status::Ok();
}

Result<PgConnection::PgResult> PgConnection::Run(std::string_view sql,
                                                 std::span<const SqlValue> params) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    if (statements_.size() >= kMaxCachedStatements) {
      statements_.clear();
      (void)Simple("DEALLOCATE ALL");
    }
    int count = 0;
    std::string rewritten = RewritePlaceholdersForPostgres(sql, &count);
    std::string name = "reghub_" + std::to_string(next_statement_++);
    REGHUB_ASSIGN_OR_RETURN(
        PgResult prepared,
        Check(PgResult(PQprepare(conn_, name.c_str(), rewritten.c_str(), count, nullptr))));
    found = statements_.emplace(std::string(sql), std::move(name)).first;
  }
  std::vector<std::string> numbers(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const SqlValue& param = params[i];
    if (const auto* number = std::get_if<std::int64_t>(&param)) {
      numbers[i] = std::to_string(*number);
      values[i] = numbers[i].c_str();
    } else if (const auto* text = std::get_if<std::string>(&param)) {
      if (text->find('\0') != std::string::npos) {
        return Error::Internal("PostgreSQL: a text parameter contains a NUL byte; use a Blob");
      }
      values[i] = text->c_str();
    } else if (const auto* blob = std::get_if<Blob>(&param)) {
      values[i] = blob->bytes.data();
      lengths[i] = static_cast<int>(blob->bytes.size());
      formats[i] = 1;  // binary: bytea's binary form is the raw bytes
    }
  }
  return Check(PgResult(PQexecPrepared(conn_, found->second.c_str(),
                                       static_cast<int>(params.size()), values.data(),
                                       lengths.data(), formats.data(), 0)));
}

Result<std::vector<SqlRow>> PgConnection::Query(std::string_view sql,
                                                std::span<const SqlValue> params) {
  REGHUB_ASSIGN_OR_RETURN(PgResult result, Run(sql, params));
  const int rows = PQntuples(result.get());
  const int columns = PQnfields(result.get());
  std::vector<SqlRow> out;
  out.reserve(static_cast<std::size_t>(rows));
  for (int row = 0; row < rows; ++row) {
    std::vector<SqlValue> values;
    values.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      values.push_back(ReadValue(result.get(), row, column));
    }
    out.emplace_back(std::move(values));
  }
  return out;
}

Result<std::int64_t> PgConnection::Execute(std::string_view sql,
                                           std::span<const SqlValue> params) {
  REGHUB_ASSIGN_OR_RETURN(PgResult result, Run(sql, params));
  const char* tuples = PQcmdTuples(result.get());
  std::int64_t changed = 0;
  if (tuples != nullptr) std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), changed);
  return changed;
}

Status PgConnection::ExecuteScript(std::string_view sql) {
  std::string script(sql);
  return Simple(script.c_str());
}

Status PgConnection::Begin() { return Simple("BEGIN"); }
Status PgConnection::Commit() { return Simple("COMMIT"); }
Status PgConnection::Rollback() { return Simple("ROLLBACK"); }

bool PgConnection::ResetForReuse() {
  if (PQstatus(conn_) != CONNECTION_OK) return false;
  switch (PQtransactionStatus(conn_)) {
    case PQTRANS_IDLE:
      return true;
    case PQTRANS_INTRANS:
    case PQTRANS_INERROR:
      return Rollback().ok() && PQtransactionStatus(conn_) == PQTRANS_IDLE;
    default:
      return false;
  }
}

}  // namespace reghub::store
