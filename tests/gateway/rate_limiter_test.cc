#include "gateway/rate_limiter.h"

#include <gtest/gtest.h>

namespace portal::gateway {
namespace {

using Clock = RateLimiter::Clock;

TEST(RateLimiter, AllowsTheBurstThenAsksToWait) {
  RateLimiter limiter({60, 3});
  const Clock::time_point now = Clock::now();
  EXPECT_EQ(limiter.Acquire("a", now), 0);
  EXPECT_EQ(limiter.Acquire("a", now), 0);
  EXPECT_EQ(limiter.Acquire("a", now), 0);
  EXPECT_EQ(limiter.Acquire("a", now), 1);
}

TEST(RateLimiter, RefillsAtTheConfiguredRate) {
  RateLimiter limiter({60, 1});
  const Clock::time_point now = Clock::now();
  EXPECT_EQ(limiter.Acquire("a", now), 0);
  EXPECT_GT(limiter.Acquire("a", now + std::chrono::milliseconds(500)), 0);
  EXPECT_EQ(limiter.Acquire("a", now + std::chrono::milliseconds(1600)), 0);
}

TEST(RateLimiter, KeepsClientsApart) {
  RateLimiter limiter({60, 1});
  const Clock::time_point now = Clock::now();
  EXPECT_EQ(limiter.Acquire("a", now), 0);
  EXPECT_GT(limiter.Acquire("a", now), 0);
  EXPECT_EQ(limiter.Acquire("b", now), 0);
}

TEST(RateLimiter, RetryAfterCoversTheWait) {
  RateLimiter limiter({6, 1});  // One request every 10 s.
  const Clock::time_point now = Clock::now();
  EXPECT_EQ(limiter.Acquire("a", now), 0);
  EXPECT_EQ(limiter.Acquire("a", now), 10);
}

}  // namespace
}  // namespace portal::gateway
