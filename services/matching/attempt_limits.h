#pragma once

// Limits on attempts to sign up and sign in, in Redis so that every replica counts
// together. Subjects are HMACs (of an email or a client address, see EmailKeyer), never
// the address itself.
//
//   matching:limit:{what}:{subject}:{window}   attempts in one fixed window (expires
//                                              with it)
//   matching:signin-failures:{email hmac}:{window}  failed sign-ins in one fixed window
//   matching:signin-lock:{email hmac}          the time (unix ms) sign-in is locked until
//
// Windows and the lock read the service's clock (tests move it on); Redis's own expiry
// only tidies the keys away afterwards.
//
// Errors: UNAVAILABLE when Redis is unreachable.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/redis_client.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {

struct LockoutPolicy {
  int failures = 10;                          // failed sign-ins that lock an email...
  absl::Duration window = absl::Minutes(15);  // ...within this long
  absl::Duration lock_for = absl::Minutes(15);
};

// Thread-safe.
class AttemptLimits {
 public:
  explicit AttemptLimits(RedisClient* redis) : redis_(redis) {}

  // Counts one attempt of `what` ("signup-address") by `subject` in the fixed window of
  // `window` that holds `now`; false when it is more than `limit` in that window.
  absl::StatusOr<bool> Allow(absl::string_view what, absl::string_view subject, int limit,
                             absl::Duration window, absl::Time now);

  absl::StatusOr<bool> IsLocked(const std::string& email_key, absl::Time now);
  // Counts a failed sign-in for the email (known to the service or not) in the policy's
  // window that holds `now`; the failure that reaches the policy's count locks the email
  // until `now` + lock_for.
  absl::Status RecordFailure(const std::string& email_key, const LockoutPolicy& policy,
                             absl::Time now);

 private:
  RedisClient* redis_;
};

}  // namespace cadre::matching
