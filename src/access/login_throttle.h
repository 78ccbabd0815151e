#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace reghub::access {

// Counts failed logins per username and per source address over a sliding
// window and refuses further attempts once either count reaches its limit,
// until the oldest failure in the window has aged out. Time comes in as an
// argument (the caller's injectable clock), so tests never sleep.
//
// In memory, per process: hub replicas sharing a PostgreSQL database each
// throttle on their own (an attacker spread over N replicas gets N times the
// attempts). The number of tracked keys is bounded (kMaxKeys); when full,
// expired keys are dropped and then the stalest ones. Safe for concurrent use.
class LoginThrottle {
 public:
  struct Limits {
    int per_username = 5;
    int per_source = 20;
    std::int64_t window_seconds = 15 * 60;
  };
  static constexpr std::size_t kMaxKeys = 100000;

  LoginThrottle() : LoginThrottle(Limits{}) {}
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  // Ok, or too_many_requests saying when to retry (retry_after_seconds set)
  // when `username` or `source` has reached its limit of failures.
  Status Check(std::string_view username, std::string_view source, std::int64_t now);
  // Counts one failed attempt for both.
  void RecordFailure(std::string_view username, std::string_view source, std::int64_t now);
  // A successful login forgets the username's failures (the source's stay).
  void RecordSuccess(std::string_view username);

 private:
  using Failures = std::deque<std::int64_t>;   // times of failures, oldest first
  // Seconds until `failures` drops below `limit`, 0 when it already is.
  std::int64_t WaitFor(Failures& failures, int limit, std::int64_t now) const;
  void Add(std::unordered_map<std::string, Failures>& table, std::string key, int limit,
           std::int64_t now);

  const Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> by_username_;   // guarded by mutex_
  std::unordered_map<std::string, Failures> by_source_;     // guarded by mutex_
};

}  // namespace reghub::access
