#pragma once

// The outbox write: one Lua script changes a service's records and, in the same atomic
// step, appends the events that announce the change, the audit entries that record who
// made it, the request id that makes a create idempotent and the caller's write-rate
// count. A service writes only its own guarded body (Lua) and key names; the kit wraps
// the body in a shared preamble and epilogue.
//
// Script layout (one script: preamble + guards + rate count + writes + epilogue):
//   1. preamble  K and A are set to the body's own keys and args; a request id used
//                before answers {'DUP', prior resource} at once.
//   2. guards    the body's checks, reads only (compare-and-set on versions, a count
//                under a cap, a member absent from a set...). A guard that fails returns
//                its own word, e.g. `return {'STALE', cur}`, and nothing at all has been
//                written: no record, event, audit entry, rate count or request id.
//   3. rate      the actor's write counter is incremented only now, so that retries and
//                conflicts cost nothing; over the limit answers {'RATE'}.
//   4. writes    the body's changes: records, indexes, counters. Never returns, and
//                must not fail: Redis does not roll a script back (every check that could
//                fail belongs in the guards).
//   5. epilogue  XADD each event, XADD each audit entry (actor first), SET the request
//                id to the resource with its TTL; answers {'OK', outbox_out}.
// The writes may append strings to the kit's table `outbox_out` (say the hashes of the
// keys a change revoked); a written change answers them as OutboxResult::out.
// Guards and writes are one chunk of Lua, so a local a guard sets (say the current
// version) is visible to the writes. The kit's own locals are K, A and names starting
// `outbox_`; a body must not redefine them, nor answer the kit's words 'OK', 'DUP' or
// 'RATE'.
//
// KEYS, as sent:
//   KEYS[1] request-id key ("" when none)   KEYS[2] rate counter ("" when none)
//   KEYS[3] event stream                    KEYS[4] audit stream
//   KEYS[5...] the body's keys              (the body reads them as K[1], K[2], ...)
// ARGV, as sent:
//   ARGV[1] request TTL in seconds ('0': no request id)   ARGV[2] resource it records
//   ARGV[3] rate limit ('0': none)   ARGV[4] rate counter TTL in seconds
//   ARGV[5] event stream maxlen      ARGV[6] audit stream maxlen (entries, approximate)
//   ARGV[7] actor   ARGV[8] number of body args   ARGV[9] number of events
//   ARGV[10] number of audit entries
//   ARGV[11...] the body's args      (the body reads them as A[1], A[2], ...)
//   then each event, then each audit entry: its number of fields n, then n field-value
//   pairs.
//
// Key schema: the kit names no key. Each service passes its own (under its own prefix):
// its event and audit streams, a request-id key per actor and request id, and a rate
// counter per actor and window (e.g. "registry:rate:{actor}:{unix minute}").
//
// The registry's one-record write (services/registry/registry_store.cc) is the first
// body; tests/common/redis/outbox_test.cc has a two-record one with guards. A smaller
// example, a body that creates a record only if it is absent:
//   OutboxScript script({.guards = "if redis.call('EXISTS', K[1]) == 1 then "
//                                  "return {'EXISTS'} end",
//                        .writes = "redis.call('SET', K[1], A[1])"});
//   script.Run(redis, {.keys = {"svc:thing:7"}, .args = {bytes}, .actor = "admin", ...});

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/redis_client.h"

namespace cadre {

// A rate counter's life, in seconds: two minutes, so that a counter of one clock minute
// outlives the minute it counts (and a replica whose clock is a little behind still
// finds it), then goes by itself.
inline constexpr int kOutboxRateTtlSeconds = 120;

// The fields of one stream entry, in order: {{"type", "ROLE_CREATED"}, {"pb", bytes}}.
using OutboxFields = std::vector<std::pair<std::string, std::string>>;

// Entries appended to one stream, trimmed to about `max_len` entries (MAXLEN ~).
struct OutboxStream {
  std::string key;      // "" only when `entries` is empty
  int64_t max_len = 0;  // entries kept, approximately; more than 0 when `entries` is not empty
  std::vector<OutboxFields> entries;  // each with at least one field
};

// The record of an idempotent create: `key` names the actor's request id, and holds
// `resource` for `ttl_seconds` after the write.
struct OutboxRequest {
  std::string key;       // "": no request id
  std::string resource;  // answered to a repeat as OutboxResult::prior_resource
  int ttl_seconds = 0;   // more than 0 when `key` is set
};

// The actor's write-rate counter.
struct OutboxRate {
  std::string key;  // "" or limit 0: no limit
  int limit = 0;    // changes allowed in the counter's window
  int ttl_seconds = kOutboxRateTtlSeconds;
};

// One outbox write: the body's keys and args, and what the kit writes around them.
struct OutboxWrite {
  std::vector<std::string> keys;  // the body's K[1], K[2], ...
  std::vector<std::string> args;  // the body's A[1], A[2], ...
  std::string actor;              // first field of every audit entry
  OutboxStream events;            // the events announcing the change
  OutboxStream audit;             // the audit entries; "actor" is prepended to each
  OutboxRequest request;
  OutboxRate rate;
};

enum class OutboxOutcome {
  kWritten,      // the body's writes, the events, audit entries and request id are stored
  kDuplicate,    // the request id was used before: prior_resource; nothing written
  kRateLimited,  // the actor is over its limit; nothing written but the count
  kRefused,      // a guard of the body refused: refusal (and detail); nothing written
};

struct OutboxResult {
  OutboxOutcome outcome = OutboxOutcome::kWritten;
  std::string prior_resource;    // kDuplicate
  std::string refusal;           // kRefused: the body's word, e.g. "STALE"
  std::string detail;            // kRefused: the second element of its answer, if any
  std::vector<std::string> out;  // kWritten: what the writes appended to outbox_out

  bool refused(absl::string_view word) const {
    return outcome == OutboxOutcome::kRefused && refusal == word;
  }
};

// The Lua a service writes: see the layout above.
struct OutboxBody {
  std::string guards;  // may `return {'WORD'}` or `return {'WORD', detail}`
  std::string writes;  // never returns
};

// A body wrapped in the kit's preamble and epilogue, run with EVALSHA (loaded again after
// a Redis restart). Immutable, so thread-safe; build each once (a function-local static).
class OutboxScript {
 public:
  explicit OutboxScript(const OutboxBody& body);

  const RedisScript& script() const { return script_; }

  // Runs the script for `write`.
  // Errors: as RedisClient::Eval (UNAVAILABLE, INTERNAL for a Lua error); INTERNAL for a
  // malformed `write` (an entry with no fields, a stream without a key or max_len, a
  // request key without a TTL) or an answer of another shape.
  absl::StatusOr<OutboxResult> Run(RedisClient& redis, const OutboxWrite& write) const;

 private:
  RedisScript script_;
};

}  // namespace cadre
