#pragma once

// Web sessions in Redis: the gateway's only records, under its own prefix. A session is
// found by its cookie; Redis holds only the cookie's SHA-256, so whoever reads Redis cannot
// use a session, and the record itself (the applicant's key above all) is sealed with the
// gateway's session key (domain/session_seal.h).
//
//   gateway:session:<sha256 hex of the cookie>   hash: box (the sealed SessionRecord),
//                                                exp (the key's expiry, Unix ms)
//   gateway:sessions-of:<applicant id>           set of the person's session hashes, so
//                                                that deleting an account or changing a
//                                                password ends every session at once
//   gateway:sessions-of:staff:<staff id>         the same for a member of a body's staff
//                                                (issue 10): deactivation, a change of
//                                                role or a new set-up link ends them all
//
// A session's owner is "applicants/{id}" or "bodies/{code}/staff/{id}" (ids of letters
// and digits, up to 64): SessionRecord::owner().
//
// A session lasts while it is used: each Find moves its end to `idle` from now, never past
// the key's expiry. Time comes from the injected clock.
//
// Errors: UNAVAILABLE when Redis is unreachable (callers show the 503 page, or treat the
// visitor as signed out on public pages); INTERNAL for a reply of another shape.
//
// Thread-safe.

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/base/clock.h"
#include "services/common/redis_client.h"
#include "services/gateway/domain/session_seal.h"
#include "services/gateway/domain/web_session.h"

namespace cadre::gateway {

struct SessionStoreOptions {
  absl::Duration idle = absl::Hours(2);  // a session unused this long ends
};

class SessionStore {
 public:
  SessionStore(RedisClient* redis, SessionSeal seal, const Clock* clock,
               SessionStoreOptions options);

  // Stores `record` under a new cookie value, returned. INVALID_ARGUMENT when the key has
  // already expired or the owner is not "applicants/{id}" (an applicant's session) or
  // "bodies/{code}/staff/{id}" (a staff session).
  absl::StatusOr<std::string> Create(const SessionRecord& record);

  // The session of `cookie`, extending its idle time; nullopt when there is none (never
  // was, expired, ended, or its box no longer opens: a retired session key).
  absl::StatusOr<std::optional<SessionRecord>> Find(const std::string& cookie);

  // Ends one session of `owner` (its record's owner()). Ending one that is gone is OK.
  absl::Status End(const std::string& cookie, const std::string& owner);

  // Ends every session of `owner` ("applicants/{id}" or "bodies/{code}/staff/{id}").
  // INVALID_ARGUMENT for another name.
  absl::Status EndEvery(const std::string& owner);

  // Redis answers (for the gateway's readiness detail and tests).
  absl::Status Ping();

 private:
  RedisClient* const redis_;
  const SessionSeal seal_;
  const Clock* const clock_;
  const SessionStoreOptions options_;
};

}  // namespace cadre::gateway
