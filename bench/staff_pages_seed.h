#pragma once

// The data of the staff applicants page's benchmark (issue 10): one body and one open role
// of it, seeded through the registry's API as admin; people signed up as admin with
// profiles that meet the role (bench/application_fixture.h), each applying to it, some
// moved on by the body; and a recruiter of the body, made with the body's own key as its
// key holder would (CreateStaff, then SetStaffPassword with the one-time set-up token, as
// tests/browser/staff_client.py does), who then signs in. All over loopback, with deadlines.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cadre::bench {

struct RoleApplicantsOptions {
  int applicants = 500;  // 1-5,000, one application each to the role
  int places = 20;       // the role's places, 1-100
  // The body moves every applicant p with p % 4 == 1 to ACKNOWLEDGED, and p % 4 == 2 on to
  // SHORTLISTED; the rest stay SUBMITTED. Every this-many-th (p % n == n - 1) is not given
  // the role's training credential, so the ranking shows some who do not meet every
  // requirement (0: everyone has it).
  int untrained_every = 10;
  int threads = 4;  // concurrent callers for every step
  // How long a submission waits for matching's view to hold the newly seeded role.
  absl::Duration wait_for_view = absl::Seconds(30);
};

// What seeding made, for the measurements and the report.
struct RoleApplicants {
  std::string body;      // "bodies/{code}"
  std::string body_key;  // the body's API key, made by the admin
  std::string role;      // "roles/{id}", open
  int applications = 0;  // submitted, all live
  int acknowledged = 0;  // moved on to ACKNOWLEDGED and left there
  int shortlisted = 0;
  int untrained = 0;   // without the role's credential: ranked as not meeting it
  double seconds = 0;  // the whole seeding
};

// Seeds the body and role, signs options.applicants people up (run tag `run`) through
// `matching` as admin and has each apply to the role, the body moving some on (above).
// The first failing call's status.
absl::StatusOr<RoleApplicants> SeedRoleApplicants(const std::string& registry,
                                                  const std::string& matching,
                                                  const std::string& admin_key,
                                                  const std::string& run,
                                                  const RoleApplicantsOptions& options);

// A member of a body's staff, with what signing in needs.
struct BenchStaff {
  std::string name;  // "bodies/{code}/staff/{id}"
  std::string email;
  std::string password;
};

// A recruiter of `body` ("bodies/{code}"), created with the body's key (CreateStaff) and
// given a password through the set-up token (SetStaffPassword): email
// "recruiter.<run>@example.org". The failing call's status.
absl::StatusOr<BenchStaff> CreateRecruiter(const std::string& registry, const std::string& body_key,
                                           const std::string& body, const std::string& run);

// The member's own staff key (the registry's SignInStaff), bound to their body and role.
absl::StatusOr<std::string> SignInStaffKey(const std::string& registry, const BenchStaff& staff);

}  // namespace cadre::bench
