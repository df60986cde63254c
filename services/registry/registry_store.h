#pragma once

// Redis persistence of the registry: the only code that knows its key names.
//
//   registry:body:{code}        hash {v: version, pb: Body}
//   registry:role:{id}          hash {v, pb: Role}
//   registry:avenue:{id}        hash {v, pb: Avenue}
//   registry:role_type:{id}     hash {v, pb: RoleType}
//   registry:bodies, registry:roles, registry:avenues, registry:role_types
//                               sorted sets of the ids (score: numeric id, else 0)
//   registry:seq:{role|avenue|body}   counters for new ids and Cadre-issued codes
//   registry:request:{actor}:{kind}:{request_id}  string: the resource a create made
//                               (TTL 86,400 s: a day to retry)
//   registry:events             stream of {type: event type name, pb: RegistryEvent},
//                               trimmed to about 100,000 entries
//   registry:audit              stream of {actor, action, resource, version}, trimmed
//                               to about 1,000,000 entries
//   registry:rate:{subject}:{unix minute}  changes counted for the write rate limit
//                               (TTL 120 s)
//   registry:closing            sorted set: the watch of open roles whose closing is yet
//                               to be announced (member: role id; score: closing time,
//                               unix milliseconds). Every write of a role changes it as
//                               domain/closing.h's ClosingWatchFor says, in the same
//                               script; the closing sweep announces a role and takes it off
//                               in one script, so that each closing is announced once
//                               however many replicas sweep at once.
//
// Every write is one outbox script (services/common/outbox.h): the record, its set
// membership, the event and the audit entry change together or not at all (a
// transactional outbox), with a compare-and-set on the record's version. The registry's
// body of that script, in registry_store.cc:
//   K: registry:{kind}:{id}, its collection
//   A: expected version ('0': must not exist), new version, record bytes, score, member,
//      op ('put' | 'del')
//   guards: EXISTS (create, but the record exists), NOTFOUND, STALE (another version)
//   writes: HSET {v, pb} and ZADD, or DEL and ZREM
// and for a role also
//   K: registry:closing   A: watch ('await' | 'rescore' | 'forget' | 'keep'), closing ms
//   writes: ZADD, ZADD XX, ZREM or nothing
// and the kit's parts: the request id (registry:request:...), the rate counter
// (registry:rate:...), one event {type, pb} and one audit entry {actor, action,
// resource, version}.
//
// The closing sweep's announcement of a role (WriteApplicationsClosed) is a script of its
// own:
//   K: registry:role:{id}, registry:closing   A: expected version, new version, id
//   guards: NOTFOUND, STALE (another version), UNWATCHED (not on the watch: announced)
//   writes: HSET v (the record's bytes do not change), ZREM
// with the same kit's parts (no request id, no rate limit).
//
// Errors: UNAVAILABLE when Redis is unreachable; INTERNAL for a record that does not
// parse; the write outcomes below.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "cadre/v1/registry_events.pb.h"
#include "services/common/outbox.h"
#include "services/common/redis_client.h"
#include "services/registry/domain/catalog.h"
#include "services/registry/domain/closing.h"

namespace cadre::registry {

template <typename T>
struct Stored {
  T value;
  int64_t version = 0;
};

// One write: the record (or nothing, to delete), what it announces, and its guards.
// Build it with designated initializers: Write{.expected_version = 0, .record = &role, ...}.
struct Write {
  // 0: the record must not exist yet (create). Otherwise the version it must have now.
  int64_t expected_version = 0;
  const google::protobuf::Message* record = nullptr;  // null deletes the record
  cadre::v1::RegistryEvent event;  // type, resource, version, time, actor, snapshot set
  std::string request_id;          // empty: none
  // Changes `rate_subject` may make in one clock minute (of event.time), counted in the
  // same script under registry:rate:{rate_subject}:{minute}; 0: no limit.
  int rate_limit = 0;
  // Whose changes rate_limit counts: a body's ("bodies/RXF", its key's and its staff's
  // alike), an applicant's; empty: the event's actor.
  std::string rate_subject;
  // For a role: what becomes of it on the closing watch (ignored for other records).
  ClosingWatchChange closing_watch;
};

// What a write did.
enum class WriteOutcome {
  kWritten,
  kExists,       // expected_version 0 but the record exists
  kNotFound,     // the record does not exist
  kStale,        // its version is not expected_version
  kDuplicate,    // the request id was used before; see prior_resource
  kRateLimited,  // the actor has made rate_limit changes this minute already
  kUnwatched,    // WriteApplicationsClosed: the role is not on the closing watch
};

struct WriteResult {
  WriteOutcome outcome = WriteOutcome::kWritten;
  std::string prior_resource;  // for kDuplicate
};

// Where the event stream begins now, for a view to tell whether events it has not read
// yet were trimmed away (see ViewSync). A stream that does not exist is empty.
struct EventStreamStart {
  std::string first_id = "0-0";  // the oldest entry still held; "0-0": none
  int64_t length = 0;            // entries held
  int64_t entries_added = 0;     // entries ever added to the stream (Redis 7.0+; else length)
};

// Thread-safe (the RedisClient is).
class RegistryStore {
 public:
  explicit RegistryStore(RedisClient* redis) : redis_(redis) {}

