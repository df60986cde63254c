#pragma once

// A token bucket per client address, in memory: anonymous callers (every page visitor,
// JSON calls without a key) get `per_minute` requests a minute with bursts of `burst`.
// Each gateway replica counts on its own, so behind N replicas an address gets up to N
// times the rate; that bounds a flood from one address without a Redis call a request.
// Addresses beyond `max_addresses` push out the least recently refilled ones.
//
// Thread-safe.

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"

namespace cadre::gateway {

struct RateLimit {
  int per_minute = 600;  // requests a minute an address may sustain; 0: no limit
  int burst = 120;       // requests an idle address may make at once
  size_t max_addresses = 100000;
};

class RateLimiter {
 public:
  RateLimiter(RateLimit limit, const Clock* clock);

  // Takes one request from `address`'s bucket: true if allowed. When refused,
  // `*retry_after` (if not null) is how long until one request is allowed again.
  bool Allow(absl::string_view address, absl::Duration* retry_after = nullptr);

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time refilled;
  };
  void EvictIfFull(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const RateLimit limit_;
  const Clock* clock_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace cadre::gateway
