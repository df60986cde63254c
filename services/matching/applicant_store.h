#pragma once

// Redis persistence of the matching service's people: the only code that knows its key
// names. Personal data lives only in the records below, never in a key name, an event,
// an audit entry or a log line (emails are indexed by an HMAC of the normalised address).
//
//   matching:applicant:{id}      hash {v: version, pb: Applicant, pw: scrypt string,
//                                      email_key: HMAC of the email}
//   matching:email:{hmac}        string: the id holding that email (unique)
//   matching:applicants          sorted set of ids, score: create time in ms
//   matching:pending             sorted set of pending ids, score: when to remove them (ms)
//   matching:equality:{id}       string: EqualityMonitoring bytes (kept apart)
//   matching:credentials:{id}    hash {n: Credential bytes}; matching:seq:credential:{id}
//   matching:events              stream {type, pb: MatchingEvent}: ids and states only,
//                                trimmed to about 100,000 entries
//   matching:audit               stream {actor, action, resource, version}, trimmed to
//                                about 1,000,000 entries
//   matching:request:{actor}:{kind}:{request_id}  the resource a create made (a day)
//   matching:rate:{actor}:{minute}                a body's changes counted (120 s)
//
// Every change is one outbox script (services/common/outbox.h) with a compare-and-set on
// the applicant's version: records, indexes, the event and the audit entry change
// together or not at all.
//
// Errors: UNAVAILABLE when Redis is unreachable; INTERNAL for a record that does not
// parse; the outcomes below.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cadre/v1/matching.pb.h"
#include "cadre/v1/matching_events.pb.h"
#include "services/common/redis_client.h"

namespace cadre::matching {

// An applicant as stored: the record, its version, and what never leaves the service.
struct StoredApplicant {
  cadre::v1::Applicant applicant;  // etag set from the version
  int64_t version = 0;
  std::string password_hash;  // the kit's scrypt string
  std::string email_key;      // HMAC of the normalised email
  // Only when a write changes the email: the HMAC of the email held until now, whose
  // index entry the write removes.
  std::string previous_email_key;
};

enum class StoreOutcome {
  kWritten,
  kEmailTaken,  // another applicant holds the email
  kStale,       // the applicant's version is not the one expected
  kNotFound,    // no such applicant
  kDuplicate,   // the request id was used before: prior_resource
  kRateLimited,
  kTooMany,  // a per-person cap (credentials)
};

struct StoreResult {
  StoreOutcome outcome = StoreOutcome::kWritten;
  std::string prior_resource;
};

// One change of an applicant: what it announces and who made it.
struct Change {
  cadre::v1::MatchingEvent::Type event = cadre::v1::MatchingEvent::TYPE_UNSPECIFIED;
  std::string action;  // for the audit entry: "sign-up", "update-profile", ...
  std::string actor;   // Principal::Actor()
  absl::Time time;
};

// Thread-safe (the RedisClient is).
class ApplicantStore {
 public:
  explicit ApplicantStore(RedisClient* redis) : redis_(redis) {}

  absl::StatusOr<absl::optional<StoredApplicant>> Get(const std::string& id);
  // Get as one command and its parse, for reads pipelined with others' (application_store.h).
  static std::vector<std::string> GetCommand(const std::string& id);
  // Get without the secrets (password hash, email key), which ParseGet then leaves empty:
  // for reads of many people at once that only rank or screen them.
  static std::vector<std::string> GetProfileCommand(const std::string& id);
  static absl::StatusOr<absl::optional<StoredApplicant>> ParseGet(RedisReply reply,
                                                                  const std::string& id);
  // The id holding the email with this HMAC, if any.
  absl::StatusOr<absl::optional<std::string>> FindByEmailKey(const std::string& email_key);

  // A new pending applicant (version 1), reserving its email; removed by RemovePending
  // after `pending_until` unless Activate runs first. kEmailTaken if the email is held.
  absl::StatusOr<StoreResult> CreatePending(const StoredApplicant& record, absl::Time pending_until,
                                            const Change& change);
  // Pending → active (version + 1), with the APPLICANT_SIGNED_UP event.
  absl::StatusOr<StoreResult> Activate(const StoredApplicant& record, const Change& change);
  // Replaces the record at `record.version` (written as version + 1). When `new_email_key`
  // differs from the stored one, the email index moves with it (kEmailTaken if the new
  // email is held).
  absl::StatusOr<StoreResult> Update(const StoredApplicant& record, const Change& change);
  // Removes a still-pending applicant and frees its email; kStale if it became active.
  absl::StatusOr<StoreResult> RemovePending(const std::string& id, absl::Time now);
  // Erases the applicant: the record, its email index entry, its equality answers and
  // credentials, its place in every set; announces APPLICANT_ERASED. kNotFound if gone.
  absl::StatusOr<StoreResult> Erase(const std::string& id, const Change& change);
  // The equality answers, stored apart.
  absl::StatusOr<absl::optional<std::string>> GetEquality(const std::string& id);
  // Sets (or, with empty bytes, removes) the answers; kNotFound if no such applicant.
  absl::StatusOr<StoreResult> SetEquality(const std::string& id, const std::string& bytes,
                                          const Change& change);
  // The stored answers of each id (nullopt where none), in order.
  absl::StatusOr<std::vector<absl::optional<std::string>>> GetEqualities(
      const std::vector<std::string>& ids);
  // Pending applicants due for removal at `now`, oldest first, at most `limit`.
  absl::StatusOr<std::vector<std::string>> DuePending(absl::Time now, int limit);

  // Admin listing: ids in create order after the one with `after_score`/`after_id`.
  absl::StatusOr<std::vector<std::string>> ListIds(int64_t after_ms, const std::string& after_id,
                                                   int limit);

 private:
  absl::StatusOr<StoreResult> Write(const StoredApplicant& record, int64_t expected_version,
                                    const std::string& op, const Change& change,
                                    const std::vector<std::string>& extra_args);

  RedisClient* redis_;
};

// Key names, shared with the store's other parts (credentials, equality, erasure).
std::string ApplicantKey(const std::string& id);
std::string EmailKey(const std::string& email_key);
std::string EqualityKey(const std::string& id);
inline constexpr char kApplicantsKey[] = "matching:applicants";
inline constexpr char kPendingKey[] = "matching:pending";
inline constexpr char kEventsKey[] = "matching:events";
inline constexpr char kAuditKey[] = "matching:audit";
inline constexpr int64_t kEventsMaxLen = 100000;
inline constexpr int64_t kAuditMaxLen = 1000000;

}  // namespace cadre::matching
