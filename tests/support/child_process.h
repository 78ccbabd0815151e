#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace reghub::testing {

// What to run: the program, its arguments (without argv[0]), and its
// environment. The child inherits the test's environment, minus the names in
// `unset_env`, plus `env` (which overrides). stdout and stderr are appended to
// the given files (created when missing); an empty path means /dev/null.
struct ChildProcessSpec {
  std::filesystem::path program;
  std::vector<std::string> args;
  std::map<std::string, std::string> env;
  std::vector<std::string> unset_env;
  std::filesystem::path stdout_path;
  std::filesystem::path stderr_path;
  std::filesystem::path working_dir;  // empty: the test's
};

// A child process owned by a test (RAII). Started with fork/exec; the child
// gets SIGKILL if the thread that started it dies, so a crashed test leaves no
// server behind (start children from the test's main thread). The destructor
// stops a running child: SIGTERM, then SIGKILL after a grace period, then reaps
// it. Not copyable; movable. Not safe for concurrent use.
class ChildProcess {
 public:
  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;
  ~ChildProcess();

  // Starts the process. Returns "" on success, else a description of what
  // failed (exec failures are reported here too, not as exit code 127).
  std::string Start(const ChildProcessSpec& spec);

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  // True while the process has not exited (reaps it when it has).
  bool IsRunning();
  // Sends `signal` if the process is still running.
  void Signal(int signal);
  // Waits for exit up to `timeout`; the exit status as from ExitCode(), or
  // nullopt when it is still running.
  std::optional<int> WaitFor(std::chrono::milliseconds timeout);
  // SIGTERM, wait up to `grace`, then SIGKILL and wait. Returns ExitCode().
  int Stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

  // After exit: the exit code for a normal exit, 128 + signal for a signal
  // death (as a shell shows it). -1 while running or never started.
  int ExitCode() const { return exit_code_; }

 private:
  void Reap(int status);

  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
};

}  // namespace reghub::testing
