#include "support/docker_registry.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "support/free_port.h"

namespace reghub::testing {
namespace {

std::string Lower(std::string text) {
  for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return text;
}

std::string PercentDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i] == '+' ? ' ' : text[i]);
    }
  }
  return out;
}

std::string Base64(const std::string& data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string Base64Url(const std::string& data) {
  std::string out = Base64(data);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& ch : out) {
    if (ch == '+') ch = '-';
    if (ch == '/') ch = '_';
  }
  return out;
}

std::string Base64Decode(const std::string& text) {
  std::string out(text.size(), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return "";
  out.resize(static_cast<std::size_t>(n));
  if (!text.empty() && text.back() == '=') out.pop_back();
  if (text.size() > 1 && text[text.size() - 2] == '=') out.pop_back();
  return out;
}

std::string Rfc3339(std::time_t time) {
  std::tm tm{};
  gmtime_r(&time, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    default: return "Status";
  }
}

}  // namespace

// --- LoopbackRequest --------------------------------------------------------

std::string LoopbackRequest::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (Lower(key) == Lower(name)) return value;
  }
  return "";
}

std::vector<std::string> LoopbackRequest::QueryValues(const std::string& key) const {
  std::vector<std::string> values;
  std::stringstream stream(query);
  std::string pair;
  while (std::getline(stream, pair, '&')) {
    auto eq = pair.find('=');
    if (PercentDecode(pair.substr(0, eq)) == key) {
      values.push_back(eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1)));
    }
  }
  return values;
}

// --- LoopbackHttpServer ------------------------------------------------------

LoopbackHttpServer::LoopbackHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("socket() failed");
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    ::close(listen_fd_);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  socklen_t len = sizeof(addr);
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(listen_fd_);
}

std::vector<LoopbackRequest> LoopbackHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void LoopbackHttpServer::Serve() {
  while (!stopping_) {
    pollfd pfd{listen_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    HandleConnection(fd);
    ::close(fd);
  }
}

void LoopbackHttpServer::HandleConnection(int fd) {
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  std::string data;
  char buffer[8192];
  std::size_t header_end = std::string::npos;
  while ((header_end = data.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) return;
    data.append(buffer, static_cast<std::size_t>(n));
  }
  LoopbackRequest request;
  std::stringstream head(data.substr(0, header_end));
  std::string line;
  std::getline(head, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::stringstream first(line);
  first >> request.method >> request.target;
  auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  std::size_t content_length = 0;
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    request.headers.emplace_back(line.substr(0, colon), value);
    if (Lower(line.substr(0, colon)) == "content-length") content_length = std::stoul(value);
  }
  request.body = data.substr(header_end + 4);
  while (request.body.size() < content_length) {
    ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    request.body.append(buffer, static_cast<std::size_t>(n));
  }
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
  }
  LoopbackResponse response = handler_(request);
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + Reason(response.status) +
                    "\r\n";
  for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n";
  if (request.method != "HEAD") out += response.body;
  std::size_t sent = 0;
  while (sent < out.size()) {
    ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
}

// --- TokenIssuer ---------------------------------------------------------------

TokenIssuer::TokenIssuer(const TestCa& ca, std::string issuer, std::string service,
                         std::map<std::string, User> users)
    : signing_(ca.IssueSigningCertificate("reghub test token signer")),
      root_cert_pem_(ca.cert_pem()),
      issuer_(std::move(issuer)),
      service_(std::move(service)),
      users_(std::move(users)),
      server_(std::make_unique<LoopbackHttpServer>(
          [this](const LoopbackRequest& request) { return Handle(request); })) {}

LoopbackResponse TokenIssuer::Handle(const LoopbackRequest& request) {
  const std::string unauthorized =
      R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})";
  if (request.path != "/token" || request.method != "GET") return {404, {}, "not found"};
  const User* user = nullptr;
  std::string subject;
  std::string authorization = request.Header("Authorization");
  if (authorization.rfind("Basic ", 0) == 0) {
    std::string decoded = Base64Decode(authorization.substr(6));
    auto colon = decoded.find(':');
    subject = decoded.substr(0, colon);
    auto it = users_.find(subject);
    if (colon == std::string::npos || it == users_.end() ||
        it->second.password != decoded.substr(colon + 1)) {
      return {401, {{"Content-Type", "application/json"}}, unauthorized};
    }
    user = &it->second;
  }
  if (request.QueryValues("service") != std::vector<std::string>{service_}) {
    return {400, {}, "wrong service"};
  }
  nlohmann::json access = nlohmann::json::array();
  for (const auto& scope_param : request.QueryValues("scope")) {
    std::stringstream scopes(scope_param);
    std::string scope;
    while (scopes >> scope) {
      auto first = scope.find(':');
      auto last = scope.rfind(':');
      if (first == std::string::npos || first == last) continue;
      std::string type = scope.substr(0, first);
      std::string name = scope.substr(first + 1, last - first - 1);
      std::stringstream actions_text(scope.substr(last + 1));
      std::vector<std::string> granted;
      std::string action;
      while (std::getline(actions_text, action, ',')) {
        if (!user) continue;
        bool ok = false;
        if (type == "registry" && name == "catalog") ok = user->catalog;
        for (const char* key : {"*", ""}) {
          auto it = user->grants.find(*key ? std::string(key) : name);
          if (type == "repository" && it != user->grants.end() &&
              (it->second.count(action) || it->second.count("*"))) {
            ok = true;
          }
        }
        if (ok) granted.push_back(action);
      }
      access.push_back({{"type", type}, {"name", name}, {"actions", granted}});
    }
  }
  ++tokens_issued_;
  std::time_t now = std::time(nullptr);
  nlohmann::json body = {{"token", SignJwt(subject, access.dump())},
                         {"expires_in", 300},
                         {"issued_at", Rfc3339(now)}};
  return {200, {{"Content-Type", "application/json"}}, body.dump()};
}

