#pragma once

// Valid records for the matching domain's tests: each test changes one thing and
// expects the error at that field.

#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::matching::testdata {

inline constexpr char kNotice[] = "2026-03";  // the current privacy notice in these tests

inline cadre::v1::Date Day(int year, int month, int day) {
  cadre::v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

// "Today" in every test that needs one.
inline cadre::v1::Date Today() { return Day(2026, 6, 15); }

inline std::string Repeat(absl::string_view unit, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) absl::StrAppend(&s, unit);
  return s;
}

inline cadre::v1::Profile ValidProfile() {
  cadre::v1::Profile p;
  p.set_display_name("Ada Example");
  *p.mutable_date_of_birth() = Day(1980, 4, 2);
  p.set_region(cadre::v1::REGION_LONDON);
  p.add_lived_experience("diabetes");
  p.add_skills("chairing");
  p.add_expertise("finance");
  p.set_availability_hours_per_month(8);
  p.set_max_concurrent_roles(3);
  p.add_access_needs("step-free-access");
  p.set_access_needs_note("I use a wheelchair.");
  p.set_attendance(cadre::v1::ATTENDANCE_MODE_HYBRID);
  cadre::v1::DeclaredInterest* interest = p.add_declared_interests();
  interest->set_body("bodies/RXF");
  interest->set_kind(cadre::v1::DeclaredInterest::KIND_WORKS_FOR);
  interest->set_note("Ward clerk, part time");
  return p;
}

inline cadre::v1::Consent ValidConsent() {
  cadre::v1::Consent c;
  c.set_privacy_notice_version(kNotice);
  c.set_processing_agreed(true);
  return c;
}

inline cadre::v1::SignUpRequest ValidSignUp() {
  cadre::v1::SignUpRequest r;
  r.set_email("Ada.Example@Example.org");
  r.set_password("correct horse battery");
  *r.mutable_profile() = ValidProfile();
  *r.mutable_consent() = ValidConsent();
  return r;
}

inline cadre::v1::Applicant StoredApplicant() {
  cadre::v1::Applicant a;
  a.set_name("applicants/abcdefghijkmnpqr");
  a.set_email("ada.example@example.org");
  *a.mutable_profile() = ValidProfile();
  *a.mutable_consent() = ValidConsent();
  a.mutable_consent()->mutable_agree_time()->set_seconds(1767225600);
  a.set_state(cadre::v1::APPLICANT_STATE_ACTIVE);
  a.mutable_create_time()->set_seconds(1767225600);
  a.set_etag("4");
  return a;
}

// A DBS check granted a year ago, expiring in two years.
inline cadre::v1::Credential ValidDbs(absl::string_view kind = "dbs-enhanced") {
  cadre::v1::Credential c;
  c.set_kind(std::string(kind));
  *c.mutable_issue_date() = Day(2025, 6, 1);
  *c.mutable_expiry_date() = Day(2028, 6, 1);
  return c;
}

// A credential of `kind` expiring on `expiry`.
inline cadre::v1::Credential Held(absl::string_view kind, const cadre::v1::Date& expiry) {
  cadre::v1::Credential c;
  c.set_kind(std::string(kind));
  *c.mutable_expiry_date() = expiry;
  return c;
}

// `value` with one change applied.
template <typename T>
T With(T value, const std::function<void(T&)>& change) {
  change(value);
  return value;
}

}  // namespace cadre::matching::testdata
