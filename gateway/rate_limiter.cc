#include "gateway/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace portal::gateway {

int RateLimiter::Acquire(const std::string& client, Clock::time_point now) {
  Shard& shard = shards_[std::hash<std::string>{}(client) % kShards];
  const double per_second = limit_.requests_per_minute / 60.0;

  std::lock_guard<std::mutex> lock(shard.mutex);
  if (shard.buckets.size() > kMaxClientsPerShard) DropFullBucketsLocked(shard, now);

  auto [it, inserted] = shard.buckets.try_emplace(client, Bucket{limit_.burst, now});
  Bucket& bucket = it->second;
  if (!inserted) {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * per_second);
    bucket.updated = now;
  }
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return 0;
  }
  const double wait = (1.0 - bucket.tokens) / per_second;
  return std::max(1, static_cast<int>(std::ceil(wait)));
}

void RateLimiter::DropFullBucketsLocked(Shard& shard, Clock::time_point now) {
  const double per_second = limit_.requests_per_minute / 60.0;
  for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
    const double elapsed = std::chrono::duration<double>(now - it->second.updated).count();
    if (it->second.tokens + elapsed * per_second >= limit_.burst) {
      it = shard.buckets.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace portal::gateway
