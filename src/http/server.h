#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/http_message.h"

namespace reghub::http {

using RequestHandler = std::function<HttpResponse(const HttpRequest&)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 0;                             // 0: one per core, at least 2
  std::size_t body_limit = 1024 * 1024;        // larger bodies get 413
  // When set, the body limit of each request by its method and path (read
  // from the request line before the body), instead of body_limit.
  std::function<std::size_t(std::string_view method, std::string_view path)> body_limit_for;
  int idle_timeout_seconds = 60;
  int shutdown_grace_seconds = 15;
};

// An HTTP/1.1 server (keep-alive) that reads each request in full and hands it
// to `handler` on one of its threads. Bodies over the request's limit
// (body_limit, or body_limit_for) are answered 413 with the API's JSON error
// shape naming the limit, before the body is read when Content-Length says
// so; "Expect: 100-continue" is answered once the headers pass. The handler
// must be thread-safe.
class HttpServer {
 public:
  HttpServer(ServerOptions options, RequestHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket. unavailable if the address is taken.
  Status Bind();
  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Serves until SIGINT or SIGTERM (or Shutdown()), then stops accepting,
  // lets in-flight requests finish (up to shutdown_grace_seconds), closes idle
  // connections and returns.
  void RunUntilSignalled();
  // Asks a running server to shut down gracefully. Thread-safe.
  void Shutdown();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reghub::http
