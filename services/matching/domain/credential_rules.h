#pragma once

// The rules on credentials a body grants a person (a DBS check, a training module, an
// accreditation) and on whether what a person holds meets what a role requires. Pure:
// "today" is the caller's (DateIn(clock.Now(), LondonTime())).

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "cadre/v1/common.pb.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::matching {

// A credential as a granter sends it. INVALID_ARGUMENT naming the field ("credential.kind")
// unless: kind is a credential name (cadre::CheckCredentialName); a DBS check (dbs-*) has
// an issue_date, a real day not after `today` (other kinds may give one, under the same
// rule); on_update_service is set only for DBS checks, and then
// update_service_checked_date is required, a real day not after `today` (and is not given
// otherwise); expiry_date is required, a real day after `today`.
//
// Output-only fields (name, granted_by, status, grant_time, revoke_reason, revoke_time)
// are ignored rather than refused, as AIP-203 asks and as the registry does; the
// service overwrites them (ClearCredentialOutputFields) before storing.
absl::Status ValidateGrant(const cadre::v1::Credential& c, const cadre::v1::Date& today,
                           absl::string_view prefix);

// Clears every output-only field of `c`, and fields this build does not know.
void ClearCredentialOutputFields(cadre::v1::Credential* c);

// REVOKED if revoke_time is set; else EXPIRED if `today` is after expiry_date (the
// expiry date is the last day it counts); else VALID.
cadre::v1::CredentialStatus StatusOn(const cadre::v1::Credential& c, const cadre::v1::Date& today);

enum class RequirementOutcome { kMet, kMissing, kExpired };

struct RequirementCheck {
  std::string requirement;  // as the role names it: "dbs-standard", "modules/induction"
  RequirementOutcome outcome = RequirementOutcome::kMissing;
  // Set when kExpired: the latest expiry date among the expired credentials that would
  // have met the requirement (so a person is told "your DBS check expired on ...").
  cadre::v1::Date expired_on;
};

// One check for each of `required`, in order. A requirement is met by a VALID credential
// that cadre::CredentialSatisfies it (a higher DBS level meets a lower one); otherwise it
// is expired when some EXPIRED credential would have met it; otherwise missing. Revoked
// credentials never count, and never make a requirement "expired".
std::vector<RequirementCheck> CheckRequirements(absl::Span<const std::string> required,
                                                absl::Span<const cadre::v1::Credential> held,
                                                const cadre::v1::Date& today);

// Whether every check is kMet (true for no requirements at all).
bool AllMet(absl::Span<const RequirementCheck> checks);

// A RevokeCredential reason: kMinRevokeReason to kMaxRevokeReason (3–300) characters,
// not counting spaces at either end. INVALID_ARGUMENT naming `field` otherwise.
absl::Status ValidateRevokeReason(absl::string_view reason, absl::string_view field);

}  // namespace cadre::matching
