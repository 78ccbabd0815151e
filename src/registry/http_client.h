#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace reghub::registry {

// Header fields in wire order; names compare case-insensitively.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// All values of header `name` (case-insensitive), in order.
std::vector<std::string> HeaderValues(const HeaderList& headers, std::string_view name);
// The first value of header `name`, if any.
std::optional<std::string> FirstHeader(const HeaderList& headers, std::string_view name);

struct HttpRequest {
  std::string method = "GET";
  std::string url;                       // absolute: scheme://host[:port]/path[?query]
  HeaderList headers;
  std::string body;
  // Per-call budget for the whole exchange; connecting gets at most 10 s of it.
  std::chrono::milliseconds timeout{30000};
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;                    // names as the server sent them
  std::string body;

  std::optional<std::string> Header(std::string_view name) const {
    return FirstHeader(headers, name);
  }
};

// The network edge: sends one request and returns the response, whatever its
// status. Implementations never follow redirects (callers do, so that
// Authorization is never forwarded to another host) and always apply the
// request's timeout. Transport failures (DNS, connect, TLS, timeout) are
// errors with a message that says what to do; HTTP statuses are not errors.
// Implementations must be safe for concurrent use.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

}  // namespace reghub::registry
