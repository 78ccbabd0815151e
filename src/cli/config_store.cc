#include "cli/config_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <system_error>

extern char** environ;

namespace reghub::cli {
namespace {

namespace fs = std::filesystem;

std::string ErrnoText(int error) {
  return std::error_code(error, std::generic_category()).message();
}

std::string Lookup(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? "" : it->second;
}

Status WriteFileAtomically(const fs::path& path, const std::string& content) {
  std::string temp_template = path.string() + ".tmp-XXXXXX";
  int fd = ::mkstemp(temp_template.data());  // created with mode 0600
  if (fd < 0) {
    return Error::FailedPrecondition("cannot write " + path.string() + ": " + ErrnoText(errno));
  }
  std::size_t written = 0;
  int write_errno = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      write_errno = errno;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  if (write_errno == 0 && (::fchmod(fd, 0600) != 0 || ::fsync(fd) != 0)) write_errno = errno;
  ::close(fd);
  if (write_errno == 0 && ::rename(temp_template.c_str(), path.c_str()) != 0) write_errno = errno;
  if (write_errno != 0) {
    ::unlink(temp_template.c_str());
    return Error::FailedPrecondition("cannot write " + path.string() + ": " +
                                     ErrnoText(write_errno));
  }
  return Status::Ok();
}

}  // namespace

Environment CurrentEnvironment() {
  Environment env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string text = *entry;
    auto eq = text.find('=');
    if (eq != std::string::npos) env.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return env;
}

Result<fs::path> ConfigPath(const Environment& env) {
  std::string xdg = Lookup(env, "XDG_CONFIG_HOME");
  if (!xdg.empty()) return fs::path(xdg) / "reghub" / "config.json";
  std::string home = Lookup(env, "HOME");
  if (!home.empty()) return fs::path(home) / ".config" / "reghub" / "config.json";
  return Error::FailedPrecondition("cannot find the config directory: set HOME or XDG_CONFIG_HOME");
}

Result<CliConfig> LoadConfig(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return CliConfig{};
  std::string text{std::istreambuf_iterator<char>(in), {}};
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return Error::FailedPrecondition(path.string() +
                                     " is not a reghub config (expected a JSON object); "
                                     "run \"reghub login\" again");
  }
  CliConfig config;
  if (auto it = json.find("server"); it != json.end() && it->is_string()) config.server = *it;
  if (auto it = json.find("token"); it != json.end() && it->is_string()) {
    config.token = SecretString(it->get<std::string>());
  }
  return config;
}

Status SaveConfig(const fs::path& path, const CliConfig& config) {
  fs::path dir = path.parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error::FailedPrecondition("cannot create " + dir.string() + ": " + ec.message());
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec)
    return Error::FailedPrecondition("cannot set the mode of " + dir.string() + ": " +
                                     ec.message());
  nlohmann::json json = {{"server", config.server}, {"token", config.token.Reveal()}};
  std::string text = json.dump(2) + "\n";
  Status status = WriteFileAtomically(path, text);
  std::fill(text.begin(), text.end(), '\0');
  return status;
}

Result<CliConfig> EffectiveConfig(const Environment& env) {
  REGHUB_ASSIGN_OR_RETURN(fs::path path, ConfigPath(env));
  REGHUB_ASSIGN_OR_RETURN(CliConfig config, LoadConfig(path));
  if (std::string server = Lookup(env, "REGHUB_SERVER"); !server.empty()) config.server = server;
  if (std::string token = Lookup(env, "REGHUB_TOKEN"); !token.empty())
    config.token = SecretString(token);
  return config;
}

Result<std::string> NormalizeServerUrl(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return Error::InvalidArgument(
        "server URL \"" + url +
        "\" must start with https:// or http:// (e.g. https://hub.example.com)");
  }
  std::string normalized = url;
  while (!normalized.empty() && normalized.back() == '/') normalized.pop_back();
  std::size_t host_start = url.find("://") + 3;
  if (normalized.size() <= host_start) {
    return Error::InvalidArgument("server URL \"" + url + "\" has no host");
  }
  return normalized;
}

}  // namespace reghub::cli