std::string TokenIssuer::SignJwt(const std::string& subject, const std::string& access_json) const {
  nlohmann::json header = {{"typ", "JWT"}, {"alg", "RS256"}, {"x5c", {Base64(signing_.cert_der)}}};
  unsigned char jti[12];
  RAND_bytes(jti, sizeof(jti));
  std::time_t now = std::time(nullptr);
  nlohmann::json claims = {{"iss", issuer_},
                           {"sub", subject},
                           {"aud", service_},
                           {"exp", now + 300},
                           {"nbf", now - 5},
                           {"iat", now},
                           {"jti", Base64Url(std::string(reinterpret_cast<char*>(jti), sizeof(jti)))},
                           {"access", nlohmann::json::parse(access_json)}};
  std::string signing_input = Base64Url(header.dump()) + "." + Base64Url(claims.dump());
  BIO* bio = BIO_new_mem_buf(signing_.key_pem.data(), static_cast<int>(signing_.key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t size = 0;
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  EVP_DigestSign(ctx, nullptr, &size, reinterpret_cast<const unsigned char*>(signing_input.data()),
                 signing_input.size());
  std::string signature(size, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &size,
                 reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
  signature.resize(size);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return signing_input + "." + Base64Url(signature);
}

// --- DockerRegistry ------------------------------------------------------------

int RunCommand(const std::string& command, std::string* output) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return -1;
  std::string text;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) text.append(buffer, n);
  int status = ::pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool DockerRegistry::Available() { return ::access("/usr/bin/docker-registry", X_OK) == 0; }

DockerRegistry::DockerRegistry(Options options) : options_(std::move(options)) {
  char pattern[] = "/tmp/reghub-registry-XXXXXX";
  if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  port_ = PickFreePort();
  if (port_ == 0) throw std::runtime_error("no free port");

  std::string d = dir_.string();
  std::string config = "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
                       "storage:\n  filesystem:\n    rootdirectory: " + d + "/data\n"
                       "  delete:\n    enabled: true\n"
                       "http:\n  addr: 127.0.0.1:" + std::to_string(port_) + "\n"
                       "  secret: reghub-test-secret\n";
  if (options_.tls_ca) {
    IssuedCertificate server = options_.tls_ca->IssueServerCertificate();
    WriteTextFile(d + "/cert.pem", server.cert_pem);
    WriteTextFile(d + "/key.pem", server.key_pem);
    config += "  tls:\n    certificate: " + d + "/cert.pem\n    key: " + d + "/key.pem\n";
  }
  if (options_.auth == Auth::kHtpasswd) {
    std::string lines;
    for (const auto& [user, password] : options_.htpasswd_users) {
      std::string out;
      if (RunCommand("htpasswd -Bbn '" + user + "' '" + password + "'", &out) != 0) {
        throw std::runtime_error("htpasswd failed");
      }
      while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
      lines += out + "\n";
    }
    WriteTextFile(d + "/htpasswd", lines);
    config += "auth:\n  htpasswd:\n    realm: basic-realm\n    path: " + d + "/htpasswd\n";
  } else if (options_.auth == Auth::kToken) {
    if (!options_.token_issuer) throw std::runtime_error("token auth needs a TokenIssuer");
    WriteTextFile(d + "/rootcerts.pem", options_.token_issuer->root_cert_pem());
    config += "auth:\n  token:\n    realm: " + options_.token_issuer->realm() +
              "\n    service: " + options_.token_issuer->service() +
              "\n    issuer: " + options_.token_issuer->issuer() +
              "\n    rootcertbundle: " + d + "/rootcerts.pem\n";
  }
  WriteTextFile(d + "/config.yml", config);

  ChildProcessSpec spec;
  spec.program = "/usr/bin/docker-registry";
  spec.args = {"serve", d + "/config.yml"};
  spec.stdout_path = dir_ / "registry.log";
  spec.stderr_path = dir_ / "registry.log";
  spec.unset_env = {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"};
  std::string error = process_.Start(spec);
  if (!error.empty()) throw std::runtime_error("cannot start docker-registry: " + error);
  WaitUntilReady();
}

DockerRegistry::~DockerRegistry() {
  if (process_.started()) process_.Stop(std::chrono::seconds(5));
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string DockerRegistry::origin() const {
  return std::string(options_.tls_ca ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

std::string DockerRegistry::log() const {
  std::ifstream in(dir_ / "registry.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void DockerRegistry::WaitUntilReady() {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string url = origin() + "/v2/";
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_.IsRunning()) {
      throw std::runtime_error("docker-registry exited during start-up:\n" + log());
    }
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 1000L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode code = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    if (code == CURLE_OK && (status == 200 || status == 401)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("docker-registry did not answer within 20 s:\n" + log());
}

}  // namespace reghub::testing
