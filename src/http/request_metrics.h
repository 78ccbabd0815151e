#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

namespace reghub::http {

// Counters and latency histograms of HTTP requests per route, rendered in the
// Prometheus text format. Series are registered when routes are added; the
// per-request path only touches atomics. Thread-safe.
class RequestMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   2.5};

  class Series {
   public:
    Series(std::string method, std::string route)
        : method_(std::move(method)), route_(std::move(route)) {}
    void Observe(int status, double seconds);

   private:
    friend class RequestMetrics;
    const std::string method_;
    const std::string route_;
    std::array<std::atomic<std::uint64_t>, 600> by_status_{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};  // last: +Inf
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_microseconds_{0};
  };

  // The series of one route ("unmatched" for requests no route served). The
  // reference stays valid for the object's lifetime.
  Series& Register(const std::string& method, const std::string& route);

  // # HELP / # TYPE headers and every series with requests so far.
  std::string RenderPrometheus() const;

 private:
  mutable std::mutex mutex_;   // guards the deque's structure, not the counters
  std::deque<Series> series_;
};

}  // namespace reghub::http
