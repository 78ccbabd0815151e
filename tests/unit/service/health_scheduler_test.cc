#include "service/health_scheduler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace reghub::service {
namespace {

using namespace std::chrono_literals;

// A SchedulerClock moved by hand: SleepUntil blocks until Advance() reaches
// the deadline or a stop is requested.
class FakeSchedulerClock final : public SchedulerClock {
 public:
  TimePoint Now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  bool SleepUntil(TimePoint deadline, std::stop_token stop) override {
    std::unique_lock lock(mutex_);
    ++sleepers_;
    cv_.notify_all();
    bool reached = cv_.wait(lock, stop, [&] { return now_ >= deadline; });
    --sleepers_;
    return reached;
  }
  void Advance(std::chrono::seconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
    cv_.notify_all();
  }
  // Waits until the scheduler sleeps (between rounds).
  bool WaitForSleeper(std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return sleepers_ > 0; });
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable_any cv_;
  TimePoint now_{};
  int sleepers_ = 0;
};

// A checker that counts the checks running at once and can hold them.
class FakeChecker {
 public:
  void Check(const std::string& id) {
    std::unique_lock lock(mutex_);
    ++running_;
    max_running_ = std::max(max_running_, running_);
    started_.push_back(id);
    cv_.notify_all();
    cv_.wait(lock, [&] { return !holding_; });
    --running_;
    ++finished_;
    cv_.notify_all();
  }
  void Hold() {
    std::lock_guard lock(mutex_);
    holding_ = true;
  }
  void Release() {
    std::lock_guard lock(mutex_);
    holding_ = false;
    cv_.notify_all();
  }
  bool WaitForStarted(std::size_t count, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return started_.size() >= count; });
  }
  bool WaitForFinished(std::size_t count, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return finished_ >= count; });
  }
  int max_running() {
    std::lock_guard lock(mutex_);
    return max_running_;
  }
  std::size_t started() {
    std::lock_guard lock(mutex_);
    return started_.size();
  }
  std::vector<std::string> started_ids() {
    std::lock_guard lock(mutex_);
    return started_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool holding_ = false;
  int running_ = 0;
  int max_running_ = 0;
  std::size_t finished_ = 0;
  std::vector<std::string> started_;
};

std::vector<std::string> Ids(int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) ids.push_back("r" + std::to_string(i));
  return ids;
}

class HealthSchedulerTest : public ::testing::Test {
 protected:
  std::unique_ptr<HealthScheduler> Make(HealthSchedulerOptions options, int registries) {
    return std::make_unique<HealthScheduler>(
        options, clock_, [registries]() -> Result<std::vector<std::string>> { return Ids(registries); },
        [this](const std::string& id) { checker_.Check(id); },
        [this](const HealthRound& round) {
          std::lock_guard lock(mutex_);
          rounds_.push_back(round);
          cv_.notify_all();
        });
  }
  bool WaitForRounds(std::size_t count) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, 5s, [&] { return rounds_.size() >= count; });
  }
  std::size_t Rounds() {
    std::lock_guard lock(mutex_);
    return rounds_.size();
  }

  FakeSchedulerClock clock_;
  FakeChecker checker_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<HealthRound> rounds_;
};

TEST_F(HealthSchedulerTest, RoundChecksEveryRegistryOnceAtMostConcurrencyAtATime) {
  auto scheduler = Make({.interval = 60s, .concurrency = 3}, 40);
  checker_.Hold();
  std::thread round([&] {
    HealthRound result = scheduler->RunRound();
    EXPECT_EQ(result.registries, 40u);
    EXPECT_EQ(result.checked, 40u);
    EXPECT_FALSE(result.stopped);
  });
  ASSERT_TRUE(checker_.WaitForStarted(3));
  std::this_thread::sleep_for(50ms);  // room for a fourth check, were the bound broken
  EXPECT_EQ(checker_.started(), 3u) << "only three checks may run while they are held";
  checker_.Release();
  round.join();
  EXPECT_EQ(checker_.max_running(), 3);
  auto ids = checker_.started_ids();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 40u);
  EXPECT_EQ(ids.size(), 40u);
}

