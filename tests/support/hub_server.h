#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/http_client.h"

namespace reghub::testing {

// How to start a hub. With `admin_password` set, REGHUB_ADMIN_PASSWORD is
// given to the server; with nullopt the variable is removed from its
// environment, so a first start generates and prints a one-time password.
struct HubServerOptions {
  std::optional<std::string> admin_password = std::string("correct-horse-battery-staple-1");
  std::vector<std::string> extra_args;
  std::map<std::string, std::string> extra_env;
  std::chrono::milliseconds ready_timeout = std::chrono::seconds(30);
};

// The real `reghub serve` binary (REGHUB_BINARY) as a test fixture: started as
// `reghub serve --listen 127.0.0.1:<free port> --data <root>/data` in a fresh
// temporary root, which the fixture removes on destruction. The data directory
// itself does not exist before the first start, so the server creates it.
// stdout and stderr go to <root>/server.log (appended across restarts).
// Start() waits until GET /readyz answers 200. The destructor stops the server
// (SIGTERM, then SIGKILL) and deletes the root. Not safe for concurrent use;
// start it from the test's main thread (see ChildProcess).
class HubServer {
 public:
  explicit HubServer(HubServerOptions options = {});
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;
  ~HubServer();

  // Starts the server on a new free port and waits for readiness. Returns ""
  // on success, else what went wrong with the log's tail.
  std::string Start();
  // SIGTERM and wait (SIGKILL after `grace`); the exit code (128+signal when killed).
  int Stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  // Stop() then Start() on the same data directory.
  std::string Restart();
  bool IsRunning() { return process_.IsRunning(); }
  ChildProcess& process() { return process_; }

  std::uint16_t port() const { return port_; }
  // "http://127.0.0.1:<port>"
  std::string base_url() const;
  // base_url() + path ("/api/v1/registries").
  std::string Url(const std::string& path) const;
  const std::filesystem::path& root() const { return root_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  std::filesystem::path log_path() const { return root_ / "server.log"; }
  // Everything the server wrote to stdout and stderr, over all starts.
  std::string LogText() const;
  // What the server wrote since the last Start().
  std::string LastRunLogText() const;

  const std::string& admin_username() const { return admin_username_; }
  // The password given in the environment, or the generated one once
  // AdminToken() has found it in the log; "" when neither is known.
  std::string admin_password() const;
  // POST /api/v1/auth/login; the token, or "" when login did not answer 200.
  std::string Login(const std::string& username, const std::string& password);
  // Login as the admin, cached until Restart().
  std::string AdminToken();

  // Candidates for the generated admin password printed on first start: every
  // word of 12+ characters after the word "password" on a log line, or on the
  // three lines below it. Tests try them with Login().
  std::vector<std::string> GeneratedPasswordCandidates() const;

 private:
  HubServerOptions options_;
  std::filesystem::path root_;
  std::filesystem::path data_dir_;
  std::uint16_t port_ = 0;
  std::uintmax_t log_offset_ = 0;
  std::string admin_username_ = "admin";
  std::string generated_password_;
  std::string admin_token_;
  ChildProcess process_;
};

// Reads a whole file as bytes ("" when it cannot be read).
std::string ReadFileBytes(const std::filesystem::path& path);

}  // namespace reghub::testing
