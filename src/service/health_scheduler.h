#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "service/scheduler_clock.h"

namespace reghub::service {

struct HealthSchedulerOptions {
  std::chrono::seconds interval{300};  // between round starts; 0: Start() does nothing
  int concurrency = 8;                 // checks running at once (at least 1)
};

// What one round did.
struct HealthRound {
  std::size_t registries = 0;  // ids listed for the round
  std::size_t checked = 0;     // checks completed (fewer when stopped mid-round)
  std::chrono::milliseconds duration{0};
  bool stopped = false;        // cut short by Stop()
  std::string error;           // listing the registries failed (nothing checked)
};

// Runs health rounds in the background: the first one interval after
// Start(), then one per interval, measured from round start to round start. A round lists the
// registries and checks each once, at most `concurrency` at a time, on
// threads that live for the round. Rounds never overlap: a round that
// overruns the interval makes the scheduler skip the ticks it missed, and
// the next round starts on the next tick after it ends. Stop() (and the
// destructor) returns promptly: no further check starts, the sleep is
// interrupted, and only the checks already running are waited for (each is
// bounded by the connection test's timeouts). `check` must be safe to call
// from several threads; it reports its own failures (a check that fails is
// still a completed check).
class HealthScheduler {
 public:
  using ListRegistries = std::function<Result<std::vector<std::string>>()>;
  using CheckRegistry = std::function<void(const std::string& registry_id)>;
  using RoundObserver = std::function<void(const HealthRound&)>;

  HealthScheduler(HealthSchedulerOptions options, SchedulerClock& clock, ListRegistries list,
                  CheckRegistry check, RoundObserver on_round = nullptr);
  ~HealthScheduler();
  HealthScheduler(const HealthScheduler&) = delete;
  HealthScheduler& operator=(const HealthScheduler&) = delete;

  // Starts the background loop (once; no-op when the interval is 0).
  void Start();
  // Stops the loop and waits for it; idempotent.
  void Stop();

  // One round on the calling thread (the benchmark and tests use it);
  // stops taking new checks once `stop` is requested.
  HealthRound RunRound(std::stop_token stop = {});

 private:
  void Loop(std::stop_token stop);

  HealthSchedulerOptions options_;
  SchedulerClock& clock_;
  ListRegistries list_;
  CheckRegistry check_;
  RoundObserver on_round_;
  std::jthread thread_;
};

}  // namespace reghub::service
