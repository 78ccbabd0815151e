#include "support/hub_server.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/free_port.h"

namespace reghub::testing {
namespace {

std::filesystem::path MakeTempRoot() {
  std::string pattern = (std::filesystem::temp_directory_path() / "reghub-hub-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return {};
  return pattern;
}

std::string Tail(const std::string& text, std::size_t bytes = 4000) {
  return text.size() <= bytes ? text : "…" + text.substr(text.size() - bytes);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

HubServer::HubServer(HubServerOptions options) : options_(std::move(options)) {
  root_ = MakeTempRoot();
  data_dir_ = root_ / "data";
}

HubServer::~HubServer() {
  if (process_.started()) process_.Stop(std::chrono::seconds(5));
  if (!root_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
}

std::string HubServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string HubServer::Url(const std::string& path) const { return base_url() + path; }

std::string HubServer::LogText() const { return ReadFileBytes(log_path()); }

std::string HubServer::LastRunLogText() const {
  std::string all = LogText();
  return log_offset_ <= all.size() ? all.substr(log_offset_) : all;
}

std::string HubServer::Start() {
  if (root_.empty()) return "cannot create a temporary directory";
  if (process_.IsRunning()) return "the server is already running";
  admin_token_.clear();
  std::error_code ignored;
  log_offset_ = std::filesystem::exists(log_path()) ? std::filesystem::file_size(log_path(), ignored) : 0;
  port_ = PickFreePort();
  if (port_ == 0) return "no free port";

  ChildProcessSpec spec;
  spec.program = REGHUB_BINARY;
  spec.args = {"serve", "--listen", "127.0.0.1:" + std::to_string(port_), "--data",
               data_dir_.string()};
  spec.args.insert(spec.args.end(), options_.extra_args.begin(), options_.extra_args.end());
  spec.env = options_.extra_env;
  if (options_.admin_password.has_value()) {
    spec.env["REGHUB_ADMIN_PASSWORD"] = *options_.admin_password;
  } else {
    spec.unset_env.push_back("REGHUB_ADMIN_PASSWORD");
  }
  spec.stdout_path = log_path();
  spec.stderr_path = log_path();
  spec.working_dir = root_;
  if (std::string failure = process_.Start(spec); !failure.empty()) return failure;

  HttpClient probe(std::chrono::milliseconds(1000));
  auto deadline = std::chrono::steady_clock::now() + options_.ready_timeout;
  std::string last;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_.IsRunning()) {
      return "the server exited with code " + std::to_string(process_.ExitCode()) +
             " before it was ready; log:\n" + Tail(LastRunLogText());
    }
    HttpResponse ready = probe.Get(Url("/readyz"));
    if (ready.status == 200) return "";
    last = ready.status == 0 ? ready.error : "status " + std::to_string(ready.status);
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return "the server was not ready in time (last /readyz: " + last + "); log:\n" +
         Tail(LastRunLogText());
}

int HubServer::Stop(std::chrono::milliseconds grace) {
  admin_token_.clear();
  return process_.Stop(grace);
}

std::string HubServer::Restart() {
  Stop();
  return Start();
}

std::string HubServer::admin_password() const {
  if (options_.admin_password.has_value()) return *options_.admin_password;
  return generated_password_;
}

std::string HubServer::Login(const std::string& username, const std::string& password) {
  HttpClient client;
  HttpResponse response = client.SendJson(
      "POST", Url("/api/v1/auth/login"), {{"username", username}, {"password", password}});
  if (response.status != 200) return "";
  nlohmann::json body = response.Json();
  if (!body.is_object() || !body.contains("token") || !body["token"].is_string()) return "";
  return body["token"].get<std::string>();
}

std::string HubServer::AdminToken() {
  if (!admin_token_.empty()) return admin_token_;
  if (options_.admin_password.has_value() || !generated_password_.empty()) {
    admin_token_ = Login(admin_username_, admin_password());
    return admin_token_;
  }
  for (const std::string& candidate : GeneratedPasswordCandidates()) {
    std::string token = Login(admin_username_, candidate);
    if (!token.empty()) {
      generated_password_ = candidate;
      admin_token_ = token;
      break;
    }
  }
  return admin_token_;
}

std::vector<std::string> HubServer::GeneratedPasswordCandidates() const {
  std::vector<std::string> candidates;
  std::istringstream lines(LogText());
  std::string line;
  int lines_after_mention = -1;
  while (std::getline(lines, line)) {
    std::string lower = Lower(line);
    auto at = lower.find("password");
    std::string rest;
    if (at != std::string::npos) {
      rest = line.substr(at + 8);
      lines_after_mention = 0;
    } else if (lines_after_mention >= 0 && ++lines_after_mention <= 3) {
      rest = line;  // the password may stand on a line of its own below
    } else {
      continue;
    }
    // Split on whitespace and on quoting/punctuation that is unlikely in a password.
    std::string word;
    auto flush = [&] {
      while (!word.empty() && (word.back() == '.' || word.back() == ',')) word.pop_back();
      if (word.size() >= 12) candidates.push_back(word);
      word.clear();
    };
    for (char c : rest) {
      if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '`' ||
          c == '=' || c == '{' || c == '}' || c == '[' || c == ']') {
        flush();
      } else if (c == ':' && word.empty()) {
        continue;
      } else {
        word.push_back(c);
      }
    }
    flush();
  }
  return candidates;
}

}  // namespace reghub::testing
