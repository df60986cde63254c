#pragma once

// Limits on attempts to sign up and sign in, in Redis so that every replica counts
// together: the matching service's for applicants, the registry's for bodies' staff, each
// under its own key prefix. Subjects are digests (of an email or a client address: the
// matching service's HMACs, the registry's SHA-256), never the address itself.
//
//   {prefix}limit:{what}:{subject}:{window}     attempts in one fixed window (expires
//                                               with it)
//   {prefix}signin-failures:{email digest}:{window}  failed sign-ins in one fixed window
//   {prefix}signin-lock:{email digest}          the time (unix ms) sign-in is locked until
//
// Windows and the lock read the service's clock (tests move it on); Redis's own expiry
// only tidies the keys away afterwards.
//
// Errors: UNAVAILABLE when Redis is unreachable.

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/redis_client.h"

namespace cadre {

struct LockoutPolicy {
  int failures = 10;                          // failed sign-ins that lock an email...
  absl::Duration window = absl::Minutes(15);  // ...within this long
  absl::Duration lock_for = absl::Minutes(15);
};

// Thread-safe.
class AttemptLimits {
 public:
  // `prefix`: the owner's, ending ':' or '-' ("matching:", "registry:staff-").
  AttemptLimits(RedisClient* redis, std::string prefix)
      : redis_(redis), prefix_(std::move(prefix)) {}

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
  std::string FailuresKey(const std::string& email_key, absl::Duration window,
                          absl::Time now) const;
  std::string LockKey(const std::string& email_key) const;

  RedisClient* redis_;
  std::string prefix_;
};

}  // namespace cadre