  absl::StatusOr<int64_t> NextRoleId();
  absl::StatusOr<int64_t> NextAvenueId();
  absl::StatusOr<int64_t> NextBodySequence();

  // The resource an earlier create by `actor` with `request_id` made, if any.
  // `kind`: "body", "role", "avenue" (request ids are kept per kind of resource).
  absl::StatusOr<absl::optional<std::string>> FindRequest(const std::string& actor,
                                                          absl::string_view kind,
                                                          const std::string& request_id);

  absl::StatusOr<absl::optional<Stored<cadre::v1::Body>>> GetBody(const std::string& code);
  absl::StatusOr<absl::optional<Stored<cadre::v1::Role>>> GetRole(int64_t id);
  absl::StatusOr<absl::optional<Stored<cadre::v1::Avenue>>> GetAvenue(int64_t id);
  absl::StatusOr<absl::optional<Stored<cadre::v1::RoleType>>> GetRoleType(const std::string& id);

  absl::StatusOr<WriteResult> WriteBody(const std::string& code, const Write& write);
  absl::StatusOr<WriteResult> WriteRole(int64_t id, const Write& write);
  absl::StatusOr<WriteResult> WriteAvenue(int64_t id, const Write& write);
  absl::StatusOr<WriteResult> WriteRoleType(const std::string& id, const Write& write);

  // Up to `limit` ids of roles on the closing watch whose closing time is at or before
  // `now` (to the millisecond), earliest first, skipping the first `offset`.
  absl::StatusOr<std::vector<int64_t>> WatchedRolesClosedBy(absl::Time now, int offset, int limit);
  // Announces that role `id`'s applications have closed: its version goes from
  // write.expected_version to write.event.version (its bytes stay as they are: write.record
  // is not written), it leaves the closing watch, and write.event and its audit entry are
  // appended, in one script. kNotFound, kStale, or kUnwatched (announced already) write
  // nothing.
  absl::StatusOr<WriteResult> WriteApplicationsClosed(int64_t id, const Write& write);

  // The id of the newest event, "0-0" when there is none: a view loads after reading it
  // and then tails the stream from it.
  absl::StatusOr<std::string> LastEventId();
  // Loads every record into `catalog` (bodies first, so roles find their body's kind).
  absl::Status LoadAll(Catalog& catalog);
  // Events after `after_id`, waiting up to the connection's block time for some.
  absl::StatusOr<std::vector<std::pair<std::string, cadre::v1::RegistryEvent>>> ReadEvents(
      RedisConnection& connection, const std::string& after_id, int block_ms, int count);
  // The stream's oldest entry and counts (XINFO STREAM), on `connection` (the view's own).
  absl::StatusOr<EventStreamStart> EventsStart(RedisConnection& connection);

 private:
  absl::StatusOr<WriteResult> WriteRecord(const std::string& kind, const std::string& id,
                                          int64_t score, const Write& write);
  // The kit's parts of every write: the event, its audit entry, request id and rate.
  static OutboxWrite OutboxParts(const std::string& kind, const Write& write,
                                 std::string event_bytes);
  static absl::StatusOr<WriteResult> ToWriteResult(OutboxResult outbox);
  template <typename T>
  absl::StatusOr<absl::optional<Stored<T>>> GetRecord(const std::string& key);
  template <typename T>
  absl::Status LoadKind(const std::string& kind, Catalog& catalog);

  RedisClient* redis_;
};

}  // namespace cadre::registry
