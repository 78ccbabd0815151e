#include "integration/cli/cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

extern char** environ;

namespace reghub::cli::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

CliRunner::CliRunner() {
  std::string pattern = (fs::temp_directory_path() / "reghub-cli-it-XXXXXX").string();
  home_ = ::mkdtemp(pattern.data());
}

CliRunner::~CliRunner() {
  std::error_code ec;
  fs::remove_all(home_, ec);
}

fs::path CliRunner::WriteFile(const std::string& name, const std::string& content) const {
  fs::path path = home_ / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

CliRun CliRunner::Run(const std::vector<std::string>& args, const std::string& stdin_text,
                      const std::map<std::string, std::string>& extra_env) const {
  static int counter = 0;
  std::string tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  fs::path in_path = home_ / ("stdin-" + tag);
  fs::path out_path = home_ / ("stdout-" + tag);
  fs::path err_path = home_ / ("stderr-" + tag);
  std::ofstream(in_path, std::ios::binary) << stdin_text;

  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string text = *entry;
    auto eq = text.find('=');
    if (eq != std::string::npos) env[text.substr(0, eq)] = text.substr(eq + 1);
  }
  env.erase("REGHUB_SERVER");
  env.erase("REGHUB_TOKEN");
  env["HOME"] = home_.string();
  env["XDG_CONFIG_HOME"] = (home_ / "config").string();
  for (const auto& [name, value] : extra_env) env[name] = value;
  std::vector<std::string> env_strings;
  for (const auto& [name, value] : env) env_strings.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& text : env_strings) envp.push_back(text.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_strings = {REGHUB_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& text : argv_strings) argv.push_back(text.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  // A new session: no controlling terminal, as in CI.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
  pid_t pid = -1;
  int spawned = posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);

  CliRun run;
  if (spawned != 0) {
    run.err = "cannot start " + std::string(REGHUB_BINARY);
    return run;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = ReadAll(out_path);
  run.err = ReadAll(err_path);
  std::error_code ec;
  fs::remove(in_path, ec);
  fs::remove(out_path, ec);
  fs::remove(err_path, ec);
  return run;
}

}  // namespace reghub::cli::testing
