#include "support/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

extern char** environ;

namespace reghub::testing {
namespace {

int OpenOutput(const std::filesystem::path& path) {
  if (path.empty()) return ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

std::vector<std::string> BuildEnvironment(const ChildProcessSpec& spec) {
  std::map<std::string, std::string> merged;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    merged[std::string(text.substr(0, equals))] = std::string(text.substr(equals + 1));
  }
  for (const auto& name : spec.unset_env) merged.erase(name);
  for (const auto& [name, value] : spec.env) merged[name] = value;
  std::vector<std::string> result;
  result.reserve(merged.size());
  for (const auto& [name, value] : merged) result.push_back(name + "=" + value);
  return result;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  pointers.reserve(strings.size() + 1);
  for (auto& text : strings) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      exited_(std::exchange(other.exited_, false)),
      exit_code_(std::exchange(other.exit_code_, -1)) {}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
  if (this != &other) {
    if (started() && !exited_) Stop();
    pid_ = std::exchange(other.pid_, -1);
    exited_ = std::exchange(other.exited_, false);
    exit_code_ = std::exchange(other.exit_code_, -1);
  }
  return *this;
}

ChildProcess::~ChildProcess() {
  if (started() && !exited_) Stop(std::chrono::seconds(5));
}

std::string ChildProcess::Start(const ChildProcessSpec& spec) {
  if (started() && !exited_) return "a process is already running";
  std::vector<std::string> argv_strings{spec.program.string()};
  argv_strings.insert(argv_strings.end(), spec.args.begin(), spec.args.end());
  std::vector<std::string> env_strings = BuildEnvironment(spec);
  std::vector<char*> argv = Pointers(argv_strings);
  std::vector<char*> envp = Pointers(env_strings);

  int out = OpenOutput(spec.stdout_path);
  int err = OpenOutput(spec.stderr_path);
  int status_pipe[2];
  if (out < 0 || err < 0 || ::pipe2(status_pipe, O_CLOEXEC) != 0) {
    std::string message = std::string("cannot open output files: ") + std::strerror(errno);
    if (out >= 0) ::close(out);
    if (err >= 0) ::close(err);
    return message;
  }
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    if (!spec.working_dir.empty() && ::chdir(spec.working_dir.c_str()) != 0) {
      int error = errno;
      (void)!::write(status_pipe[1], &error, sizeof(error));
      ::_exit(127);
    }
    ::execve(argv[0], argv.data(), envp.data());
    int error = errno;
    (void)!::write(status_pipe[1], &error, sizeof(error));
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  ::close(status_pipe[1]);
  if (pid < 0) {
    ::close(status_pipe[0]);
    return std::string("fork failed: ") + std::strerror(errno);
  }
  int child_errno = 0;
  ssize_t got;
  do {
    got = ::read(status_pipe[0], &child_errno, sizeof(child_errno));
  } while (got < 0 && errno == EINTR);
  ::close(status_pipe[0]);
  pid_ = pid;
  exited_ = false;
  exit_code_ = -1;
  if (got == sizeof(child_errno)) {
    WaitFor(std::chrono::seconds(5));
    return "cannot exec " + spec.program.string() + ": " + std::strerror(child_errno);
  }
  return "";
}

void ChildProcess::Reap(int status) {
  exited_ = true;
  if (WIFEXITED(status)) {
    exit_code_ = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    exit_code_ = 128 + WTERMSIG(status);
  }
}

bool ChildProcess::IsRunning() {
  if (!started() || exited_) return false;
  int status = 0;
  pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    Reap(status);
    return false;
  }
  return done == 0;
}

void ChildProcess::Signal(int signal) {
  if (IsRunning()) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::WaitFor(std::chrono::milliseconds timeout) {
  if (!started()) return std::nullopt;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds(1);
  while (IsRunning()) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
  return exit_code_;
}

int ChildProcess::Stop(std::chrono::milliseconds grace) {
  if (!started()) return -1;
  Signal(SIGTERM);
  if (!WaitFor(grace).has_value()) {
    Signal(SIGKILL);
    WaitFor(std::chrono::seconds(10));
  }
  return exit_code_;
}

}  // namespace reghub::testing
