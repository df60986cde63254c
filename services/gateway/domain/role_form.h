#pragma once

// The role form of /staff/roles/new and /staff/roles/{id}/edit as pure code: a Role into
// the form's values (what the fields show), the POSTed fields into the same values (kept
// as typed, so that a form sent back with an error shows what was typed), and the values
// into a Role for CreateRole or UpdateRole with every error the gateway can find itself:
// the registry's limits (services/registry/domain/limits.h, as registry.proto states
// them), numbers that are not numbers, tags and credential names it cannot use, a date
// that is not one. The registry checks everything again; RoleFormFieldOf turns the field
// its INVALID_ARGUMENT names ("role.time_commitment.hours_per_month") into the form
// field to point at ("hours_per_month").
//
// Form field names: title; summary; role_type ("roleTypes/{id}" or "" for none); level
// ("1".."4"); rung (RungSlug); hours_per_month; duration_months; pattern;
// expertise_sought, topics, access_support (tags separated by commas);
// lived_experience_sought; region (RegionSlug); attendance (AttendanceSlug); place;
// expenses_paid ("yes"); payment (PaymentSlug); rate (pounds an hour, "15" or "15.50");
// dbs ("", "dbs-basic", "dbs-standard", "dbs-enhanced"); other_credentials (credential
// names separated by commas: "modules/{id}" or accreditation slugs); minimum_age ("" for
// none, else 16–25); places; closing-day, closing-month, closing-year, closing-time
// ("17:00", England's time; "" reads as 23:59); etag; request_id.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/registry.pb.h"
#include "services/gateway/domain/profile_form.h"

namespace cadre::gateway {

// The registry's limits, as registry.proto states them, in Unicode characters unless
// said otherwise.
inline constexpr int kRoleMinTitle = 3;
inline constexpr int kRoleMaxTitle = 120;
inline constexpr int kRoleMaxSummary = 2000;
inline constexpr int kRoleMaxLivedExperience = 500;
inline constexpr int kRoleMaxPattern = 200;
inline constexpr int kRoleMaxPlace = 120;
inline constexpr int kRoleMaxReason = 300;         // why a role was closed or cancelled
inline constexpr int kRoleMaxHours = 200;          // hours a month
inline constexpr int kRoleMaxDurationMonths = 60;  // months
inline constexpr int kRoleMaxPlaces = 100;         // people
inline constexpr int kRoleMinMinimumAge = 16;      // years
inline constexpr int kRoleMaxMinimumAge = 25;      // years
inline constexpr int kRoleMaxRatePence = 100000;   // pence an hour (£1,000.00)
inline constexpr int kRoleMaxCredentials = 10;     // required credentials
inline constexpr int kRoleMinClosingYear = 2000;   // a closing year before is a typing slip
inline constexpr int kRoleMaxClosingYear = 2200;   //
inline constexpr size_t kRoleMaxTokenBytes = 64;   // an etag or request id the form carries

// Every field as the form shows it.
struct RoleFormValues {
  std::string title = "";
  std::string summary = "";
  std::string role_type = "";  // "roleTypes/{id}" or ""
  std::string level = "";      // "1".."4" or ""
  std::string rung = "";       // RungSlug or ""
  std::string hours_per_month = "";
  std::string duration_months = "";
  std::string pattern = "";
  std::string expertise_sought = "";
  std::string topics = "";
  std::string lived_experience_sought = "";
  std::string region = "";      // RegionSlug or ""
  std::string attendance = "";  // AttendanceSlug or ""
  std::string place = "";
  std::string access_support = "";
  bool expenses_paid = false;
  std::string payment = "";  // PaymentSlug or ""
  std::string rate = "";     // pounds an hour as typed
  std::string dbs = "";      // "dbs-basic", "dbs-standard", "dbs-enhanced" or ""
  std::string other_credentials = "";
  std::string minimum_age = "";
  std::string places = "";
  std::string closing_day = "";
  std::string closing_month = "";
  std::string closing_year = "";
  std::string closing_time = "";  // "HH:MM", 24-hour
  std::string etag = "";
  std::string request_id = "";
};

// What `role` has now (its closing time in England's time).
RoleFormValues RoleFormValuesOf(const cadre::v1::Role& role);
// What the browser sent, kept as typed (a textarea's CRLF line breaks read as LF; an etag
// or request id longer than kRoleMaxTokenBytes reads as "").
RoleFormValues RoleFormValuesFromForm(const std::multimap<std::string, std::string>& form);

struct ParsedRoleForm {
  cadre::v1::Role role;                // every field the form edits; no name, body, etag or state
  std::vector<FormError> errors = {};  // in the form's order
  bool ok() const { return errors.empty(); }
};

// The values as a Role, with every error found on the way (each naming the form field
// and, in its sentence, the field's label).
ParsedRoleForm ParseRoleForm(const RoleFormValues& values);

// The update_mask paths of every Role field the form edits (UpdateRoleRequest's list).
const std::vector<std::string>& RoleFormMaskPaths();
// The paths of RoleFormMaskPaths whose values differ between `before` and `after`, in
// that order: the update mask of an edit.
std::vector<std::string> ChangedRoleFields(const cadre::v1::Role& before,
                                           const cadre::v1::Role& after);

// The form field an upstream error's field names: "role.title" → "title",
// "role.time_commitment.hours_per_month" → "hours_per_month", "role.location.mode" →
// "attendance", "role.support.rate_pence_per_hour" → "rate",
// "role.required_credentials[2]" → "other_credentials", "role.closing_time" and a role's
// own name (publishing past the closing time) → "closing-day"; "" for none of these.
std::string RoleFormFieldOf(absl::string_view upstream_field);
// The words for a form field in an error sentence: "Title", "Hours a month".
std::string RoleFormLabelOf(absl::string_view form_field);

// Slugs of the form's choices.
std::string RungSlug(cadre::v1::EngagementRung rung);            // "inform" ... "devolve"
cadre::v1::EngagementRung RungFromSlug(absl::string_view slug);  // UNSPECIFIED if unknown
std::string PaymentSlug(cadre::v1::PaymentKind kind);  // "none", "involvement", "salaried"
cadre::v1::PaymentKind PaymentFromSlug(absl::string_view slug);
std::string PaymentKindLabel(cadre::v1::PaymentKind kind);  // "Voluntary: no payment" ...
// A role's state in the staff's list filter (/staff/roles?state=draft): "draft", "open",
// "closed", "filled", "cancelled"; "" for UNSPECIFIED. RoleStateFromSlug gives
// UNSPECIFIED for any other word.
std::string RoleStateSlug(cadre::v1::RoleState state);
cadre::v1::RoleState RoleStateFromSlug(absl::string_view slug);
// The NHS.UK tag colour of a state: "nhsuk-tag--green" for open...
std::string RoleStateTagClass(cadre::v1::RoleState state);
// Every state a role can be in, in the order of its life.
const std::vector<cadre::v1::RoleState>& RoleStates();

// Pence as the form shows pounds: 1550 → "15.50", 0 → "".
std::string PoundsOf(int pence);

// The number of Unicode characters of UTF-8 `text` (the registry's limits count them).
int CharacterCount(absl::string_view text);

}  // namespace cadre::gateway
