#include "support/postgres_server.h"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/free_port.h"

extern char** environ;

namespace reghub::testing {
namespace {

constexpr int kLaunchAttempts = 3;
constexpr auto kReadyTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(30);

// Who the server runs as: ourselves, or "postgres" when we are root.
struct Identity {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

Identity ServerIdentity() {
  Identity identity;
  if (::geteuid() != 0) return identity;
  const passwd* user = ::getpwnam("postgres");
  if (user == nullptr) {
    throw std::runtime_error("running as root needs the \"postgres\" system user (apt install postgresql)");
  }
  identity.switch_user = true;
  identity.uid = user->pw_uid;
  identity.gid = user->pw_gid;
  return identity;
}

std::filesystem::path FindBinDir() {
  if (const char* configured = std::getenv("REGHUB_PG_BINDIR"); configured && *configured) {
    return configured;
  }
  std::filesystem::path best;
  int best_version = -1;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && std::filesystem::exists(entry.path() / "bin" / "postgres")) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (best.empty()) {
    throw std::runtime_error("no PostgreSQL server under /usr/lib/postgresql (apt install postgresql)");
  }
  return best;
}

std::string LogTail(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  std::string all = text.str();
  return all.size() > 2000 ? all.substr(all.size() - 2000) : all;
}

// Starts `argv` with stdout and stderr appended to `log`, as `identity`,
// in `cwd`, with the C locale. The child gets SIGQUIT (PostgreSQL's
// immediate shutdown) if the starting thread dies first.
pid_t Spawn(std::vector<std::string> argv, const std::filesystem::path& log,
            const std::filesystem::path& cwd, const Identity& identity) {
  std::vector<std::string> env = {"LC_ALL=C", "LANG=C"};
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    if (!text.starts_with("LC_") && !text.starts_with("LANG=") && !text.starts_with("PG")) {
      env.emplace_back(text);
    }
  }
  auto pointers = [](std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& text : strings) out.push_back(text.data());
    out.push_back(nullptr);
    return out;
  };
  std::vector<char*> argv_pointers = pointers(argv);
  std::vector<char*> env_pointers = pointers(env);
  int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) throw std::runtime_error("cannot open " + log.string());
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) {
    int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    if (identity.switch_user &&
        (::setgroups(0, nullptr) != 0 || ::setgid(identity.gid) != 0 ||
         ::setuid(identity.uid) != 0)) {
      ::_exit(126);
    }
    ::prctl(PR_SET_PDEATHSIG, SIGQUIT);  // after setuid, which clears it
    if (::getppid() != parent) ::_exit(126);
    ::execve(argv_pointers[0], argv_pointers.data(), env_pointers.data());
    ::_exit(127);
  }
  ::close(log_fd);
  return pid;
}

// Reaps `pid` if it has exited; true when it has.
bool HasExited(pid_t pid, int* status) { return ::waitpid(pid, status, WNOHANG) == pid; }

bool IsReady(const std::filesystem::path& pid_file) {
  // Line 8 of postmaster.pid is the server's state; "ready" once it accepts
  // connections (PostgreSQL 10 and later).
  std::ifstream in(pid_file);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (number == 8) return line.starts_with("ready");
  }
  return false;
}

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::Start() {
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->bin_dir_ = FindBinDir();
  const Identity identity = ServerIdentity();
  const std::filesystem::path dir = server->dir_.path();
  if (identity.switch_user && ::chown(dir.c_str(), identity.uid, identity.gid) != 0) {
    throw std::runtime_error("cannot hand " + dir.string() + " to the postgres user");
  }
  const std::filesystem::path log = dir / "initdb.log";
  pid_t initdb = Spawn({(server->bin_dir_ / "initdb").string(), "-D", (dir / "data").string(),
                        "-U", "reghub", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"},
                       log, dir, identity);
  int status = 0;
  ::waitpid(initdb, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("initdb failed:\n" + LogTail(log));
  }
  for (int attempt = 0; attempt < kLaunchAttempts; ++attempt) {
    server->port_ = PickFreePort();
    if (server->port_ != 0 && server->Launch()) return server;
  }
  throw std::runtime_error("PostgreSQL did not start:\n" + LogTail(dir / "server.log"));
}

bool PostgresServer::Launch() {
  const std::filesystem::path dir = dir_.path();
  pid_ = Spawn({(bin_dir_ / "postgres").string(), "-D", (dir / "data").string(), "-p",
                std::to_string(port_), "-c", "listen_addresses=127.0.0.1", "-c",
                "unix_socket_directories=" + dir.string(), "-c", "fsync=off", "-c",
                "synchronous_commit=off", "-c", "full_page_writes=off", "-c",
                "max_connections=300"},
               dir / "server.log", dir, ServerIdentity());
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (HasExited(pid_, &status)) {
      pid_ = -1;
      return false;
    }
    if (IsReady(dir / "data" / "postmaster.pid")) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Shutdown();
  return false;
}

void PostgresServer::Shutdown() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGINT);  // fast shutdown: ends sessions, checkpoints, exits
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  int status = 0;
  while (!HasExited(pid_, &status)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = -1;
}

PostgresServer::~PostgresServer() { Shutdown(); }

std::string PostgresServer::Uri(std::string_view database) const {
  return "postgresql://reghub@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

}  // namespace reghub::testing
