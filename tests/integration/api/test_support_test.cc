// Checks of the test support itself (tests/support), so that a failing API
// test points at the server and not at its fixture.
#include <signal.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "support/child_process.h"
#include "support/free_port.h"
#include "support/http_client.h"
#include "support/hub_server.h"

namespace reghub::testing {
namespace {

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "reghub-support-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST(PickFreePort, ReturnsANonZeroPort) { EXPECT_NE(PickFreePort(), 0); }

TEST(ChildProcess, CapturesOutputAndExitCodeAndPassesEnvironment) {
  ScratchDir dir;
  ChildProcess child;
  ChildProcessSpec spec;
  spec.program = "/bin/sh";
  spec.args = {"-c", "echo \"out:$GREETING\"; echo err >&2; test -z \"$HOME_GONE\" && exit 3"};
  spec.env = {{"GREETING", "hello"}};
  ::setenv("HOME_GONE", "x", 1);
  spec.unset_env = {"HOME_GONE"};
  spec.stdout_path = dir.path() / "out";
  spec.stderr_path = dir.path() / "err";
  ASSERT_EQ(child.Start(spec), "");
  ::unsetenv("HOME_GONE");
  EXPECT_EQ(child.WaitFor(std::chrono::seconds(10)), 3);
  EXPECT_EQ(ReadFileBytes(dir.path() / "out"), "out:hello\n");
  EXPECT_EQ(ReadFileBytes(dir.path() / "err"), "err\n");
}

TEST(ChildProcess, ReportsAProgramThatCannotBeExecuted) {
  ChildProcess child;
  ChildProcessSpec spec;
  spec.program = "/nonexistent/program";
  EXPECT_NE(child.Start(spec), "");
}

TEST(ChildProcess, StopEscalatesToSigkillWhenSigtermIsIgnored) {
  ChildProcess child;
  ChildProcessSpec spec;
  spec.program = "/bin/sh";
  spec.args = {"-c", "trap '' TERM; while :; do sleep 0.05; done"};
  ASSERT_EQ(child.Start(spec), "");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(child.Stop(std::chrono::milliseconds(200)), 128 + SIGKILL);
  EXPECT_FALSE(child.IsRunning());
}

TEST(HttpClient, ReportsATransportErrorAsStatusZero) {
  HttpClient client(std::chrono::milliseconds(2000));
  HttpResponse response = client.Get("http://127.0.0.1:" + std::to_string(PickFreePort()) + "/");
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error, "");
}

TEST(HubServer, CandidatesComeFromLinesMentioningPassword) {
  HubServer hub;
  std::filesystem::create_directories(hub.root());
  std::ofstream(hub.log_path()) << "starting\n"
                                << "initial admin password: Zq8-Xr2_mP4kLw9s (shown once)\n"
                                << "level=info msg=\"admin password\" password=\"abcdefghijklmnop\"\n"
                                << "Created the administrator with the one-time password:\n\n"
                                << "    FhVCxto6t5GZix9mNR8s\n";
  std::vector<std::string> candidates = hub.GeneratedPasswordCandidates();
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), "Zq8-Xr2_mP4kLw9s"), candidates.end());
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), "abcdefghijklmnop"), candidates.end());
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), "FhVCxto6t5GZix9mNR8s"), candidates.end());
}

}  // namespace
}  // namespace reghub::testing
