#pragma once

#include <mutex>
#include <vector>

#include "registry/http_client.h"

namespace reghub::registry {

// Passes requests to another HttpClient and records them (method, URL and
// whether Authorization was sent) so tests can see what went over the wire.
class RecordingHttpClient final : public HttpClient {
 public:
  struct Sent {
    std::string method;
    std::string url;
    bool authorization = false;
  };

  explicit RecordingHttpClient(HttpClient& inner) : inner_(inner) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    {
      std::lock_guard lock(mutex_);
      sent_.push_back({request.method, request.url,
                       FirstHeader(request.headers, "Authorization").has_value()});
    }
    return inner_.Send(request);
  }

  std::vector<Sent> sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
  }
  int CountContaining(const std::string& fragment) const {
    int count = 0;
    for (const auto& s : sent()) count += s.url.find(fragment) != std::string::npos ? 1 : 0;
    return count;
  }

 private:
  HttpClient& inner_;
  mutable std::mutex mutex_;
  std::vector<Sent> sent_;
};

}  // namespace reghub::registry