TEST_F(HealthSchedulerTest, FirstRoundRunsOneIntervalAfterStartThenEveryInterval) {
  auto scheduler = Make({.interval = 300s, .concurrency = 2}, 5);
  scheduler->Start();
  ASSERT_TRUE(clock_.WaitForSleeper());
  clock_.Advance(299s);
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(Rounds(), 0u) << "no round before the interval has passed";
  clock_.Advance(1s);
  ASSERT_TRUE(WaitForRounds(1));
  EXPECT_EQ(checker_.started(), 5u);
  ASSERT_TRUE(clock_.WaitForSleeper());
  clock_.Advance(300s);
  ASSERT_TRUE(WaitForRounds(2));
  EXPECT_EQ(checker_.started(), 10u);
  scheduler->Stop();
}

TEST_F(HealthSchedulerTest, RoundsNeverOverlapAndAnOverrunSkipsTheMissedTicks) {
  auto scheduler = Make({.interval = 60s, .concurrency = 4}, 8);
  scheduler->Start();
  ASSERT_TRUE(clock_.WaitForSleeper());
  checker_.Hold();
  clock_.Advance(60s);
  ASSERT_TRUE(checker_.WaitForStarted(4));
  // The round is stuck for five intervals: no second round may start.
  for (int i = 0; i < 5; ++i) clock_.Advance(60s);
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(checker_.started(), 4u);
  EXPECT_EQ(Rounds(), 0u);
  checker_.Release();
  ASSERT_TRUE(WaitForRounds(1));
  ASSERT_TRUE(clock_.WaitForSleeper());
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(Rounds(), 1u) << "the missed ticks are skipped, not caught up";
  EXPECT_EQ(checker_.max_running(), 4);
  clock_.Advance(60s);
  ASSERT_TRUE(WaitForRounds(2));
  EXPECT_EQ(checker_.started(), 16u);
}

TEST_F(HealthSchedulerTest, StopDuringASleepReturnsPromptly) {
  auto scheduler = Make({.interval = 3600s, .concurrency = 2}, 3);
  scheduler->Start();
  ASSERT_TRUE(clock_.WaitForSleeper());
  auto started = std::chrono::steady_clock::now();
  scheduler->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  EXPECT_EQ(Rounds(), 0u);
}

TEST_F(HealthSchedulerTest, StopDuringARoundStartsNoFurtherCheckAndWaitsForRunningOnes) {
  auto scheduler = Make({.interval = 60s, .concurrency = 2}, 50);
  scheduler->Start();
  ASSERT_TRUE(clock_.WaitForSleeper());
  checker_.Hold();
  clock_.Advance(60s);
  ASSERT_TRUE(checker_.WaitForStarted(2));
  std::thread stopper([&] { scheduler->Stop(); });
  std::this_thread::sleep_for(50ms);
  checker_.Release();
  stopper.join();
  EXPECT_TRUE(checker_.WaitForFinished(2));
  EXPECT_LE(checker_.started(), 4u) << "at most one more check per worker after the stop";
  ASSERT_EQ(Rounds(), 1u);
  EXPECT_TRUE(rounds_.front().stopped);
  EXPECT_LT(rounds_.front().checked, 50u);
}

TEST_F(HealthSchedulerTest, ZeroIntervalDisablesTheScheduler) {
  auto scheduler = Make({.interval = 0s, .concurrency = 2}, 3);
  scheduler->Start();
  EXPECT_FALSE(clock_.WaitForSleeper(50ms));
  clock_.Advance(3600s);
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(checker_.started(), 0u);
}

TEST_F(HealthSchedulerTest, AFailedListingIsReportedAndChecksNothing) {
  HealthScheduler scheduler(
      {.interval = 60s, .concurrency = 2}, clock_,
      []() -> Result<std::vector<std::string>> { return Error::Unavailable("database down"); },
      [this](const std::string& id) { checker_.Check(id); });
  HealthRound round = scheduler.RunRound();
  EXPECT_EQ(round.error, "database down");
  EXPECT_EQ(round.checked, 0u);
  EXPECT_EQ(checker_.started(), 0u);
}

TEST_F(HealthSchedulerTest, EmptyHubMakesAnEmptyRound) {
  auto scheduler = Make({.interval = 60s, .concurrency = 8}, 0);
  HealthRound round = scheduler->RunRound();
  EXPECT_EQ(round.registries, 0u);
  EXPECT_EQ(round.checked, 0u);
  EXPECT_FALSE(round.stopped);
}

}  // namespace
}  // namespace reghub::service
