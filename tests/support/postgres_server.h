#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "support/temp_dir.h"

namespace reghub::testing {

// A PostgreSQL server of the test's own (Debian's postgresql package), in a
// temporary directory, listening on 127.0.0.1 on a free port, with trust
// authentication for the superuser "reghub" and durability switched off for
// speed. When the test runs as root (as in CI) initdb and the server run as
// the "postgres" system user, since PostgreSQL refuses to run as root.
// Start() blocks until the server accepts connections; the destructor makes
// a fast shutdown, waits for it, and removes the directory. Starting takes
// about a second: share one server per test binary (a gtest Environment).
// The server binaries are taken from $REGHUB_PG_BINDIR, else the newest
// /usr/lib/postgresql/<version>/bin.
class PostgresServer {
 public:
  // Throws std::runtime_error with the tail of the server's log on failure.
  static std::unique_ptr<PostgresServer> Start();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  ~PostgresServer();

  std::uint16_t port() const { return port_; }
  // A libpq connection URI for `database` as the superuser.
  std::string Uri(std::string_view database = "postgres") const;

 private:
  PostgresServer() = default;
  // Launches the server on `port_` and waits until it is ready; false when
  // it exited early (a port taken since it was picked), true once ready.
  bool Launch();
  void Shutdown();

  // Under /tmp whatever $TMPDIR says: the postgres user must reach it, and
  // the socket path must stay short.
  TempDir dir_{"reghub-pg", "/tmp"};
  std::filesystem::path bin_dir_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace reghub::testing
