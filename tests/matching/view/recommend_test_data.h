#pragma once

// Roles, profiles and a clock for the tests of OpenRoles' indexes and the recommender.

#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::matching::testdata {

// "Now" in these tests: 2026-06-15 12:00 UTC, a Monday in London's summer time.
inline absl::Time Now() { return absl::FromUnixSeconds(1781524800); }

inline cadre::v1::Date Today() {
  cadre::v1::Date d;
  d.set_year(2026);
  d.set_month(6);
  d.set_day(15);
  return d;
}

inline cadre::v1::Date Day(int year, int month, int day) {
  cadre::v1::Date d;
  d.set_year(year);
  d.set_month(month);
  d.set_day(day);
  return d;
}

inline void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  const absl::Duration since = t - absl::UnixEpoch();
  const int64_t seconds = absl::ToInt64Seconds(since);
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(since - absl::Seconds(seconds))));
}

// An open role of body "bodies/RJ1", closing 30 days from Now().
inline cadre::v1::Role OpenRole(int64_t id, cadre::v1::Region region,
                                cadre::v1::AttendanceMode mode, int hours_per_month,
                                std::initializer_list<const char*> topics = {},
                                std::initializer_list<const char*> expertise = {}) {
  cadre::v1::Role r;
  r.set_name(absl::StrCat("roles/", id));
  r.set_body("bodies/RJ1");
  r.set_title(absl::StrCat("Role ", id));
  r.set_state(cadre::v1::ROLE_STATE_OPEN);
  r.mutable_location()->set_region(region);
  r.mutable_location()->set_mode(mode);
  r.mutable_time_commitment()->set_hours_per_month(hours_per_month);
  for (const char* t : topics) r.add_topics(t);
  for (const char* e : expertise) r.add_expertise_sought(e);
  SetTime(Now() + absl::Hours(24 * 30), r.mutable_closing_time());
  return r;
}

// A person in London with 10 hours a month, living with diabetes, with finance expertise
// and chairing skills, holding nothing, of age.
inline cadre::v1::Profile Person() {
  cadre::v1::Profile p;
  p.set_display_name("Ada Example");
  *p.mutable_date_of_birth() = Day(1980, 4, 2);
  p.set_region(cadre::v1::REGION_LONDON);
  p.add_lived_experience("diabetes");
  p.add_skills("chairing");
  p.add_expertise("finance");
  p.set_availability_hours_per_month(10);
  p.set_max_concurrent_roles(3);
  p.set_attendance(cadre::v1::ATTENDANCE_MODE_HYBRID);
  return p;
}

}  // namespace cadre::matching::testdata
