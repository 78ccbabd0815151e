#include "cli/secret_input.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <istream>
#include <iterator>

namespace reghub::cli {
namespace {

// The controlling terminal, opened for reading and writing; closed on exit.
class Terminal {
 public:
  Terminal() : fd_(::open("/dev/tty", O_RDWR | O_CLOEXEC)) {}
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;
  ~Terminal() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  void Write(const std::string& text) const {
    ssize_t ignored = ::write(fd_, text.data(), text.size());
    (void)ignored;
  }

  // Reads up to a newline; false at end of input.
  bool ReadLine(std::string& line) const {
    line.clear();
    char c = 0;
    while (true) {
      ssize_t n = ::read(fd_, &c, 1);
      if (n <= 0) return !line.empty();
      if (c == '\n') return true;
      line.push_back(c);
    }
  }

 private:
  int fd_;
};

void DropTrailingCarriageReturn(std::string& line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
}

}  // namespace

bool StdinIsTerminal() { return ::isatty(STDIN_FILENO) == 1; }

Result<SecretString> ReadSecretLine(std::istream& in, const std::string& what) {
  std::string line;
  if (!std::getline(in, line)) {
    return Error::InvalidArgument("no " + what + " on stdin (expected one line)");
  }
  DropTrailingCarriageReturn(line);
  if (line.empty()) return Error::InvalidArgument("the " + what + " read from stdin is empty");
  return SecretString(std::move(line));
}

Result<SecretString> ReadSecretAll(std::istream& in, const std::string& what) {
  std::string text{std::istreambuf_iterator<char>(in), {}};
  bool blank =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return Error::InvalidArgument("the " + what + " read from stdin is empty");
  return SecretString(std::move(text));
}

Result<SecretString> PromptSecret(const std::string& prompt) {
  Terminal tty;
  if (!tty.ok()) return Error::FailedPrecondition("no terminal to ask for the " + prompt);
  termios saved{};
  bool restore = ::tcgetattr(tty.fd(), &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(tty.fd(), TCSAFLUSH, &quiet);
  }
  tty.Write(prompt + ": ");
  std::string line;
  bool read = tty.ReadLine(line);
  if (restore) ::tcsetattr(tty.fd(), TCSAFLUSH, &saved);
  DropTrailingCarriageReturn(line);
  if (!read || line.empty()) return Error::InvalidArgument("no " + prompt + " entered");
  return SecretString(std::move(line));
}

Result<std::string> PromptLine(const std::string& prompt) {
  Terminal tty;
  if (!tty.ok()) return Error::FailedPrecondition("no terminal to ask for the " + prompt);
  tty.Write(prompt + ": ");
  std::string line;
  bool read = tty.ReadLine(line);
  DropTrailingCarriageReturn(line);
  if (!read || line.empty()) return Error::InvalidArgument("no " + prompt + " entered");
  return line;
}

Result<SecretString> ReadSecretFile(const std::filesystem::path& path, const std::string& what,
                                    bool single_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidArgument("cannot read the " + what + " file " + path.string());
  std::string text{std::istreambuf_iterator<char>(in), {}};
  if (single_line && !text.empty() && text.back() == '\n') {
    text.pop_back();
    DropTrailingCarriageReturn(text);
  }
  bool blank =
      std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
  if (blank) return Error::InvalidArgument("the " + what + " file " + path.string() + " is empty");
  return SecretString(std::move(text));
}

}  // namespace reghub::cli
