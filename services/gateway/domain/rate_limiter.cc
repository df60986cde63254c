#include "services/gateway/domain/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace cadre::gateway {

RateLimiter::RateLimiter(RateLimit limit, const Clock* clock) : limit_(limit), clock_(clock) {}

bool RateLimiter::Allow(absl::string_view address, absl::Duration* retry_after) {
  if (limit_.per_minute <= 0) return true;
  const absl::Time now = clock_->Now();
  const double per_second = limit_.per_minute / 60.0;
  const double burst = std::max(1, limit_.burst);
  absl::MutexLock lock(&mu_);
  auto found = buckets_.find(address);
  if (found == buckets_.end()) {
    EvictIfFull(now);
    found = buckets_.emplace(std::string(address), Bucket{burst, now}).first;
  }
  Bucket& bucket = found->second;
  const double elapsed = std::max(0.0, absl::ToDoubleSeconds(now - bucket.refilled));
  bucket.tokens = std::min(burst, bucket.tokens + elapsed * per_second);
  bucket.refilled = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return true;
  }
  if (retry_after != nullptr) {
    *retry_after = absl::Seconds(std::ceil((1.0 - bucket.tokens) / per_second));
  }
  return false;
}

void RateLimiter::EvictIfFull(absl::Time now) {
  if (buckets_.size() < limit_.max_addresses) return;
  // Full buckets are those idle long enough to have refilled: forgetting them changes
  // nothing. If none is, forget everything (a flood of addresses; rare and bounded).
  const absl::Duration refill =
      absl::Seconds(std::max(1, limit_.burst) * 60.0 / std::max(1, limit_.per_minute));
  absl::erase_if(buckets_,
                 [&](const auto& entry) { return now - entry.second.refilled >= refill; });
  if (buckets_.size() >= limit_.max_addresses) buckets_.clear();
}

}  // namespace cadre::gateway
