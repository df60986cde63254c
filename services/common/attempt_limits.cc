#include "services/common/attempt_limits.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"

namespace cadre {
namespace {

// KEYS[1] counter; ARGV[1] its life in ms. Answers the count.
const RedisScript& CountScript() {
  static const auto* const kScript = new RedisScript(R"lua(
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
)lua");
  return *kScript;
}

// KEYS[1] failures, KEYS[2] lock; ARGV: failures that lock, the counter's life in ms,
// locked until (unix ms), the lock's life in ms.
const RedisScript& FailureScript() {
  static const auto* const kScript = new RedisScript(R"lua(
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
  redis.call('DEL', KEYS[1])
end
return n
)lua");
  return *kScript;
}

}  // namespace

std::string AttemptLimits::FailuresKey(const std::string& email_key, absl::Duration window,
                                       absl::Time now) const {
  return absl::StrCat(prefix_, "signin-failures:", email_key, ":",
                      absl::ToUnixMillis(now) / absl::ToInt64Milliseconds(window));
}
std::string AttemptLimits::LockKey(const std::string& email_key) const {
  return absl::StrCat(prefix_, "signin-lock:", email_key);
}

absl::StatusOr<bool> AttemptLimits::Allow(absl::string_view what, absl::string_view subject,
                                          int limit, absl::Duration window, absl::Time now) {
  const int64_t window_ms = absl::ToInt64Milliseconds(window);
  const int64_t start = absl::ToUnixMillis(now) / window_ms;
  CADRE_ASSIGN_OR_RETURN(
      RedisReply count,
      redis_->Eval(CountScript(), {absl::StrCat(prefix_, "limit:", what, ":", subject, ":", start)},
                   {absl::StrCat(window_ms + 60000)}));
  return count.integer <= limit;
}

absl::StatusOr<bool> AttemptLimits::IsLocked(const std::string& email_key, absl::Time now) {
  CADRE_ASSIGN_OR_RETURN(RedisReply reply, redis_->Command({"GET", LockKey(email_key)}));
  int64_t until_ms = 0;
  return !reply.is_nil() && absl::SimpleAtoi(reply.str, &until_ms) &&
         absl::ToUnixMillis(now) < until_ms;
}

absl::Status AttemptLimits::RecordFailure(const std::string& email_key, const LockoutPolicy& policy,
                                          absl::Time now) {
  const int64_t window_ms = absl::ToInt64Milliseconds(policy.window);
  const int64_t lock_ms = absl::ToInt64Milliseconds(policy.lock_for);
  return redis_
      ->Eval(FailureScript(), {FailuresKey(email_key, policy.window, now), LockKey(email_key)},
             {absl::StrCat(policy.failures), absl::StrCat(window_ms + 60000),
              absl::StrCat(absl::ToUnixMillis(now) + lock_ms),
              // Kept a day past the lock in Redis's own time, so that a test clock moved
              // on still finds it; the value decides.
              absl::StrCat(lock_ms + 86400000)})
      .status();
}

}  // namespace cadre
