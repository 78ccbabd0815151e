#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>

namespace reghub::service {

// Monotonic time and interruptible sleep for schedulers, injectable so tests
// can move time by hand. Implementations are safe for concurrent use.
class SchedulerClock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~SchedulerClock() = default;
  virtual TimePoint Now() const = 0;
  // Blocks until Now() >= deadline (true) or a stop is requested on `stop`
  // (false, promptly).
  virtual bool SleepUntil(TimePoint deadline, std::stop_token stop) = 0;
};

// std::chrono::steady_clock.
class SteadySchedulerClock final : public SchedulerClock {
 public:
  TimePoint Now() const override { return std::chrono::steady_clock::now(); }
  bool SleepUntil(TimePoint deadline, std::stop_token stop) override {
    std::unique_lock lock(mutex_);
    // Woken only by the stop request (the predicate never turns true otherwise).
    cv_.wait_until(lock, stop, deadline, [] { return false; });
    return !stop.stop_requested();
  }

 private:
  std::mutex mutex_;
  std::condition_variable_any cv_;
};

}  // namespace reghub::service
