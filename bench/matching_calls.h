#pragma once

// The matching benchmark's calls: signing applicants up as admin, the GetMyProfile and
// SignIn slots for the load generator, one checked call of each before measuring, and
// the gRPC health check that says when a service is SERVING.
// All calls are plaintext gRPC to `target` ("127.0.0.1:PORT") with per-call deadlines.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/load_generator.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::bench {

// One signed-up applicant: what SignIn needs and the key SignUp returned.
struct BenchApplicant {
  std::string name;  // "applicants/{id}"
  std::string email;
  std::string password;
  std::string key;  // "cadre_" + 48 hex, sent as `authorization: Bearer <key>`
};

// Signs up `count` applicants (BenchSignUp(run, i), then `adjust` if given, e.g. to
// change the profile) with the admin key, from `threads` concurrent callers; admins are
// not rate-limited. A call answered UNAVAILABLE (the password pool's queue is full, or
// the registry is briefly away) is retried a few times. The first failing call's status
// otherwise: UNIMPLEMENTED from the registry's key call means a registry without
// RegisterApplicantKey.
absl::StatusOr<std::vector<BenchApplicant>> SignUpApplicants(
    const std::string& target, const std::string& admin_key, const std::string& run, int count,
    int threads, const std::function<void(int i, cadre::v1::SignUpRequest*)>& adjust = nullptr);

// Polls grpc.health.v1 Check of `service` every 10 ms until it answers SERVING; how long
// that took from `since`. DEADLINE_EXCEEDED after `timeout`.
//
// Ask for the service's own name ("cadre.v1.Matching"), not "" (the server as a whole):
// gRPC's default health service answers "" SERVING from the moment the server starts,
// and services/common/server.cc turns it NOT_SERVING only just after, so a poll can catch
// that instant (one start in three did in a trial); a named service is NOT_FOUND until
// the server's first health verdict.
absl::StatusOr<absl::Duration> WaitUntilHealthServing(const std::string& target,
                                                      const std::string& service, absl::Time since,
                                                      absl::Duration timeout);

// One GetMyProfile with `key`; the serialised size of the answer. With a non-empty
// `expect_name`, FAILED_PRECONDITION unless the answer names it (and is ACTIVE).
absl::StatusOr<size_t> ProbeGetMyProfile(const std::string& target, const std::string& key,
                                         const std::string& expect_name);

// One SignIn of `applicant`; FAILED_PRECONDITION unless it answers their name and a key.
absl::Status ProbeSignIn(const std::string& target, const BenchApplicant& applicant);

// GetMyProfile, each slot with its own applicant's key: the k-th slot made gets
// applicants[k % size], so any `size` consecutive slots (one run's) hold distinct keys.
// `applicants` must outlive the slots. With `parse`, answers are parsed into Applicant.
SlotFactory GetMyProfileSlots(const std::vector<BenchApplicant>* applicants, bool parse,
                              absl::Duration deadline);

// SignIn of an applicant picked at random from `applicants` on every call (the right
// password, so no call counts towards a lock-out). Each sign-in makes a key.
SlotFactory SignInSlots(const std::vector<BenchApplicant>* applicants, absl::Duration deadline);

}  // namespace cadre::bench
