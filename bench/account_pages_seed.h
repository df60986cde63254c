#pragma once

// The people of the account pages' benchmark (issue 9): signed up as admin with profiles
// that meet the benchmark's roles (bench/application_fixture.h), holding the credentials
// the roles ask for, each with a history of applications across the seeded roles; then
// each signed in through the gateway's own sign-in form, as a browser is, for the cookie
// their pages need. All over loopback, with deadlines.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/matching_calls.h"

namespace cadre::bench {

struct PeopleOptions {
  int people = 50;             // 1-1,000
  int applications_each = 20;  // 0-100; matching's --max_live_applications must allow the live ones
  // Every this-many-th application is withdrawn again, so that a history holds closed
  // ones beside live ones (0: none).
  int withdraw_every = 4;
  int max_concurrent_roles = 10;  // the profiles' own limit, 1-10
  int threads = 4;                // concurrent callers for every step
  // How long a submission waits for matching's view to hold a newly seeded role.
  absl::Duration wait_for_view = absl::Seconds(30);
};

// What seeding did, for the report.
struct PeopleSeeded {
  std::vector<BenchApplicant> people;
  int applications = 0;  // submitted
  int withdrawn = 0;
  double seconds = 0;
};

// Signs up options.people applicants (run tag `run`) through `matching` with the admin
// key, grants each the roles' training accreditation (and every other one an enhanced
// DBS check), and submits options.applications_each applications each: person p's n-th
// goes to roles[(p x 7 + n) % roles.size()] (distinct while applications_each <= roles).
// The first failing call's status.
absl::StatusOr<PeopleSeeded> SeedPeople(const std::string& matching, const std::string& admin_key,
                                        const std::string& run,
                                        const std::vector<std::string>& roles,
                                        const PeopleOptions& options);

// Signs a person in through the gateway's form, as a browser does: GET /sign-in (its
// cookies and the form's hidden "csrf" field), then POST /sign-in (email, password,
// csrf) with those cookies, which must answer 303 and set a cookie. Returns the Cookie
// header to send on the person's pages ("name=value; ..."). FAILED_PRECONDITION when the
// form or the answer is not as expected (the message never holds the email).
absl::StatusOr<std::string> SignInThroughGateway(const std::string& host, int port,
                                                 const std::string& email,
                                                 const std::string& password,
                                                 absl::Duration timeout = absl::Seconds(10));

// The same through the sign-in form at `form_path` ("/sign-in" for applicants,
// "/staff/sign-in" for a body's staff): GET it, then POST it, with the same checks.
absl::StatusOr<std::string> SignInThroughForm(const std::string& host, int port,
                                              const std::string& form_path,
                                              const std::string& email, const std::string& password,
                                              absl::Duration timeout = absl::Seconds(10));

}  // namespace cadre::bench
