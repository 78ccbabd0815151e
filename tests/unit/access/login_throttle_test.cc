#include "access/login_throttle.h"

#include <gtest/gtest.h>

namespace reghub::access {
namespace {

constexpr std::int64_t kT0 = 1'790'000'000;

TEST(LoginThrottle, AllowsFourFailuresAndRefusesTheFifthUntilTheWindowPasses) {
  LoginThrottle throttle;
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(throttle.Check("alice", "10.0.0.1", kT0 + i).ok());
    throttle.RecordFailure("alice", "10.0.0.1", kT0 + i);
  }
  EXPECT_TRUE(throttle.Check("alice", "10.0.0.1", kT0 + 4).ok());
  throttle.RecordFailure("alice", "10.0.0.1", kT0 + 4);
  Status refused = throttle.Check("alice", "10.0.0.2", kT0 + 10);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
  // The oldest failure (at kT0) ages out 15 minutes later.
  EXPECT_EQ(refused.error().retry_after_seconds, 900 - 10);
  EXPECT_NE(refused.error().message.find("try again in 15 minutes"), std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(throttle.Check("alice", "10.0.0.1", kT0 + 899).ok());
  EXPECT_TRUE(throttle.Check("alice", "10.0.0.1", kT0 + 900).ok());
}

TEST(LoginThrottle, UsernamesCompareWithoutCase) {
  LoginThrottle throttle({.per_username = 2, .per_source = 100, .window_seconds = 60});
  throttle.RecordFailure("Alice", "a", kT0);
  throttle.RecordFailure("ALICE", "b", kT0);
  EXPECT_FALSE(throttle.Check("alice", "c", kT0 + 1).ok());
  EXPECT_TRUE(throttle.Check("bob", "c", kT0 + 1).ok());
}

TEST(LoginThrottle, TwentyFailuresFromOneAddressRefuseEveryUsernameFromIt) {
  LoginThrottle throttle;
  for (int i = 0; i < 20; ++i) {
    throttle.RecordFailure("user" + std::to_string(i), "192.0.2.7", kT0);
  }
  Status refused = throttle.Check("someone-new", "192.0.2.7", kT0 + 60);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kTooManyRequests);
  EXPECT_EQ(refused.error().retry_after_seconds, 840);
  EXPECT_NE(refused.error().message.find("from 192.0.2.7"), std::string::npos);
  EXPECT_TRUE(throttle.Check("someone-new", "192.0.2.8", kT0 + 60).ok());
}

TEST(LoginThrottle, ASuccessForgetsTheUsernamesFailuresButNotTheSources) {
  LoginThrottle throttle({.per_username = 2, .per_source = 3, .window_seconds = 60});
  throttle.RecordFailure("alice", "a", kT0);
  throttle.RecordSuccess("alice");
  throttle.RecordFailure("alice", "a", kT0 + 1);
  EXPECT_TRUE(throttle.Check("alice", "b", kT0 + 2).ok());
  throttle.RecordFailure("bob", "a", kT0 + 2);
  EXPECT_FALSE(throttle.Check("carol", "a", kT0 + 3).ok());
}

TEST(LoginThrottle, RetryAfterFollowsTheSlidingWindow) {
  LoginThrottle throttle({.per_username = 2, .per_source = 100, .window_seconds = 100});
  throttle.RecordFailure("alice", "a", kT0);
  throttle.RecordFailure("alice", "a", kT0 + 50);
  EXPECT_EQ(throttle.Check("alice", "a", kT0 + 60).error().retry_after_seconds, 40);
  // After the first ages out, one more failure blocks again until the second does.
  ASSERT_TRUE(throttle.Check("alice", "a", kT0 + 100).ok());
  throttle.RecordFailure("alice", "a", kT0 + 100);
  EXPECT_EQ(throttle.Check("alice", "a", kT0 + 110).error().retry_after_seconds, 40);
}

}  // namespace
}  // namespace reghub::access
