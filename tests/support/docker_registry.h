#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/child_process.h"
#include "support/test_ca.h"

namespace reghub::testing {

// ---------------------------------------------------------------------------
// A tiny HTTP/1.1 server on 127.0.0.1 for fixtures: one request per
// connection (Connection: close), Content-Length bodies only. The handler runs
// on the server's thread. Every request is recorded for the test to inspect.
// Stops (joins its thread) on destruction.
struct LoopbackRequest {
  std::string method;
  std::string target;                                        // path and query as sent
  std::string path;
  std::string query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // First header value (case-insensitive name), or "".
  std::string Header(const std::string& name) const;
  // All values of query parameter `key`, percent-decoded.
  std::vector<std::string> QueryValues(const std::string& key) const;
};

struct LoopbackResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class LoopbackHttpServer {
 public:
  using Handler = std::function<LoopbackResponse(const LoopbackRequest&)>;

  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<LoopbackRequest> requests() const;

 private:
  void Serve();
  void HandleConnection(int fd);

  Handler handler_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<LoopbackRequest> requests_;
  std::thread thread_;
};

// ---------------------------------------------------------------------------
// A Docker token service (distribution docs/spec/auth/token.md) for the
// registry's token auth: GET /token?service=&scope=… with Basic credentials
// answers {"token","expires_in","issued_at"} where the token is an RS256 JWT
// whose header's x5c holds a signing certificate issued by `ca` (the
// registry's rootcertbundle is ca.cert_pem()). Access is granted per user and
// repository; unknown users or wrong passwords get 401; a known user asking
// for a repository it has no grant on gets a token with no access for it, so
// the registry answers insufficient_scope. POST /token answers 404 (so
// clients fall back from OAuth2 to GET).
class TokenIssuer {
 public:
  struct User {
    std::string password;
    // repository name ("*" for all) -> allowed actions ("pull", "push", "*").
    std::map<std::string, std::set<std::string>> grants;
    bool catalog = false;                                   // registry:catalog:*
  };

  TokenIssuer(const TestCa& ca, std::string issuer, std::string service,
              std::map<std::string, User> users);

  std::string realm() const { return server_->origin() + "/token"; }
  const std::string& issuer() const { return issuer_; }
  const std::string& service() const { return service_; }
  // The registry's rootcertbundle: the CA that issued the signing certificate.
  const std::string& root_cert_pem() const { return root_cert_pem_; }
  int tokens_issued() const { return tokens_issued_.load(); }
  std::vector<LoopbackRequest> requests() const { return server_->requests(); }

 private:
  LoopbackResponse Handle(const LoopbackRequest& request);
  std::string SignJwt(const std::string& subject, const std::string& access_json) const;

  IssuedCertificate signing_;
  std::string root_cert_pem_;
  std::string issuer_;
  std::string service_;
  std::map<std::string, User> users_;
  std::atomic<int> tokens_issued_{0};
  std::unique_ptr<LoopbackHttpServer> server_;
};

// ---------------------------------------------------------------------------
// Debian's docker-registry (CNCF distribution 2.8) as a test fixture: written
// config in a fresh temporary directory, started with
// `/usr/bin/docker-registry serve <config>` on a free 127.0.0.1 port, waited
// for until it answers /v2/, stopped (SIGTERM, then SIGKILL) and its directory
// removed on destruction. Modes: open, htpasswd Basic (bcrypt via
// `htpasswd -Bbn`), token auth through a TokenIssuer, each with or without TLS
// (a server certificate for 127.0.0.1/localhost from the given TestCa).
// Throws std::runtime_error (with the registry's log) when it does not start.
class DockerRegistry {
 public:
  enum class Auth { kNone, kHtpasswd, kToken };
  struct Options {
    Auth auth = Auth::kNone;
    std::map<std::string, std::string> htpasswd_users;     // kHtpasswd
    const TokenIssuer* token_issuer = nullptr;             // kToken
    const TestCa* tls_ca = nullptr;                        // TLS when set
  };

  explicit DockerRegistry(Options options);
  ~DockerRegistry();
  DockerRegistry(const DockerRegistry&) = delete;
  DockerRegistry& operator=(const DockerRegistry&) = delete;

  std::uint16_t port() const { return port_; }
  // "https://127.0.0.1:PORT" with TLS, else "http://127.0.0.1:PORT".
  std::string origin() const;
  // "127.0.0.1:PORT", as skopeo wants it.
  std::string host_port() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& dir() const { return dir_; }
  std::string log() const;

  // True when /usr/bin/docker-registry exists (tests skip otherwise).
  static bool Available();

 private:
  void WaitUntilReady();

  Options options_;
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  ChildProcess process_;
};

// Runs a shell command; returns its exit status and fills `output` with stdout.
int RunCommand(const std::string& command, std::string* output = nullptr);

}  // namespace reghub::testing
