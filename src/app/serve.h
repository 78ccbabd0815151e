#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace reghub::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";       // host:port; [v6]:port
  std::filesystem::path data_dir = "./reghub-data";
  std::string database;                         // "" = SQLite in data_dir; or postgres://…
  int threads = 0;                              // 0 = one per core
  bool access_log = true;
  std::chrono::seconds health_interval{300};  // between health-check rounds; 0: none
  int health_concurrency = 8;                 // health checks running at once
  // The built web UI served at / (web/dist of a build); empty: API only.
  std::filesystem::path web_dir;
};

// `reghub serve`: prepares the data directory (0700), the master key (0600),
// the database (migrated) and the first administrator (password from
// $REGHUB_ADMIN_PASSWORD, else generated and printed once), then serves the
// API until SIGINT/SIGTERM. Returns the process exit code.
int RunServe(const ServeOptions& options);

}  // namespace reghub::app
