#include "services/registry/domain/policy.h"

#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"

namespace cadre::registry {
namespace {

// Keys are managed by admins, and a body manages its own body's keys.
bool MayManageKeysOf(const Principal& p, const Principal& holder) {
  return p.is_admin() || (holder.kind == PrincipalKind::kBody && p.is_body(holder.subject));
}

// CreateApiKey for a staff member's key: theirs come from signing in.
absl::Status StaffKeyIssueDenied() {
  return absl::PermissionDeniedError(
      "a staff member's keys come from signing in, not from CreateApiKey");
}

}  // namespace

absl::Status CheckKeyIssue(const Principal& p, const Principal& holder) {
  if (p.is_admin()) return absl::OkStatus();
  if (!MayManageKeysOf(p, holder)) return KeyIssueDenied();
  // A staff member's keys come from signing in (SignInStaff), never from CreateApiKey.
  if (holder.is_staff()) return StaffKeyIssueDenied();
  // The body's keys are the body's to manage: its own key, or a manager of its staff.
  return RequireAdminOrBodyManager(p, holder.subject);
}

absl::Status CheckKeyRevoke(const Principal& p, const Principal& holder) {
  if (p.is_admin()) return absl::OkStatus();
  if (!MayManageKeysOf(p, holder)) return KeyRevokeDenied();
  return RequireAdminOrBodyManager(p, holder.subject);
}

bool IsMatchingService(const Principal& p) {
  return p.kind == PrincipalKind::kService && p.subject == kMatchingSubject;
}

absl::Status CheckMatchingService(const Principal& p) {
  if (absl::Status s = RequireAuthenticated(p); !s.ok()) return s;
  return IsMatchingService(p) ? absl::OkStatus() : MatchingServiceOnly();
}

absl::Status CheckSubjectKeysCaller(const Principal& p) {
  if (absl::Status s = RequireAuthenticated(p); !s.ok()) return s;
  return p.is_admin() || IsMatchingService(p) ? absl::OkStatus() : SubjectKeysDenied();
}

absl::Status CheckSubjectKeysAccess(const Principal& p, const Principal& holder) {
  if (p.is_admin()) return absl::OkStatus();
  if (IsMatchingService(p) && holder.kind == PrincipalKind::kApplicant) return absl::OkStatus();
  return SubjectKeysDenied();
}

bool MayRead(const Principal& p, const cadre::v1::Role& role) {
  const bool published = role.state() == cadre::v1::ROLE_STATE_OPEN || role.has_publish_time();
  return published || p.is_admin() || p.is_body(BodyCodeOf(role.body())) || IsMatchingService(p);
}

absl::Status CheckListRolesAccess(const Principal& p, const RoleQuery& query) {
  if (query.state == cadre::v1::ROLE_STATE_OPEN || p.is_admin() || IsMatchingService(p) ||
      p.is_body(query.body_code)) {
    return absl::OkStatus();
  }
  return NonOpenListingDenied();
}

bool ListsRolesPastClosing(const Principal& p, const RoleQuery& query) {
  return p.is_admin() || IsMatchingService(p) ||
         (!query.body_code.empty() && p.is_body(query.body_code));
}

absl::Status CheckEndRoleRequest(const Principal& p, cadre::v1::RoleState to) {
  if (absl::Status s = RequireAuthenticated(p); !s.ok()) return s;
  if (IsMatchingService(p) && to != cadre::v1::ROLE_STATE_FILLED) return MatchingMayOnlyFill();
  return absl::OkStatus();
}

absl::Status CheckEndRole(const Principal& p, absl::string_view body_code,
                          cadre::v1::RoleState to) {
  if (absl::Status s = CheckEndRoleRequest(p, to); !s.ok()) return s;
  if (IsMatchingService(p)) return absl::OkStatus();  // FILLED, checked above
  return RequireAdminOrBody(p, body_code);
}

}  // namespace cadre::registry
