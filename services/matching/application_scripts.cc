#include "services/matching/application_scripts.h"

#include <string>

namespace cadre::matching {
namespace {

// The compare-and-set every change of a record makes: K[1] the record ({v, pb}), A[2] the
// version expected. Sets `v`, the current version, for the writes.
constexpr char kVersionGuard[] = R"lua(
local v = redis.call('HGET', K[1], 'v')
if not v then return {'NOTFOUND'} end
if v ~= A[2] then return {'STALE'} end
)lua";

}  // namespace

// K: applicant, application, the three indexes, live, roles-applied.
// A: id, bytes, role id, submit ms, max live.
const OutboxScript& SubmitScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = R"lua(
if redis.call('EXISTS', K[1]) == 0 then return {'NOTFOUND'} end
local live = redis.call('HGET', K[6], A[3])
if live then return {'LIVE', live} end
if redis.call('HLEN', K[6]) >= tonumber(A[5]) then return {'TOOMANY'} end
)lua",
      .writes = R"lua(
redis.call('HSET', K[2], 'v', '1', 'pb', A[2])
redis.call('ZADD', K[3], A[4], A[1])
redis.call('ZADD', K[4], A[4], A[1])
redis.call('ZADD', K[5], A[4], A[1])
redis.call('HSET', K[6], A[3], A[1])
redis.call('ZADD', K[7], 'NX', A[4], A[3])
)lua",
  });
  return *kScript;
}

// K: application, live, offers. A: id, expected version, bytes, role id, ends ('1'),
// offer lapses at (ms, or '').
const OutboxScript& MoveScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = kVersionGuard,
      .writes = R"lua(
redis.call('HSET', K[1], 'v', tostring(tonumber(v) + 1), 'pb', A[3])
if A[5] == '1' then
  if redis.call('HGET', K[2], A[4]) == A[1] then redis.call('HDEL', K[2], A[4]) end
  redis.call('ZREM', K[3], A[1])
end
if A[6] ~= '' then redis.call('ZADD', K[3], A[6], A[1]) end
)lua",
  });
  return *kScript;
}

// K: application, live, offers, accepted count, placement, the placement's three indexes,
// active, fill queue. A: id, expected version, application bytes, role id, placement
// bytes, places, most roles, start ms, fill at ms.
const OutboxScript& AcceptScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = std::string(kVersionGuard) + R"lua(
if tonumber(redis.call('GET', K[4]) or '0') >= tonumber(A[6]) then return {'FULL'} end
if redis.call('SCARD', K[9]) >= tonumber(A[7]) then return {'MOSTROLES'} end
)lua",
      .writes = R"lua(
redis.call('HSET', K[1], 'v', tostring(tonumber(v) + 1), 'pb', A[3])
if redis.call('HGET', K[2], A[4]) == A[1] then redis.call('HDEL', K[2], A[4]) end
redis.call('ZREM', K[3], A[1])
local taken = redis.call('INCR', K[4])
redis.call('HSET', K[5], 'v', '1', 'pb', A[5])
redis.call('ZADD', K[6], A[8], A[1])
redis.call('ZADD', K[7], A[8], A[1])
redis.call('ZADD', K[8], A[8], A[1])
redis.call('SADD', K[9], A[1])
if taken >= tonumber(A[6]) then redis.call('ZADD', K[10], A[9], A[4]) end
)lua",
  });
  return *kScript;
}

// K: placement, active. A: id, expected version, bytes, ends ('1').
const OutboxScript& PlacementScript() {
  static const auto* const kScript = new OutboxScript({
      .guards = kVersionGuard,
      .writes = R"lua(
redis.call('HSET', K[1], 'v', tostring(tonumber(v) + 1), 'pb', A[3])
if A[4] == '1' then redis.call('SREM', K[2], A[1]) end
)lua",
  });
  return *kScript;
}

// Due roles answered and put off by the lease, in one step. K: the queue. A: now ms,
// lease ms, limit.
const RedisScript& ClaimScript() {
  static const auto* const kScript = new RedisScript(R"lua(
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local until_ms = tonumber(ARGV[1]) + tonumber(ARGV[2])
for _, id in ipairs(due) do redis.call('ZADD', KEYS[1], until_ms, id) end
return due
)lua");
  return *kScript;
}

}  // namespace cadre::matching
