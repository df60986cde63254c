#pragma once

// Deterministic data for the applications benchmark: the statement every benchmark
// application carries, the profile changes that make applicants meet the benchmark's
// roles (bench/role_fixture.h), and the canned Application the no-op service answers to
// SubmitApplication, of the shape and about the size of what matching answers (the
// benchmark prints both sizes).

#include "cadre/v1/matching.pb.h"

namespace cadre::bench {

// Why the person applies: a few sentences, as a person would write them (1–3,000
// characters are allowed).
inline constexpr char kBenchStatement[] =
    "I have lived with this condition for twelve years and cared for my father through "
    "his treatment. I would like to help the service hear from people who find "
    "appointments hard to reach, and I have chaired a patient group at my GP practice.";

// Applicant i's profile made to meet BenchRole's vocabulary: three topics of lived
// experience from BenchTopics() and two kinds of expertise from BenchExpertise() (both
// varying with i), region 1 + i % 8 as BenchSignUp has it, 4–40 hours a month, and
// `max_concurrent_roles` (1–10) roles at most at once.
void MeetBenchRoles(int i, int max_concurrent_roles, cadre::v1::Profile* profile);

// A SUBMITTED application as SubmitApplication answers it: names, the role's title, the
// statement, times, the acknowledgement deadline and next step, a screening of 6 checks
// with their reasons, etag "1".
cadre::v1::Application CannedApplication();

}  // namespace cadre::bench
