#include "store/open_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "store/migrations.h"
#include "store/postgres/pg_database.h"
#include "store/sql_store.h"
#include "store/sqlite/sqlite_database.h"

namespace reghub::store {
namespace {

bool IsPostgres(const std::string& database) {
  return database.starts_with("postgres://") || database.starts_with("postgresql://");
}

Result<std::string> SqlitePath(const std::string& database) {
  std::string path = database;
  if (path.starts_with("sqlite://")) {
    path = path.substr(9);
  } else if (path.starts_with("sqlite:")) {
    path = path.substr(7);
  } else if (path.find("://") != std::string::npos) {
    return Error::InvalidArgument(
        "unsupported database \"" + path.substr(0, path.find("://") + 3) +
        "…\": use sqlite:<path>, a file path, or postgres://user@host/db");
  }
  if (path.empty()) return Error::InvalidArgument("the database path is empty");
  return path;
}

Result<std::unique_ptr<SqlDatabase>> OpenDatabase(const std::string& database) {
  if (IsPostgres(database)) {
    REGHUB_ASSIGN_OR_RETURN(auto pg, PgDatabase::Open(database));
    return std::unique_ptr<SqlDatabase>(std::move(pg));
  }
  REGHUB_ASSIGN_OR_RETURN(std::string path, SqlitePath(database));
  REGHUB_ASSIGN_OR_RETURN(auto sqlite, SqliteDatabase::Open(path));
  return std::unique_ptr<SqlDatabase>(std::move(sqlite));
}

// An exclusive advisory lock on "<path>.lock", held while the result lives.
Result<std::shared_ptr<void>> LockDatabaseFile(const std::string& path) {
  const std::string lock_path = path + ".lock";
  int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error::Unavailable("cannot open lock file " + lock_path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) {
      return Error::Unavailable("another reghub process is using " + path +
                                " (it holds " + lock_path + "); stop it or use another --data");
    }
    return Error::Unavailable("cannot lock " + lock_path + ": " + std::strerror(error));
  }
  return std::shared_ptr<void>(new int(fd), [](void* held) {
    int* descriptor = static_cast<int*>(held);
    ::close(*descriptor);
    delete descriptor;
  });
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& database, OpenStoreOptions options) {
  SqlStoreOptions store_options;
  if (options.sole_writer && !IsPostgres(database)) {
    REGHUB_ASSIGN_OR_RETURN(std::string path, SqlitePath(database));
    REGHUB_ASSIGN_OR_RETURN(store_options.ownership, LockDatabaseFile(path));
    store_options.sole_writer = true;
  }
  REGHUB_ASSIGN_OR_RETURN(std::unique_ptr<SqlDatabase> sql, OpenDatabase(database));
  REGHUB_RETURN_IF_ERROR(ApplyMigrations(*sql));
  return std::unique_ptr<Store>(std::make_unique<SqlStore>(std::move(sql), std::move(store_options)));
}

}  // namespace reghub::store
