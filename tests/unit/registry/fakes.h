#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "registry/clock.h"
#include "registry/http_client.h"

namespace reghub::registry {

// A clock the test moves by hand.
class FakeClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override { return now_; }
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::from_time_t(1767225600);
};

// An HttpClient answering from a function and recording every request.
class FakeHttpClient final : public HttpClient {
 public:
  using Responder = std::function<HttpResponse(const HttpRequest&)>;
  explicit FakeHttpClient(Responder responder) : responder_(std::move(responder)) {}

  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    return responder_(request);
  }
  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  Responder responder_;
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
};

}  // namespace reghub::registry
