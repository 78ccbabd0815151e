#include "registry/network_probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>

namespace reghub::registry {
namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* info) const { freeaddrinfo(info); }
};
using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoDeleter>;

// Closes a socket on scope exit unless released.
class Socket {
 public:
  explicit Socket(int fd = -1) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Result<AddrInfoPtr> Lookup(const std::string& host, std::uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  std::string service = std::to_string(port);
  int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &result);
  if (rc != 0) {
    return Error::Unavailable("cannot resolve host " + host + " (" + ::gai_strerror(rc) +
                              "): check the registry URL and the hub's DNS");
  }
  return AddrInfoPtr(result);
}

std::string NumericAddress(const addrinfo& info) {
  char text[INET6_ADDRSTRLEN] = {};
  const void* addr =
      info.ai_family == AF_INET6
          ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(info.ai_addr)->sin6_addr)
          : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(info.ai_addr)->sin_addr);
  ::inet_ntop(info.ai_family, addr, text, sizeof text);
  return text;
}

// Non-blocking connect bounded by `timeout`; the socket is blocking again on return.
Result<Socket> ConnectOne(const addrinfo& info, std::chrono::milliseconds timeout) {
  Socket socket(::socket(info.ai_family, info.ai_socktype | SOCK_CLOEXEC, info.ai_protocol));
  if (socket.get() < 0) return Error::Unavailable(std::string("socket: ") + std::strerror(errno));
  int flags = ::fcntl(socket.get(), F_GETFL, 0);
  ::fcntl(socket.get(), F_SETFL, flags | O_NONBLOCK);
  if (::connect(socket.get(), info.ai_addr, info.ai_addrlen) != 0) {
    if (errno != EINPROGRESS) return Error::Unavailable(std::strerror(errno));
    pollfd pfd{socket.get(), POLLOUT, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
    if (ready == 0) {
      return Error::Unavailable("timed out after " + std::to_string(timeout.count()) + " ms");
    }
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (ready < 0 || error != 0)
      return Error::Unavailable(std::strerror(ready < 0 ? errno : error));
  }
  ::fcntl(socket.get(), F_SETFL, flags);
  timeval tv{static_cast<time_t>(timeout.count() / 1000),
             static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
  ::setsockopt(socket.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return socket;
}

Result<std::pair<Socket, std::string>> ConnectAny(const std::string& host, std::uint16_t port,
                                                  std::chrono::milliseconds timeout) {
  REGHUB_ASSIGN_OR_RETURN(AddrInfoPtr addresses, Lookup(host, port));
  std::string reasons;
  for (const addrinfo* info = addresses.get(); info; info = info->ai_next) {
    auto socket = ConnectOne(*info, timeout);
    if (socket.ok()) return std::make_pair(std::move(socket).value(), NumericAddress(*info));
    if (!reasons.empty()) reasons += "; ";
    reasons += NumericAddress(*info) + ": " + socket.error().message;
  }
  return Error::Unavailable("cannot connect to " + host + ":" + std::to_string(port) + " (" +
                            reasons + "): check the port, that the registry runs, and firewalls");
}

std::string OneLineName(X509_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

std::string OpenSslReason() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "the server did not complete a TLS handshake";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

Status LoadCaBundle(SSL_CTX* ctx, const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  int loaded = 0;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    X509_STORE_add_cert(store, cert);
    X509_free(cert);
    ++loaded;
  }
  ERR_clear_error();
  if (loaded == 0) return Error::FailedPrecondition("the stored CA bundle holds no certificate");
  return Status::Ok();
}

}  // namespace

Result<std::vector<std::string>> SystemNetworkProbe::Resolve(const std::string& host) {
  REGHUB_ASSIGN_OR_RETURN(AddrInfoPtr addresses, Lookup(host, 443));
  std::vector<std::string> result;
  for (const addrinfo* info = addresses.get(); info; info = info->ai_next) {
    std::string address = NumericAddress(*info);
    if (std::find(result.begin(), result.end(), address) == result.end()) result.push_back(address);
  }
  return result;
}

Result<std::string> SystemNetworkProbe::Connect(const std::string& host, std::uint16_t port,
                                                std::chrono::milliseconds timeout) {
  REGHUB_ASSIGN_OR_RETURN(auto connected, ConnectAny(host, port, timeout));
  return connected.second;
}

Result<TlsProbeResult> SystemNetworkProbe::Handshake(const std::string& host, std::uint16_t port,
                                                     const TlsSettings& tls,
                                                     std::chrono::milliseconds timeout) {
  REGHUB_ASSIGN_OR_RETURN(auto connected, ConnectAny(host, port, timeout));
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        SSL_CTX_free);
  if (!ctx) return Error::Internal("cannot create a TLS context");
  if (tls.mode == TlsMode::kVerifyWithCa) {
    REGHUB_RETURN_IF_ERROR(LoadCaBundle(ctx.get(), tls.ca_pem));
  } else {
    SSL_CTX_set_default_verify_paths(ctx.get());
  }
  // Verification runs and is recorded, but never aborts the handshake: the
  // test reports what is wrong with the certificate instead.
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, nullptr);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
  SSL_set_fd(ssl.get(), connected.first.get());
  unsigned char ip[16];
  bool is_ip =
      ::inet_pton(AF_INET, host.c_str(), ip) == 1 || ::inet_pton(AF_INET6, host.c_str(), ip) == 1;
  if (!is_ip) SSL_set_tlsext_host_name(ssl.get(), host.c_str());
  ERR_clear_error();
  if (SSL_connect(ssl.get()) != 1) {
    return Error::Unavailable("TLS handshake with " + host + ":" + std::to_string(port) +
                              " failed (" + OpenSslReason() +
                              "): check that the registry serves HTTPS on this port, or choose "
                              "plain-http");
  }
  TlsProbeResult result;
  result.protocol = SSL_get_version(ssl.get());
  X509* leaf = SSL_get_peer_certificate(ssl.get());
  if (!leaf) return Error::Unavailable("TLS to " + host + ": the server sent no certificate");
  std::unique_ptr<X509, decltype(&X509_free)> leaf_owner(leaf, X509_free);
  result.subject = OneLineName(X509_get_subject_name(leaf));
  result.issuer = OneLineName(X509_get_issuer_name(leaf));
  if (STACK_OF(X509)* chain = SSL_get_peer_cert_chain(ssl.get())) {
    for (int i = 0; i < sk_X509_num(chain); ++i) {
      result.chain.push_back(OneLineName(X509_get_subject_name(sk_X509_value(chain, i))));
    }
  }
  std::tm expiry{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(leaf), &expiry) == 1) result.not_after = ::timegm(&expiry);
  long verify = SSL_get_verify_result(ssl.get());
  result.chain_trusted = verify == X509_V_OK;
  if (!result.chain_trusted) {
    result.verify_error = X509_verify_cert_error_string(verify);
    switch (verify) {
      case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
      case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
        result.trust_problem = TlsTrustProblem::kUnknownAuthority;
        break;
      case X509_V_ERR_CERT_HAS_EXPIRED:
        result.trust_problem = TlsTrustProblem::kExpired;
        break;
      case X509_V_ERR_CERT_NOT_YET_VALID:
        result.trust_problem = TlsTrustProblem::kNotYetValid;
        break;
      default:
        result.trust_problem = TlsTrustProblem::kOther;
    }
  }
  result.host_name_matches =
      is_ip ? X509_check_ip_asc(leaf, host.c_str(), 0) == 1
            : X509_check_host(leaf, host.c_str(), host.size(), 0, nullptr) == 1;
  SSL_shutdown(ssl.get());
  return result;
}

}  // namespace reghub::registry
