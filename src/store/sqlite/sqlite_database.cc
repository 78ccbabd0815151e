#include "store/sqlite/sqlite_database.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "store/sqlite/sqlite_connection.h"

namespace reghub::store {
namespace {

// Creates the file with mode 0600 unless it exists, so that SQLite (which
// gives -wal and -shm the database file's mode) never makes a readable copy.
Status CreatePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error::Unavailable("cannot create SQLite database " + path + ": " +
                              std::strerror(errno));
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, SqliteOptions options)
    : PooledDatabase(options.max_connections), path_(std::move(path)), options_(options) {}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                             SqliteOptions options) {
  if (path.empty()) return Error::InvalidArgument("the SQLite database path is empty");
  if (path == ":memory:" || path.starts_with("file:")) {
    return Error::InvalidArgument("the SQLite database must be a file path, not " + path);
  }
  REGHUB_RETURN_IF_ERROR(CreatePrivateFile(path));
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(path, options));
  REGHUB_ASSIGN_OR_RETURN(auto first, SqliteConnection::Open(path, options.busy_timeout_ms));
  // The journal mode is a property of the file: set once, kept by all.
  REGHUB_ASSIGN_OR_RETURN(auto mode, first->Query("PRAGMA journal_mode = WAL"));
  if (mode.empty() || mode.front().Text(0) != "wal") {
    return Error::Unavailable("cannot switch SQLite database " + path + " to WAL mode");
  }
  database->AddIdle(std::move(first));
  return database;
}

Result<std::unique_ptr<SqlConnection>> SqliteDatabase::Connect() {
  REGHUB_ASSIGN_OR_RETURN(auto connection, SqliteConnection::Open(path_, options_.busy_timeout_ms));
  return std::unique_ptr<SqlConnection>(std::move(connection));
}

bool SqliteDatabase::PrepareForReuse(SqlConnection& connection) {
  auto& sqlite = static_cast<SqliteConnection&>(connection);
  if (!sqlite.InTransaction()) return true;
  return sqlite.Rollback().ok() && !sqlite.InTransaction();
}

}  // namespace reghub::store
