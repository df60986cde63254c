#pragma once

// The profile form of /profile/edit as pure code: a person's Applicant into the form's
// values (what the fields show), the POSTed fields into the same values (kept as typed,
// so that a form sent back with an error shows what was typed), and the values into a
// Profile for UpdateMyProfile with the errors the gateway can find itself (a number that
// is not one, a tag of letters it cannot use). Everything else (lengths, the age from the
// date of birth, body codes) the matching service checks, and ProfileFormFieldOf turns
// the field its INVALID_ARGUMENT names ("profile.declared_interests[1].body") into the
// form field to point at ("interest-3-body").
//
// Form field names: display_name; date_of_birth-day, date_of_birth-month,
// date_of_birth-year; region (a RegionSlug); lived_experience, skills, expertise,
// access_needs (tags separated by commas); availability_hours_per_month;
// max_concurrent_roles; access_needs_note; attendance ("in-person", "remote",
// "hybrid"); declared interests in rows interest-<n>-body (the body's code),
// interest-<n>-kind ("works-for", "conflict"), interest-<n>-note and interest-<n>-remove
// ("yes"), n from 0; role_suggestions ("yes"); etag.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::gateway {

// Limits the form states in its hints, as matching.proto states them.
inline constexpr int kProfileMaxTags = 20;          // tags in one list
inline constexpr size_t kProfileMaxTagLength = 40;  // characters of one tag
inline constexpr int kProfileMaxHours = 200;        // hours a month
inline constexpr int kProfileMaxRoles = 10;         // roles at once
inline constexpr int kProfileMaxInterests = 20;     // declared interests

// A form field with something wrong: its id (the error summary links to "#<field>") and
// a sentence to show.
struct FormError {
  std::string field = "";
  std::string message = "";
};

// One row of declared interests on the form.
struct InterestRow {
  int row = 0;            // n in interest-<n>-...
  std::string body = "";  // the body's code as typed ("RXF")
  std::string kind = "";  // "works-for", "conflict" or ""
  std::string note = "";  // up to 200 characters
  bool remove = false;
  bool existing = false;  // a row the person had (with a remove box), not the blank one
};

// Every field as the form shows it.
struct ProfileFormValues {
  std::string display_name = "";
  std::string dob_day = "";
  std::string dob_month = "";
  std::string dob_year = "";
  std::string region = "";  // RegionSlug, or ""
  std::string lived_experience = "";
  std::string skills = "";
  std::string expertise = "";
  std::string access_needs = "";
  std::string hours = "";
  std::string max_roles = "";
  std::string access_needs_note = "";
  std::string attendance = "";  // AttendanceSlug, or ""
  std::vector<InterestRow> interests = {};
  bool role_suggestions = false;
  std::string etag = "";
};

// What the person has now: their interests as rows 0.., then one blank row to add one
// (when they have fewer than kProfileMaxInterests).
ProfileFormValues ProfileFormValuesOf(const cadre::v1::Applicant& applicant);
// What the browser sent, kept as typed (rows in order of n; at most
// kProfileMaxInterests + 1 rows are read).
ProfileFormValues ProfileFormValuesFromForm(const std::multimap<std::string, std::string>& form);

struct ParsedProfileForm {
  cadre::v1::Profile profile;
  bool role_suggestions = false;
  // The form row of each declared_interests entry of `profile`, in order.
  std::vector<int> interest_rows = {};
  std::vector<FormError> errors = {};
  bool ok() const { return errors.empty(); }
};

// The values as a Profile (every field), with every error found on the way.
ParsedProfileForm ParseProfileForm(const ProfileFormValues& values);

// The update_mask paths of every Profile field the form edits.
const std::vector<std::string>& ProfileFormMaskPaths();

// The form field an upstream error's field names, given the request that was sent:
// "profile.display_name" → "display_name", "profile.date_of_birth" →
// "date_of_birth-day", "profile.skills[2]" → "skills", "profile.declared_interests[1].kind"
// → "interest-<its row>-kind", "consent..." → "role_suggestions"; "" for none of these.
std::string ProfileFormFieldOf(absl::string_view upstream_field, const ParsedProfileForm& parsed);
// The words for a form field in an error sentence: "Display name", "Organisation code".
std::string ProfileFormLabelOf(absl::string_view form_field);

// Tags as a person types them: separated by commas, each trimmed, lower-cased, with runs
// of spaces and underscores as one hyphen ("Data Analysis" → "data-analysis"); blanks
// and repeats dropped. An error (naming `label`) for a tag of other characters, longer
// than kProfileMaxTagLength, or more than kProfileMaxTags tags.
struct ParsedTags {
  std::vector<std::string> tags;
  std::string error = "";  // "" when they are fine
};
ParsedTags ParseTags(absl::string_view typed, absl::string_view label);
// Tags as the form shows them: "data-analysis, chairing".
std::string JoinTags(const google::protobuf::RepeatedPtrField<std::string>& tags);

std::string AttendanceSlug(cadre::v1::AttendanceMode mode);  // "in-person", "remote", "hybrid"
cadre::v1::AttendanceMode AttendanceFromSlug(absl::string_view slug);  // UNSPECIFIED if unknown
std::string InterestKindSlug(cadre::v1::DeclaredInterest::Kind kind);  // "works-for", "conflict"
cadre::v1::DeclaredInterest::Kind InterestKindFromSlug(absl::string_view slug);
std::string InterestKindLabel(cadre::v1::DeclaredInterest::Kind kind);  // "I work for it"

// "15 March 1984"; "" when the date is not set.
std::string CalendarDateLabel(const cadre::v1::Date& date);

}  // namespace cadre::gateway
