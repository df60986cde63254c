#pragma once

// Redis persistence of applications and placements: the only code that knows their key
// names (applicant_store.h has the people's).
//
//   matching:application:{id}              hash {v: version, pb: Application (stored form)}
//   matching:applications:applicant:{aid}  sorted set of application ids, score: submit ms
//   matching:applications:role:{role id}   the same, for a role
//   matching:applications:body:{code}      the same, for a body
//   matching:live:{aid}                    hash {role id: application id}: the person's live
//                                          applications, one a role; its length is what
//                                          the cap on applications awaiting a decision counts
//   matching:offers                        sorted set of offered application ids, score:
//                                          reply-by ms (the sweep that lapses offers)
//   matching:roles-applied                 sorted set of role ids that had an application,
//                                          score: the first's submit ms (reconcile reads it)
//   matching:placement:{id}                hash {v, pb: Placement}; the application's id
//   matching:placements:applicant:{aid}    sorted set of placement ids, score: start ms
//   matching:placements:role:{role id}     the same, for a role
//   matching:placements:body:{code}        the same, for a body
//   matching:active:{aid}                  set of the person's ACTIVE placement ids
//   matching:accepted:{role id}            places of the role accepted so far
//   matching:fill-queue                    sorted set of role ids every place of which is
//                                          accepted, score: when to ask the registry to mark
//                                          the role filled (ms); the fill queue's outbox
//
// Every change is one outbox script (services/common/outbox.h) with a compare-and-set on
// the record's version: the application, its indexes, the placement, the role's accepted
// count, the event and the audit entry change together or not at all. The acceptance's
// guard holds the places: an acceptance with every place taken writes nothing.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/redis_client.h"
#include "services/matching/applicant_store.h"
#include "services/matching/credential_store.h"

namespace cadre::matching {

struct StoredApplication {
  cadre::v1::Application application;  // etag set from the version
  int64_t version = 0;
};

struct StoredPlacement {
  cadre::v1::Placement placement;  // etag set from the version
  int64_t version = 0;
};

enum class ApplicationOutcome {
  kWritten,
  kDuplicate,  // the request id was used before: prior_resource
  kNotFound,   // the applicant (submit) or the record is gone
  kStale,      // the record's version is not the one expected
  kLive,       // submit: the person has a live application to the role: prior_resource
  kTooMany,    // submit: the person holds the most live applications allowed
  kFull,       // accept: every place of the role is taken
  kMostRoles,  // accept: the person holds as many placements as they said they would
};

struct ApplicationResult {
  ApplicationOutcome outcome = ApplicationOutcome::kWritten;
  std::string prior_resource;  // kDuplicate, kLive: "applications/{id}"
};

// What a move does besides replacing the record.
struct MoveEffects {
  bool ends = false;                       // leaves the live states
  absl::optional<absl::Time> offer_until;  // becomes OFFERED, lapsing then
};

// An acceptance: the application, its placement, and the places it may take.
struct Acceptance {
  StoredApplication accepted;  // the record to write (state ACCEPTED), version expected
  cadre::v1::Placement placement;
  int places = 0;      // the role's places: the guard holds the accepted count under it
  int most_roles = 0;  // the person's max_concurrent_roles: active placements under it
  absl::Time fill_at;  // when the fill queue should first try, if this takes the last place
};

// What screening, scoring and recommending need of one person, read in one round trip.
struct PersonForMatching {
  absl::optional<StoredApplicant> applicant;       // nullopt: no such person
  std::vector<cadre::v1::Credential> credentials;  // every one held, newest first
  int active_placements = 0;
  std::vector<int64_t> live_role_ids;       // roles the person has a live application to
  std::vector<StoredPlacement> placements;  // every one, newest first
};

// Thread-safe (the RedisClient is).
class ApplicationStore {
 public:
  explicit ApplicationStore(RedisClient* redis) : redis_(redis) {}

