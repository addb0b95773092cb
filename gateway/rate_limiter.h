// Per-client-address token buckets.
#ifndef PORTAL_GATEWAY_RATE_LIMITER_H_
#define PORTAL_GATEWAY_RATE_LIMITER_H_

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/base/thread_annotations.h"

namespace portal::gateway {

struct RateLimit {
  double requests_per_minute = 120;
  double burst = 30;  // Requests a quiet client may make at once.
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  explicit RateLimiter(RateLimit limit) : limit_(limit) {}

  // Takes one request from `client`'s bucket. Returns 0 when allowed, else the whole
  // seconds until a request will be allowed (at least 1), for Retry-After.
  int Acquire(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  static constexpr size_t kShards = 16;
  // Past this many clients in a shard, buckets that have refilled are dropped.
  static constexpr size_t kMaxClientsPerShard = 20000;

  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Bucket> buckets ABSL_GUARDED_BY(mutex);
  };

  void DropFullBucketsLocked(Shard& shard, Clock::time_point now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mutex);

  const RateLimit limit_;
  std::array<Shard, kShards> shards_;
};

}  // namespace portal::gateway

#endif  // PORTAL_GATEWAY_RATE_LIMITER_H_
