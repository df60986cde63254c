#pragma once

// Deterministic, realistic applicants for the matching benchmark: the sign-ups it makes
// and the canned Applicant the no-op service answers, of the same shape and about the
// same size as what the matching service stores and returns (a profile with a few tags
// of each kind, an access note, a declared interest, consent, times and etag).

#include <string>

#include "cadre/v1/matching.pb.h"

namespace cadre::bench {

// The password of every benchmark applicant: 10–128 characters, not a common one.
inline constexpr char kBenchPassword[] = "benchmark passphrase, not a real one";
// The privacy notice version matching's default flag asks sign-ups to agree to.
inline constexpr char kBenchPrivacyNotice[] = "2026-11";

// The email of applicant `i` of a run tagged `run` (e.g. the start time in
// microseconds): "bench.<run>.<i>@example.org", invented, unique per run.
std::string BenchEmail(const std::string& run, int i);

// The SignUp request for applicant `i`: email BenchEmail(run, i), kBenchPassword, a
// profile varying with `i` (region, tags, availability) and consent to the notice.
cadre::v1::SignUpRequest BenchSignUp(const std::string& run, int i);

// Applicant 0 as GetMyProfile would answer it after sign-up: name, state ACTIVE,
// consent's agree_time, create and update times, max_concurrent_roles 2, etag "2".
cadre::v1::Applicant CannedApplicant();

}  // namespace cadre::bench
