#include "services/matching/domain/credential_rules.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/credential_names.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {
namespace {

using cadre::v1::Credential;
using cadre::v1::Date;

// A real day not after `today` (a certificate cannot be issued or checked tomorrow).
absl::Status CheckPastDate(const Date& d, const Date& today, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(CheckDate(d, field));
  if (CompareDates(d, today) > 0) return InvalidField(field, "must not be in the future");
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateGrant(const Credential& c, const Date& today, absl::string_view prefix) {
  const std::string kind = FieldPath(prefix, "kind");
  if (c.kind().empty()) return InvalidField(kind, "is required");
  CADRE_RETURN_IF_ERROR(CheckCredentialName(c.kind(), kind));
  const bool dbs = DbsLevel(c.kind()) > 0;

  const std::string issue = FieldPath(prefix, "issue_date");
  if (dbs && !c.has_issue_date()) return InvalidField(issue, "is required for a DBS check");
  if (c.has_issue_date()) CADRE_RETURN_IF_ERROR(CheckPastDate(c.issue_date(), today, issue));

  const std::string checked = FieldPath(prefix, "update_service_checked_date");
  if (c.on_update_service()) {
    if (!dbs) {
      return InvalidField(FieldPath(prefix, "on_update_service"), "applies only to DBS checks");
    }
    if (!c.has_update_service_checked_date()) {
      return InvalidField(checked, "is required when on_update_service is true");
    }
    CADRE_RETURN_IF_ERROR(CheckPastDate(c.update_service_checked_date(), today, checked));
  } else if (c.has_update_service_checked_date()) {
    return InvalidField(checked, "applies only when on_update_service is true");
  }

  const std::string expiry = FieldPath(prefix, "expiry_date");
  if (!c.has_expiry_date()) return InvalidField(expiry, "is required");
  CADRE_RETURN_IF_ERROR(CheckDate(c.expiry_date(), expiry));
  if (CompareDates(c.expiry_date(), today) <= 0) return InvalidField(expiry, "must be after today");
  return absl::OkStatus();
}

void ClearCredentialOutputFields(Credential* c) {
  c->clear_name();
  c->clear_granted_by();
  c->clear_status();
  c->clear_grant_time();
  c->clear_revoke_reason();
  c->clear_revoke_time();
  c->DiscardUnknownFields();
}

cadre::v1::CredentialStatus StatusOn(const Credential& c, const Date& today) {
  if (c.has_revoke_time()) return cadre::v1::CREDENTIAL_STATUS_REVOKED;
  if (CompareDates(today, c.expiry_date()) > 0) return cadre::v1::CREDENTIAL_STATUS_EXPIRED;
  return cadre::v1::CREDENTIAL_STATUS_VALID;
}

std::vector<RequirementCheck> CheckRequirements(absl::Span<const std::string> required,
                                                absl::Span<const Credential> held,
                                                const Date& today) {
  std::vector<RequirementCheck> checks;
  checks.reserve(required.size());
  for (const std::string& requirement : required) {
    bool met = false;
    const Date* latest_expired = nullptr;
    for (const Credential& c : held) {
      if (!CredentialSatisfies(c.kind(), requirement)) continue;
      const cadre::v1::CredentialStatus status = StatusOn(c, today);
      if (status == cadre::v1::CREDENTIAL_STATUS_VALID) {
        met = true;
        break;
      }
      if (status == cadre::v1::CREDENTIAL_STATUS_EXPIRED &&
          (latest_expired == nullptr || CompareDates(c.expiry_date(), *latest_expired) > 0)) {
        latest_expired = &c.expiry_date();
      }
    }
    RequirementCheck check;
    check.requirement = requirement;
    if (met) {
      check.outcome = RequirementOutcome::kMet;
    } else if (latest_expired != nullptr) {
      check.outcome = RequirementOutcome::kExpired;
      check.expired_on = *latest_expired;
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

bool AllMet(absl::Span<const RequirementCheck> checks) {
  return absl::c_all_of(
      checks, [](const RequirementCheck& c) { return c.outcome == RequirementOutcome::kMet; });
}

absl::Status ValidateRevokeReason(absl::string_view reason, absl::string_view field) {
  CADRE_RETURN_IF_ERROR(CheckLength(reason, 0, kMaxRevokeReason, field));
  if (Utf8Length(absl::StripAsciiWhitespace(reason)) < kMinRevokeReason) {
    return InvalidField(field, absl::StrCat("must be ", kMinRevokeReason, " to ", kMaxRevokeReason,
                                            " characters: say why"));
  }
  return absl::OkStatus();
}

}  // namespace cadre::matching
