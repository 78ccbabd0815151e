#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace reghub::cli::testing {

// What one run of the CLI binary did.
struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;

  // stdout and stderr together, for "never printed" checks.
  std::string all() const { return out + err; }
};

// Runs the real `reghub` binary (REGHUB_BINARY) as a user would: with HOME
// and XDG_CONFIG_HOME pointing into a private temporary directory (removed
// on destruction), REGHUB_SERVER/REGHUB_TOKEN unset unless given, stdin fed
// from a string (so it is never a terminal). Each Run waits for the process
// to exit (killed after 60 s).
class CliRunner {
 public:
  CliRunner();
  CliRunner(const CliRunner&) = delete;
  CliRunner& operator=(const CliRunner&) = delete;
  ~CliRunner();

  CliRun Run(const std::vector<std::string>& args, const std::string& stdin_text = "",
             const std::map<std::string, std::string>& extra_env = {}) const;

  const std::filesystem::path& home() const { return home_; }
  std::filesystem::path config_path() const { return home_ / "config" / "reghub" / "config.json"; }
  // Writes a file under the home directory and returns its path.
  std::filesystem::path WriteFile(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path home_;
};

}  // namespace reghub::cli::testing
