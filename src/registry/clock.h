#pragma once

#include <chrono>

namespace reghub::registry {

// Time source for token and credential caches, so tests can move time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
  // A process-wide instance.
  static const Clock& Instance() {
    static const SystemClock clock;
    return clock;
  }
};

}  // namespace reghub::registry
