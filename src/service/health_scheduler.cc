#include "service/health_scheduler.h"

#include <algorithm>
#include <atomic>
#include <utility>

namespace reghub::service {

HealthScheduler::HealthScheduler(HealthSchedulerOptions options, SchedulerClock& clock,
                                 ListRegistries list, CheckRegistry check, RoundObserver on_round)
    : options_(options),
      clock_(clock),
      list_(std::move(list)),
      check_(std::move(check)),
      on_round_(std::move(on_round)) {
  options_.concurrency = std::max(options_.concurrency, 1);
}

HealthScheduler::~HealthScheduler() { Stop(); }

void HealthScheduler::Start() {
  if (options_.interval.count() <= 0 || thread_.joinable()) return;
  thread_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

void HealthScheduler::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

void HealthScheduler::Loop(std::stop_token stop) {
  // The first round waits one interval: after a restart the stored history
  // still says how each registry was, and a start stays light.
  SchedulerClock::TimePoint next = clock_.Now() + options_.interval;
  while (clock_.SleepUntil(next, stop)) {
    const SchedulerClock::TimePoint started = clock_.Now();
    HealthRound round = RunRound(stop);
    if (on_round_) on_round_(round);
    next = started + options_.interval;
    const SchedulerClock::TimePoint now = clock_.Now();
    while (next <= now) next += options_.interval;  // skip the ticks an overrun missed
  }
}

HealthRound HealthScheduler::RunRound(std::stop_token stop) {
  const auto started = std::chrono::steady_clock::now();
  HealthRound round;
  auto ids = list_();
  if (!ids.ok()) {
    round.error = ids.error().message;
    return round;
  }
  round.registries = ids->size();
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> checked{0};
  auto work = [&] {
    while (!stop.stop_requested()) {
      const std::size_t index = next.fetch_add(1);
      if (index >= ids->size()) return;
      check_((*ids)[index]);
      checked.fetch_add(1);
    }
  };
  const std::size_t workers =
      std::min<std::size_t>(static_cast<std::size_t>(options_.concurrency), ids->size());
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    for (std::size_t i = 0; i < workers; ++i) pool.emplace_back(work);
  }  // joins every worker
  round.checked = checked.load();
  round.stopped = round.checked < round.registries;
  round.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return round;
}

}  // namespace reghub::service
