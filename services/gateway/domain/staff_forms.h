#pragma once

// The forms and words of a body's staff pages for its placements and for credentials
// (issue 10) as pure code: the placements list's state filter, a person's Cadre ID as
// staff type it, the reason for ending a placement early or revoking a credential, the
// grant form (kept as typed, so that a form sent back with an error shows what was typed)
// into a GrantCredentialRequest, the form field an upstream INVALID_ARGUMENT names, and
// the banners after each form. Pure: no gRPC.
//
// Grant form fields: applicant (the Cadre ID); type ("dbs-basic", "dbs-standard",
// "dbs-enhanced", "module", "accreditation"); module (a training module's id, for
// "module"); accreditation (its slug, for "accreditation"); issue-day, issue-month,
// issue-year (a DBS certificate's issue date); expiry-day, expiry-month, expiry-year
// (valid until: the last day it counts); on_update_service ("yes"); checked-day,
// checked-month, checked-year (when the Update Service was last checked); request_id.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"
#include "services/gateway/domain/application_labels.h"

namespace cadre::gateway {

// Matching's limits on a reason (ending a placement early, revoking a credential).
inline constexpr int kStaffMinReason = 3;    // characters
inline constexpr int kStaffMaxReason = 300;  // characters

// The placements list's filter: "active", "completed", "ended-early"; "" (every state).
std::string PlacementStateSlug(cadre::v1::PlacementState state);
// UNSPECIFIED (no filter) for "" or a word that is not one of them.
cadre::v1::PlacementState PlacementStateFromSlug(absl::string_view slug);

// Who ended a placement early (Placement.ended_by), as the body's staff read it:
// "applicant" → "The person (they stepped down)", "body" → "Your organisation", "admin" →
// "A Cadre administrator"; "" for anything else.
std::string EndedByLabel(absl::string_view ended_by);

// A person's Cadre ID as staff type or paste it: trimmed, lower-cased, "applicants/"
// allowed in front. The id (16 characters of a-z and 2-7), or "" when it is not one.
std::string ApplicantIdFromTyped(absl::string_view typed);
// "applicants/abc" → "abc" (the Cadre ID the person's /credentials page shows them).
std::string ApplicantIdOf(absl::string_view applicant_name);

// A reason as typed, trimmed with its line ends made "\n".
std::string CleanReason(absl::string_view typed);
// "" when `reason` (cleaned) is 3–300 characters; else the sentence to show, naming
// `label` ("Why the placement is ending early"): "Enter why ..." when empty.
std::string ReasonError(absl::string_view reason, absl::string_view label);

// The banner after a staff form (the "done" word of the address it returns to):
// "completed", "ended-early", "granted", "revoked", and "changed" (the placement changed
// under the form: important, not a success); "" text for a word that is not one of them.
DoneBanner StaffDoneBannerFor(absl::string_view done);

// A form field with something wrong: its id (the error summary links to "#<field>") and
// a sentence to show.
struct StaffFormError {
  std::string field = "";
  std::string message = "";
};

// The grant form as typed.
struct CredentialGrantValues {
  std::string applicant = "";
  std::string type = "";  // one of CredentialTypeOptions' values, or ""
  std::string module = "";
  std::string accreditation = "";
  std::string issue_day = "", issue_month = "", issue_year = "";
  std::string expiry_day = "", expiry_month = "", expiry_year = "";
  bool on_update_service = false;
  std::string checked_day = "", checked_month = "", checked_year = "";
  std::string request_id = "";
};
CredentialGrantValues CredentialGrantValuesFromForm(
    const std::multimap<std::string, std::string>& form);

// The kinds of credential the form grants.
struct CredentialTypeOption {
  const char* value;  // the radio's value
  const char* label;  // "Enhanced DBS check"
  bool dbs;           // asks for the certificate's issue date and the Update Service
};
const std::vector<CredentialTypeOption>& CredentialTypeOptions();

struct ParsedCredentialGrant {
  cadre::v1::GrantCredentialRequest request;
  std::vector<StaffFormError> errors = {};
  bool ok() const { return errors.empty(); }
};
// The values as a GrantCredentialRequest, with every error the gateway can find itself
// (no Cadre ID, no type, a date that is not one). Whether a date is in the past, the
// module's or accreditation's spelling, and the rest matching checks.
ParsedCredentialGrant ParseCredentialGrant(const CredentialGrantValues& values);

// The form field an upstream error's field names, given the values sent: "applicant" →
// "applicant", "credential.kind" → "module", "accreditation" or "type" (as the type
// chosen), "credential.issue_date" → "issue-day", "credential.expiry_date" →
// "expiry-day", "credential.update_service_checked_date" → "checked-day",
// "credential.on_update_service" → "on_update_service"; "" for none of these.
std::string CredentialGrantFieldOf(absl::string_view upstream_field,
                                   const CredentialGrantValues& values);
// The words for a form field in an error sentence: "Cadre ID", "Valid until".
std::string CredentialGrantLabelOf(absl::string_view form_field);
// An upstream INVALID_ARGUMENT as a form error: its field and "<label> <message>" with
// matching's words about the field's proto name made the form's ("Valid until must be
// after today").
StaffFormError CredentialGrantErrorOf(absl::string_view upstream_field,
                                      absl::string_view upstream_message,
                                      const CredentialGrantValues& values);

}  // namespace cadre::gateway
