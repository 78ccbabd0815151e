// The only translation unit that includes Boost.Beast/Asio: keep it that way,
// they dominate compile times.
#include "http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <spdlog/spdlog.h>
#include <chrono>
#include <limits>
#include <csignal>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace reghub::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string PayloadTooLargeBody(std::size_t limit) {
  std::string size = limit % (1024 * 1024) == 0 ? std::to_string(limit / (1024 * 1024)) + " MiB"
                                                : std::to_string(limit) + " bytes";
  return R"({"error":{"code":"payload_too_large","message":"request body exceeds the size limit of )" +
         size + R"( for this request","details":[]}})";
}
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view kInternalErrorBody =
    R"({"error":{"code":"internal","message":"internal error; see the hub's log","details":[]}})";
constexpr std::string_view kBadRequestBody =
    R"({"error":{"code":"invalid_argument","message":"malformed HTTP request","details":[]}})";

std::string LowerCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

class Session;

// Shared state of a running server: the sessions it has open, so that a
// shutdown can close the idle ones.
struct ServerState {
  ServerOptions options;
  RequestHandler handler;
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::set<std::shared_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ServerState& state) : stream_(std::move(socket)), state_(state) {
    beast::error_code ignored;
    auto endpoint = stream_.socket().remote_endpoint(ignored);
    remote_address_ = ignored ? std::string() : endpoint.address().to_string();
  }

  void Start() { asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); }); }

  // Closes the connection if it is waiting for a request; a request being
  // received or handled finishes first and then the connection closes.
  void CloseIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      bool receiving = self->parser_ && self->parser_->got_some();
      if (!self->busy_ && !receiving) {
        beast::error_code ignored;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        self->stream_.socket().close(ignored);
      }
    });
  }

 private:
  void Read() {
    parser_.emplace();
    limit_ = state_.options.body_limit;
    // With per-request limits the parser must not judge Content-Length while
    // reading the header: OnHeader applies the request's own limit.
    // (Not boost::none: Beast 1.74 compares Content-Length against the
    // optional itself, and every length exceeds an empty optional.)
    parser_->body_limit(state_.options.body_limit_for ? std::numeric_limits<std::uint64_t>::max()
                                                      : std::uint64_t{limit_});
    parser_->header_limit(64 * 1024);
    stream_.expires_after(std::chrono::seconds(state_.options.idle_timeout_seconds));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code error, std::size_t) {
                               self->OnHeader(error);
                             });
  }

  // The headers are in: apply the request's body limit, answer
  // Expect: 100-continue, then read the body.
  void OnHeader(beast::error_code error) {
    if (error) return OnRead(error);
    auto& message = parser_->get();
    if (state_.options.body_limit_for) {
      std::string_view target(message.target().data(), message.target().size());
      limit_ = state_.options.body_limit_for(
          std::string_view(message.method_string().data(), message.method_string().size()),
          target.substr(0, target.find('?')));
      parser_->body_limit(limit_);
    }
    if (auto length = parser_->content_length(); length && *length > limit_) {
      unread_body_ = true;
      WriteRaw(413, PayloadTooLargeBody(limit_), false);
      return;
    }
    auto expect = message[bhttp::field::expect];
    if (!parser_->is_done() && beast::iequals(expect, "100-continue")) {
      asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code write_error, std::size_t) {
                          if (write_error) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code error, std::size_t) {
                        self->OnRead(error);
                      });
  }

  void OnRead(beast::error_code error) {
    if (error == bhttp::error::body_limit) {
      unread_body_ = true;
      WriteRaw(413, PayloadTooLargeBody(limit_), false);
      return;
    }
    // Beast's parse errors share one category; answer those, drop the rest.
    if (error && error != bhttp::error::end_of_stream && error != bhttp::error::partial_message &&
        error.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
      WriteRaw(400, kBadRequestBody, false);
      return;
    }
    if (error) {
      Close();
      return;
    }
    busy_ = true;
    auto& message = parser_->get();
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    if (!ParseTarget(request.target, request.path, request.query)) {
      WriteRaw(400, kBadRequestBody, false);
      return;
    }
    for (const auto& field : message) {
      request.headers[LowerCase(std::string_view(field.name_string().data(), field.name_string().size()))] =
          std::string(field.value());
    }
    request.body = std::move(message.body());
    request.remote_address = remote_address_;
    bool keep_alive = message.keep_alive() && !state_.stopping.load();
    int version = message.version();

    HttpResponse response = Handle(request);

    auto reply = std::make_shared<bhttp::response<bhttp::string_body>>();
    reply->version(version);
    reply->result(static_cast<unsigned>(response.status));
    reply->set(bhttp::field::server, "reghub");
    for (auto& [name, value] : response.headers) reply->set(name, value);
    reply->body() = std::move(response.body);
    reply->keep_alive(keep_alive && !state_.stopping.load());
    reply->prepare_payload();
    Write(std::move(reply));
  }

  // A handler that throws is a bug; the client gets a 500 and the server lives on.
  HttpResponse Handle(const HttpRequest& request) {
    try {
      return state_.handler(request);
    } catch (const std::exception& error) {
      spdlog::error("{} {}: unexpected exception: {}", request.method, request.path, error.what());
    } catch (...) {
      spdlog::error("{} {}: unexpected exception", request.method, request.path);
    }
    return HttpResponse::Json(500, std::string(kInternalErrorBody));
  }

  void WriteRaw(int status, std::string_view body, bool keep_alive) {
    busy_ = true;
    auto reply = std::make_shared<bhttp::response<bhttp::string_body>>();
    reply->version(11);
    reply->result(static_cast<unsigned>(status));
    reply->set(bhttp::field::server, "reghub");
    reply->set(bhttp::field::content_type, "application/json");
    reply->body() = std::string(body);
    reply->keep_alive(keep_alive);
    reply->prepare_payload();
    Write(std::move(reply));
  }

  void Write(std::shared_ptr<bhttp::response<bhttp::string_body>> reply) {
    stream_.expires_after(std::chrono::seconds(state_.options.idle_timeout_seconds));
    bhttp::async_write(stream_, *reply,
                       [self = shared_from_this(), reply](beast::error_code error, std::size_t) {
                         self->busy_ = false;
                         if (!error && !reply->keep_alive() && self->unread_body_) {
                           self->Linger();
                           return;
                         }
                         if (error || !reply->keep_alive() || self->state_.stopping) {
                           self->Close();
                           return;
                         }
                         self->Read();
                       });
  }

  // After refusing a body the client is still sending: stop sending, read and
  // drop what arrives (at most 2 s), then close. Closing at once would reset
  // the connection and the client could lose the 413 before reading it.
  void Linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    drain_.resize(64 * 1024);
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code error, std::size_t) {
                              if (error) return self->Close();
                              self->Linger();
                            });
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
    std::lock_guard lock(state_.sessions_mutex);
    state_.sessions.erase(shared_from_this());
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  ServerState& state_;
  std::string remote_address_;
  std::size_t limit_ = 0;
  bool unread_body_ = false;   // a refused body is still arriving
  std::vector<char> drain_;
  bool busy_ = false;
};

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler)
      : threads_(options.threads > 0 ? options.threads
                                     : std::max(2, static_cast<int>(std::thread::hardware_concurrency()))),
        io_(threads_),
        acceptor_(asio::make_strand(io_)),
        signals_(io_, SIGINT, SIGTERM) {
    state_.options = std::move(options);
    state_.handler = std::move(handler);
  }

  Status Bind() {
    beast::error_code error;
    auto address = asio::ip::make_address(state_.options.address, error);
    if (error) return Error::InvalidArgument("invalid listen address: " + state_.options.address);
    tcp::endpoint endpoint(address, state_.options.port);
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return Error::Unavailable("cannot listen on " + state_.options.address + ":" +
                                std::to_string(state_.options.port) + ": " + error.message());
    }
    return Status::Ok();
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void Run() {
    Accept();
    signals_.async_wait([this](beast::error_code error, int) {
      if (!error) BeginShutdown();
    });
    std::vector<std::thread> workers;
    for (int i = 1; i < threads_; ++i) workers.emplace_back([this] { io_.run(); });
    io_.run();
    for (auto& worker : workers) worker.join();
  }

  void Shutdown() {
    asio::post(io_, [this] { BeginShutdown(); });
  }

 private:
  void Accept() {
    acceptor_.async_accept(asio::make_strand(io_), [this](beast::error_code error, tcp::socket socket) {
      if (error) {
        if (error == asio::error::operation_aborted || state_.stopping) return;
        Accept();
        return;
      }
      auto session = std::make_shared<Session>(std::move(socket), state_);
      {
        std::lock_guard lock(state_.sessions_mutex);
        state_.sessions.insert(session);
      }
      session->Start();
      if (!state_.stopping) Accept();
    });
  }

  void BeginShutdown() {
    if (state_.stopping.exchange(true)) return;
    beast::error_code ignored;
    signals_.cancel(ignored);
    acceptor_.close(ignored);
    std::vector<std::shared_ptr<Session>> open;
    {
      std::lock_guard lock(state_.sessions_mutex);
      open.assign(state_.sessions.begin(), state_.sessions.end());
    }
    for (auto& session : open) session->CloseIfIdle();
    // Requests still running get a grace period; after it the loop is stopped.
    grace_timer_.emplace(io_, std::chrono::seconds(state_.options.shutdown_grace_seconds));
    grace_timer_->async_wait([this](beast::error_code error) {
      if (!error) io_.stop();
    });
    // Once no session is left, cancel the grace timer so run() returns at once.
    WaitForSessions();
  }

  void WaitForSessions() {
    bool empty;
    {
      std::lock_guard lock(state_.sessions_mutex);
      empty = state_.sessions.empty();
    }
    if (empty) {
      grace_timer_->cancel();
      return;
    }
    poll_timer_.emplace(io_, std::chrono::milliseconds(20));
    poll_timer_->async_wait([this](beast::error_code error) {
      if (!error) WaitForSessions();
    });
  }

  int threads_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::optional<asio::steady_timer> grace_timer_;
  std::optional<asio::steady_timer> poll_timer_;
  ServerState state_;
};

HttpServer::HttpServer(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
HttpServer::~HttpServer() = default;
Status HttpServer::Bind() { return impl_->Bind(); }
std::uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::RunUntilSignalled() { impl_->Run(); }
void HttpServer::Shutdown() { impl_->Shutdown(); }

}  // namespace reghub::http