  // A new application (version 1). `max_live`: the cap on the person's live applications.
  absl::StatusOr<ApplicationResult> Submit(const cadre::v1::Application& app, int max_live,
                                           const std::string& request_id, const Change& change);
  absl::StatusOr<absl::optional<StoredApplication>> Get(const std::string& id);
  // Replaces the record at `record.version` (written as version + 1).
  absl::StatusOr<ApplicationResult> Move(const StoredApplication& record,
                                         const MoveEffects& effects, const Change& change);
  // OFFERED → ACCEPTED and the placement, in one step (kFull, kMostRoles, kStale).
  absl::StatusOr<ApplicationResult> Accept(const Acceptance& acceptance, const Change& change);

  // The applications in one index, newest first: every one (bounded by what one person,
  // role or body holds).
  absl::StatusOr<std::vector<StoredApplication>> ListForApplicant(const std::string& applicant_id);
  absl::StatusOr<std::vector<StoredApplication>> ListForRole(int64_t role_id);
  absl::StatusOr<std::vector<StoredApplication>> ListForBody(const std::string& body_code);
  // Application ids whose offer lapses by `now`, soonest first, at most `limit`.
  absl::StatusOr<std::vector<std::string>> DueOffers(absl::Time now, int limit);
  // Role ids that ever had an application, oldest first.
  absl::StatusOr<std::vector<int64_t>> RolesApplied();
  // Places of the role accepted so far.
  absl::StatusOr<int> AcceptedCount(int64_t role_id);

  absl::StatusOr<absl::optional<StoredPlacement>> GetPlacement(const std::string& id);
  // Replaces the placement at `record.version`; `ends`: leaves ACTIVE.
  absl::StatusOr<ApplicationResult> UpdatePlacement(const StoredPlacement& record, bool ends,
                                                    const Change& change);
  absl::StatusOr<std::vector<StoredPlacement>> PlacementsForApplicant(
      const std::string& applicant_id);
  absl::StatusOr<std::vector<StoredPlacement>> PlacementsForRole(int64_t role_id);
  absl::StatusOr<std::vector<StoredPlacement>> PlacementsForBody(const std::string& body_code);
  // The person's ACTIVE placements.
  absl::StatusOr<int> ActivePlacements(const std::string& applicant_id);
  // The person's record, credentials, placements and live roles: one pipeline, and a
  // second for the placements' records if there are any.
  absl::StatusOr<PersonForMatching> ReadPerson(const std::string& applicant_id);
  // The same for many people at once, in the same two round trips, in order. For
  // ranking them (kForRanking), their records are read without their secrets and their
  // live roles are not read (live_role_ids stays empty).
  enum class PeopleRead { kAll, kForRanking };
  absl::StatusOr<std::vector<PersonForMatching>> ReadPeople(
      const std::vector<std::string>& applicant_ids, PeopleRead read = PeopleRead::kAll);

  // The fill queue: roles whose places are all accepted, to be marked filled in the
  // registry. Claim answers the due ones and puts each off by `lease` (so that two
  // replicas rarely ask at once; a second ask is harmless); Done removes one; Retry puts
  // one off until `at`.
  absl::StatusOr<std::vector<int64_t>> ClaimDueFills(absl::Time now, absl::Duration lease,
                                                     int limit);
  absl::Status FillDone(int64_t role_id);
  absl::Status RetryFill(int64_t role_id, absl::Time at);

  // Erasure: every application and placement of the person and each index entry that
  // names them (the roles' accepted counts stay: they are counts). Idempotent.
  absl::Status EraseApplicant(const std::string& applicant_id);

 private:
  absl::StatusOr<std::vector<StoredApplication>> ListApplications(const std::string& index);
  absl::StatusOr<std::vector<StoredPlacement>> ListPlacements(const std::string& index);

  RedisClient* redis_;
};

// The role id of "roles/{id}" (as OpenRoles reads it), or 0.
int64_t RoleIdFromName(const std::string& role_name);
// The code of "bodies/{code}", or "".
std::string BodyCodeFromName(const std::string& body_name);

}  // namespace cadre::matching
