#pragma once

// Redis persistence of bodies' staff accounts: the only code that knows their key names.
//
//   registry:staff:{id}            hash {v: version, pb: Staff (no etag), body: code,
//                                  pw: scrypt string ('' none), setup: SHA-256 hex of
//                                  the live set-up token ('' none), signin: unix ms of
//                                  the last sign-in}
//   registry:staff-of:{code}       sorted set of the body's staff ids (score: creation,
//                                  unix ms), every state
//   registry:staff-email:{sha256}  string: the id of the invited or active account whose
//                                  email (trimmed, lower-cased) has this SHA-256; freed
//                                  at deactivation, so unique across bodies
//   registry:staff-setup:{sha256}  string "{id}|{expiry, unix ms}": a set-up token by its
//                                  SHA-256 (the token itself is never stored). The expiry
//                                  is judged by the service's clock; the key's TTL (a day
//                                  past it) only tidies it away.
//   registry:staff-deactivated     sorted set: ids of deactivated accounts whose email is
//                                  still held (score: deactivation, unix ms)
//
// Every change is one outbox script (services/common/outbox.h): the record, its indexes,
// the set-up token and one entry on registry:audit {actor, action, resource, version}
// (the registry's one audit stream, as its other records') together or not at all, with
// a compare-and-set on the record's version; the creator's request id
// (registry:request:{actor}:staff:{request id}) and write rate (registry:rate:...) as
// the registry's other writes. A change that ends the member's keys (a new role, a
// deactivation, a new set-up link, a new password) revokes them in the same script
// (RevokeStaffKeysLua).
//
// Errors: UNAVAILABLE when Redis is unreachable; INTERNAL for a record that does not
// parse.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/redis_client.h"

namespace cadre::registry {

// An account as stored.
struct StoredStaff {
  cadre::v1::Staff staff;  // name, email, role, state, times; etag not set
  int64_t version = 0;
  std::string id;
  std::string body_code;
  std::string password_hash;  // "" until a password is set
  std::string setup_hash;     // "" when no set-up token is live
};

// Who made a change, for the audit entry and the rate limit.
struct StaffChange {
  std::string actor;   // Principal::Actor(), or "registry" for the sweep
  std::string action;  // "STAFF_CREATED", "STAFF_UPDATED", ...
  absl::Time time;
  int rate_limit = 0;  // changes the actor may make in a clock minute; 0: none
  // Whose write rate the change counts against: a body's ("bodies/RXF") for its key and
  // its staff alike, as the registry's other writes; "" for the actor's own.
  std::string rate_subject;
};

// A new set-up token, by its hash.
struct NewSetupToken {
  std::string hash;  // lower-case hex SHA-256 of the token
  absl::Time expire_time;
};

// What a write does besides putting the record.
struct StaffPut {
  // The record's new content (staff, password, body); its `version` is the one it must
  // have now; the record is written with version + 1. Its setup_hash is the token to
  // drop when `new_setup` or `clear_setup` says so.
  const StoredStaff* record = nullptr;
  bool set_password = false;                                // write record->password_hash
  absl::optional<NewSetupToken> new_setup = absl::nullopt;  // a new token replaces the live one
  bool clear_setup = false;                                 // the live token is spent or dropped
  bool free_email = false;    // the email index no longer names the account
  bool deactivated = false;   // onto registry:staff-deactivated
  bool email_erased = false;  // off registry:staff-deactivated
  // Every key of the member is revoked in the same step (ApiKeyStore's keys and audit
  // entries): the answer's revoked_hashes are theirs.
  bool revoke_keys = false;
};

enum class StaffWriteOutcome {
  kWritten,
  kDuplicate,    // the request id was used before: prior_resource
  kExists,       // create: the id is taken
  kEmailTaken,   // create: an invited or active account holds the email
  kNotFound,     // the record does not exist
  kStale,        // its version is not the expected one
  kRateLimited,  // the actor is over its write rate
  kFull,         // create: the body has kMaxStaffPerBody accounts
};

struct StaffWriteResult {
  StaffWriteOutcome outcome = StaffWriteOutcome::kWritten;
  std::string prior_resource;               // kDuplicate
  std::vector<std::string> revoked_hashes;  // kWritten with revoke_keys: the keys revoked
};

struct SetupRecord {
  std::string staff_id;
  absl::Time expire_time;
};

// Thread-safe (the RedisClient is).
class StaffStore {
 public:
  explicit StaffStore(RedisClient* redis) : redis_(redis) {}

  absl::StatusOr<absl::optional<StoredStaff>> Get(const std::string& id);
  // The id of the invited or active account with this (normalised) email.
  absl::StatusOr<absl::optional<std::string>> FindByEmail(const std::string& email);
  // The account a set-up token (by its hash) stands for, with its expiry.
  absl::StatusOr<absl::optional<SetupRecord>> FindSetup(const std::string& token_hash);
  // The staff name an earlier create by `actor` with `request_id` made.
  absl::StatusOr<absl::optional<std::string>> FindRequest(const std::string& actor,
                                                          const std::string& request_id);
  // Every account of the body, any state, in no particular order.
  absl::StatusOr<std::vector<StoredStaff>> ListBody(const std::string& body_code);

  // Creates `record` (version 1) with its first set-up token; `request_id` "" for none.
  absl::StatusOr<StaffWriteResult> Create(const StoredStaff& record, const NewSetupToken& setup,
                                          const std::string& request_id, const StaffChange& change);
  // Writes a change of an existing account as `put` says.
  absl::StatusOr<StaffWriteResult> Put(const StaffPut& put, const StaffChange& change);
  // Notes a sign-in on the record (not a change of the account: no version, no audit
  // entry; the key's own creation is audited by ApiKeyStore).
  absl::Status RecordSignIn(const std::string& id, absl::Time time);

  // Up to `limit` ids of accounts deactivated at or before `before` whose email is held.
  absl::StatusOr<std::vector<std::string>> DeactivatedBefore(absl::Time before, int limit);

 private:
  RedisClient* redis_;
};

}  // namespace cadre::registry
