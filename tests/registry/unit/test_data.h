#pragma once

// Valid registry records for tests to start from and then spoil one field at a time.

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::registry::testdata {

// 2030-01-01T00:00:00Z: inside validation's 2000–2100 window and in the future.
inline constexpr int64_t kYear2030 = 1893456000;

// A time a month before ValidRole()'s closing time (2030-01-01), when it accepts
// applications: what tests of the view pass for "now".
inline absl::Time BeforeClosing() {
  return absl::FromUnixSeconds(kYear2030) - absl::Hours(24 * 30);
}

// A role that passes ValidateRole: body RXF, level 3, involve, 4 hours a month, London.
inline cadre::v1::Role ValidRole() {
  cadre::v1::Role role;
  role.set_body("bodies/RXF");
  role.set_title("Patient partner, dementia care board");
  role.set_summary("Help shape dementia services across the trust.");
  role.set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  role.set_rung(cadre::v1::ENGAGEMENT_RUNG_INVOLVE);
  role.mutable_time_commitment()->set_hours_per_month(4);
  role.mutable_time_commitment()->set_duration_months(12);
  role.mutable_time_commitment()->set_pattern("one evening meeting a month");
  role.add_expertise_sought("finance");
  role.add_expertise_sought("lived-experience-of-dementia");
  role.add_topics("dementia");
  role.mutable_location()->set_region(cadre::v1::REGION_LONDON);
  role.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_HYBRID);
  role.mutable_location()->set_place("Brighton");
  role.mutable_support()->set_payment(cadre::v1::PAYMENT_KIND_INVOLVEMENT);
  role.mutable_support()->set_rate_pence_per_hour(2000);
  role.mutable_support()->add_access_support("step-free-access");
  role.add_required_credentials("dbs-enhanced");
  role.set_places(2);
  role.mutable_closing_time()->set_seconds(kYear2030);
  return role;
}

inline cadre::v1::Body ValidBody() {
  cadre::v1::Body body;
  body.set_ods_code("RXF");
  body.set_display_name("Mid Yorkshire Teaching NHS Trust");
  body.set_kind(cadre::v1::BODY_KIND_TRUST);
  body.set_region(cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE);
  body.set_website("https://www.midyorks.nhs.uk");
  body.set_description("We involve patients in every board.");
  return body;
}

inline cadre::v1::Avenue ValidAvenue() {
  cadre::v1::Avenue avenue;
  avenue.set_body("bodies/RXF");
  avenue.set_kind(cadre::v1::AVENUE_KIND_PATIENT_PANEL);
  avenue.set_title("Patient panel");
  avenue.set_description("Meets quarterly.");
  avenue.set_how_to_join("https://example.org/join");
  avenue.set_level(cadre::v1::INVOLVEMENT_LEVEL_2);
  avenue.mutable_time_commitment()->set_hours_per_month(2);
  avenue.add_expertise_sought("finance");
  avenue.mutable_location()->set_region(cadre::v1::REGION_LONDON);
  avenue.mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_REMOTE);
  return avenue;
}

inline cadre::v1::RoleType ValidRoleType() {
  cadre::v1::RoleType t;
  t.set_name("roleTypes/lay-member");
  t.set_title("Lay member");
  t.set_description("A lay member of a committee.");
  t.set_level(cadre::v1::INVOLVEMENT_LEVEL_4);
  t.set_rung(cadre::v1::ENGAGEMENT_RUNG_COLLABORATE);
  t.mutable_typical_time()->set_hours_per_month(8);
  t.add_typical_expertise("governance");
  return t;
}

// Body `code` of `kind` in `region`, named "bodies/{code}" as the store keeps it.
inline cadre::v1::Body MakeBody(const std::string& code, cadre::v1::BodyKind kind,
                                cadre::v1::Region region, const std::string& display_name = "") {
  cadre::v1::Body body;
  body.set_name(absl::StrCat("bodies/", code));
  body.set_ods_code(code);
  body.set_display_name(display_name.empty() ? absl::StrCat("Body ", code) : display_name);
  body.set_kind(kind);
  body.set_region(region);
  return body;
}

// `record` (a Role or Avenue) named "{collection}/{id}" and owned by bodies/{code}.
template <typename Record>
Record Owned(Record record, absl::string_view collection, int64_t id, const std::string& code) {
  record.set_name(absl::StrCat(collection, "/", id));
  record.set_body(absl::StrCat("bodies/", code));
  return record;
}

// ValidRole() named "roles/{id}" of body `code` in `state`.
inline cadre::v1::Role MakeRole(int64_t id, const std::string& code,
                                cadre::v1::RoleState state = cadre::v1::ROLE_STATE_OPEN) {
  cadre::v1::Role role = Owned(ValidRole(), "roles", id, code);
  role.set_state(state);
  return role;
}

// ValidAvenue() named "avenues/{id}" of body `code` in `region`.
inline cadre::v1::Avenue MakeAvenue(int64_t id, const std::string& code,
                                    cadre::v1::Region region = cadre::v1::REGION_LONDON) {
  cadre::v1::Avenue avenue = Owned(ValidAvenue(), "avenues", id, code);
  avenue.mutable_location()->set_region(region);
  return avenue;
}

}  // namespace cadre::registry::testdata
