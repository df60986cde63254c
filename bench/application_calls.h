#pragma once

// The applications benchmark's calls: a body's key from the registry; blocking calls to
// matching for set-up, clean-up and checks (submit, move, withdraw everything live, a
// role's placements, one recommendation); and the load generator's slots for
// RecommendRoles, SubmitApplication under its guards, and acceptances.
// All calls are plaintext gRPC to `target` ("127.0.0.1:PORT") with per-call deadlines.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/load_generator.h"
#include "bench/matching_calls.h"
#include "cadre/v1/matching.grpc.pb.h"

namespace cadre::bench {

// A body's API key, made by an admin through the registry's CreateApiKey (kind BODY,
// subject `body`, "bodies/{code}"). NOT_FOUND / INVALID_ARGUMENT for a body the registry
// does not hold; PERMISSION_DENIED / UNAUTHENTICATED for a wrong admin key.
absl::StatusOr<std::string> CreateBodyKey(const std::string& registry, const std::string& admin_key,
                                          const std::string& body);

// The state of each of `roles` in the registry (GetRole with the admin key, which reads
// roles in every state), in the same order. The first failing call's status.
absl::StatusOr<std::vector<cadre::v1::RoleState>> RoleStates(const std::string& registry,
                                                             const std::string& admin_key,
                                                             const std::vector<std::string>& roles);

// Runs task(i) for every i in [0, count) on `threads` threads (1–256). After the first
// failure no new task starts; that failure is returned.
absl::Status ParallelFor(int count, int threads, const std::function<absl::Status(int)>& task);

// Blocking calls to matching, each with the caller's key and a 10 s deadline.
// Thread-safe: one channel and stub, shared.
class ApplicationCalls {
 public:
  explicit ApplicationCalls(const std::string& target);

  // SubmitApplication to `role` with an applicant's key. While matching's view does not
  // hold the role yet (FAILED_PRECONDITION "... is not open"), retried every 50 ms for up
  // to `wait_for_view`; then, and for any other error, that status.
  absl::StatusOr<cadre::v1::Application> Submit(
      const std::string& key, const std::string& role,
      absl::Duration wait_for_view = absl::ZeroDuration());
  // MoveApplication of `name` to `to`, with the key of the party whose move it is.
  absl::StatusOr<cadre::v1::Application> Move(const std::string& key, const std::string& name,
                                              cadre::v1::ApplicationState to);
  // Withdraws every live application (submitted, acknowledged, shortlisted, offered) of
  // the applicant whose key this is; how many it withdrew. A withdrawal refused because
  // matching moved the application meanwhile (FAILED_PRECONDITION, ABORTED) is not an
  // error. The first failing call's status otherwise.
  absl::StatusOr<int> WithdrawAllLive(const std::string& key);
  // Every placement of `role`, as its body (`body_key`) lists them.
  absl::StatusOr<std::vector<cadre::v1::Placement>> PlacementsOfRole(const std::string& body_key,
                                                                     const std::string& role);
  // EndPlacement COMPLETED, by the body.
  absl::Status CompletePlacement(const std::string& body_key, const std::string& placement);
  // GrantCredential of `kind` ("dbs-enhanced", an accreditation slug...) to `applicant`
  // ("applicants/{id}") with an admin's (or a body's) key: issued 30 days ago for DBS
  // checks, valid for a year from today.
  absl::Status GrantCredential(const std::string& key, const std::string& applicant,
                               const std::string& kind);
  // One RecommendRoles for the applicant whose key this is.
  absl::StatusOr<cadre::v1::RecommendRolesResponse> Recommend(const std::string& key,
                                                              int page_size);

 private:
  std::unique_ptr<cadre::v1::Matching::Stub> stub_;
};

// Withdraws every live application of each of `applicants`, `threads` at a time; how
// many in all.
absl::StatusOr<int> WithdrawEverything(ApplicationCalls& calls,
                                       const std::vector<BenchApplicant>& applicants, int threads);

// RecommendRoles of `page_size`, each slot with its own applicant's key: the k-th slot
// made gets applicants[k % size]. `applicants` must outlive the slots. With `parse`,
// answers are parsed.
SlotFactory RecommendRolesSlots(const std::vector<BenchApplicant>* applicants, int page_size,
                                bool parse, absl::Duration deadline);

// SubmitApplication under its guards (one live application per person per role, at most
// --max_live_applications live per person), so that every call can succeed. The
// `in_flight` slots of a run share applicants[0, per_slot x in_flight), per_slot =
// applicants / in_flight: slot k owns applicants k, k + in_flight, k + 2 in_flight, ...
// and each of its calls takes the next of them in turn, with that applicant's key (no two
// slots ever send the same key). Applicant a's n-th application (counted over the plan's
// life) goes to roles[(a x roles / applicants + n) % roles], so nobody applies to one
// role twice in roles.size() applications. A run of Slots() may make at most
// applications_per_slot(max_live) calls per slot before some applicant would hold
// max_live; withdraw everything (WithdrawEverything) before the next run.
// `applicants` and `roles` must outlive the plan; the plan must outlive the slots.
class SubmitPlan {
 public:
  SubmitPlan(const std::vector<BenchApplicant>* applicants, const std::vector<std::string>* roles,
             int in_flight);

  int in_flight() const { return in_flight_; }
  int applicants_per_slot() const { return per_slot_; }
  int64_t calls_per_slot(int max_live) const { return static_cast<int64_t>(per_slot_) * max_live; }
  // Slots for one run of exactly in_flight() slots.
  SlotFactory Slots(absl::Duration deadline);

 private:
  const std::vector<std::string>* roles_;
  int in_flight_;
  int per_slot_;
  int applicant_count_;
  std::vector<std::string> bearer_;                  // "Bearer <key>" of each applicant
  std::unique_ptr<std::atomic<int64_t>[]> applied_;  // applications made, per applicant
};

// MoveApplication to ACCEPTED, one call an offer: the k-th slot made is applicant k and
// accepts offers[k][0], offers[k][1], ... in turn, with applicant k's key. Run it with
// calls_per_slot = offers[k].size() (a burst). Both vectors must outlive the slots.
SlotFactory AcceptSlots(const std::vector<BenchApplicant>* applicants,
                        const std::vector<std::vector<std::string>>* offers,
                        absl::Duration deadline);

}  // namespace cadre::bench
