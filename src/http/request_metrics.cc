#include "http/request_metrics.h"

#include <cstdio>

namespace reghub::http {
namespace {

std::string Labels(const std::string& method, const std::string& route) {
  // Route patterns and methods come from our own code: no escaping needed
  // beyond what Prometheus requires for quotes and backslashes, which they lack.
  return "method=\"" + method + "\",route=\"" + route + "\"";
}

std::string FormatSeconds(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

}  // namespace

void RequestMetrics::Series::Observe(int status, double seconds) {
  if (status >= 0 && status < static_cast<int>(by_status_.size())) {
    by_status_[status].fetch_add(1, std::memory_order_relaxed);
  }
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_microseconds_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

RequestMetrics::Series& RequestMetrics::Register(const std::string& method,
                                                 const std::string& route) {
  std::lock_guard lock(mutex_);
  for (auto& series : series_) {
    if (series.method_ == method && series.route_ == route) return series;
  }
  return series_.emplace_back(method, route);
}

std::string RequestMetrics::RenderPrometheus() const {
  std::lock_guard lock(mutex_);
  std::string counters =
      "# HELP reghub_http_requests_total HTTP requests served, by route and status code.\n"
      "# TYPE reghub_http_requests_total counter\n";
  std::string histograms =
      "# HELP reghub_http_request_duration_seconds Time to handle a request, by route.\n"
      "# TYPE reghub_http_request_duration_seconds histogram\n";
  for (const auto& series : series_) {
    const std::uint64_t count = series.count_.load(std::memory_order_relaxed);
    if (count == 0) continue;
    const std::string labels = Labels(series.method_, series.route_);
    for (std::size_t status = 0; status < series.by_status_.size(); ++status) {
      std::uint64_t value = series.by_status_[status].load(std::memory_order_relaxed);
      if (value == 0) continue;
      counters += "reghub_http_requests_total{" + labels + ",code=\"" + std::to_string(status) +
                  "\"} " + std::to_string(value) + "\n";
    }
    std::uint64_t cumulative = 0;
    for (std::size_t bucket = 0; bucket <= kBuckets.size(); ++bucket) {
      cumulative += series.buckets_[bucket].load(std::memory_order_relaxed);
      std::string bound = bucket < kBuckets.size() ? FormatSeconds(kBuckets[bucket]) : "+Inf";
      histograms += "reghub_http_request_duration_seconds_bucket{" + labels + ",le=\"" + bound +
                    "\"} " + std::to_string(cumulative) + "\n";
    }
    histograms += "reghub_http_request_duration_seconds_sum{" + labels + "} " +
                  FormatSeconds(series.sum_microseconds_.load(std::memory_order_relaxed) / 1e6) +
                  "\n";
    // The +Inf bucket is the count: reading it from the buckets keeps the two
    // consistent while requests are being observed.
    histograms += "reghub_http_request_duration_seconds_count{" + labels + "} " +
                  std::to_string(cumulative) + "\n";
  }
  return counters + histograms;
}

}  // namespace reghub::http
