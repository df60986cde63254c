#include "services/matching/domain/policy.h"

#include "services/common/base/status_macros.h"
#include "services/matching/domain/errors.h"

namespace cadre::matching {
namespace {

bool IsApplicant(const Principal& p, absl::string_view applicant_id) {
  return p.kind == PrincipalKind::kApplicant && !applicant_id.empty() && p.subject == applicant_id;
}

bool IsService(const Principal& p, absl::string_view name) {
  return p.kind == PrincipalKind::kService && p.subject == name;
}

}  // namespace

absl::Status MayActAsApplicant(const Principal& p, absl::string_view applicant_id) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  if (p.is_admin() || IsApplicant(p, applicant_id)) return absl::OkStatus();
  return absl::PermissionDeniedError("only the applicant themself or an admin may do this");
}

absl::StatusOr<std::string> SelfApplicantId(const Principal& p) {
  if (p.kind == PrincipalKind::kAnonymous) {
    return absl::UnauthenticatedError(
        "this call needs an applicant's key (authorization: Bearer <key>): sign in first");
  }
  if (p.kind != PrincipalKind::kApplicant || p.subject.empty()) return NotAnApplicantKey();
  return p.subject;
}

absl::Status MayGrantCredential(const Principal& p) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  if (p.is_admin()) return absl::OkStatus();
  if (p.kind == PrincipalKind::kBody) return NotAViewer(p);
  return absl::PermissionDeniedError("only a body or an admin may grant credentials");
}

absl::Status MayRevokeCredential(const Principal& p, absl::string_view granted_by) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  if (p.is_admin()) return absl::OkStatus();
  if (p.kind == PrincipalKind::kBody && p.BodyName() == granted_by) return NotAViewer(p);
  return absl::PermissionDeniedError(
      "only the body that granted this credential or an admin may revoke it");
}

absl::Status MayListCredentials(const Principal& p, absl::string_view applicant_id) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  if (p.is_admin() || p.kind == PrincipalKind::kBody || IsApplicant(p, applicant_id)) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      "only the applicant themself, a body or an admin may list credentials");
}

bool MaySeeCredential(const Principal& p, absl::string_view applicant_id,
                      const cadre::v1::Credential& c) {
  if (p.is_admin() || IsApplicant(p, applicant_id)) return true;
  return p.kind == PrincipalKind::kBody && c.granted_by() == p.BodyName();
}

std::string GrantedBy(const Principal& p) {
  if (p.is_admin()) return "admin";
  return p.kind == PrincipalKind::kBody ? p.BodyName() : p.Actor();
}

absl::Status NotAViewer(const Principal& p) {
  // RequireBodyWriter's answer for a viewer, so that every service words it alike.
  if (p.is_staff() && p.staff_role == StaffRole::kViewer) return RequireBodyWriter(p);
  return absl::OkStatus();
}

absl::Status MayReadContact(const Principal& p) {
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  if (IsService(p, kNotificationsService)) return absl::OkStatus();
  return absl::PermissionDeniedError("only the notifications service may read contact details");
}

bool IsMatchingService(const Principal& p) { return IsService(p, kMatchingService); }

absl::StatusOr<Party> PartyTo(const Principal& p, absl::string_view applicant,
                              absl::string_view body) {
  if (p.is_admin()) return Party::kAdmin;
  if (p.kind == PrincipalKind::kApplicant && absl::StrCat("applicants/", p.subject) == applicant) {
    return Party::kApplicant;
  }
  if (p.kind == PrincipalKind::kBody && absl::StrCat("bodies/", p.subject) == body) {
    return Party::kBody;
  }
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  return absl::PermissionDeniedError("this is another person's or another body's record");
}

absl::StatusOr<Party> PartyToChange(const Principal& p, absl::string_view applicant,
                                    absl::string_view body) {
  CADRE_ASSIGN_OR_RETURN(const Party party, PartyTo(p, applicant, body));
  if (party == Party::kBody) CADRE_RETURN_IF_ERROR(NotAViewer(p));
  return party;
}

absl::Status MayActAsBody(const Principal& p, absl::string_view body_name) {
  if (p.is_admin()) return absl::OkStatus();
  CADRE_RETURN_IF_ERROR(RequireAuthenticated(p));
  if (p.kind == PrincipalKind::kBody && absl::StrCat("bodies/", p.subject) == body_name) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError("a body sees only its own roles' applications");
}

}  // namespace cadre::matching
