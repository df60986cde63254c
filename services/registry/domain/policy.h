#pragma once

// Who may do what in the registry: pure functions of the caller (an authenticated
// Principal, possibly anonymous) and what it asks for. Handlers authenticate, then ask
// here; nothing here reads Redis.

#include "absl/status/status.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/base/principal.h"
#include "services/registry/domain/catalog.h"

namespace cadre::registry {

// Whether `p` may issue a key that stands for `holder` (see ValidateCreateApiKey): an
// admin any key; a body a key for itself (rotation), through its own key or a manager
// of its staff (recruiters and viewers: RequireAdminOrBodyManager's PERMISSION_DENIED),
// never a staff member's key (StaffKeyIssueDenied: those come from SignInStaff).
// PERMISSION_DENIED (KeyIssueDenied) otherwise.
absl::Status CheckKeyIssue(const Principal& p, const Principal& holder);

// Whether `p` may revoke a key that stands for `holder`: an admin any key; a body the
// keys of its own body (its staff's included), through its own key or a manager of its
// staff. PERMISSION_DENIED (KeyRevokeDenied, or RequireAdminOrBodyManager's) otherwise.
absl::Status CheckKeyRevoke(const Principal& p, const Principal& holder);

// The matching service's principal: Principal{kService, kMatchingSubject}, from its
// service key (services/common/service_keys.h names the same subject).
inline constexpr absl::string_view kMatchingSubject = "matching";
bool IsMatchingService(const Principal& p);

// RegisterApplicantKey and RevokeApplicantKey: the matching service only.
// UNAUTHENTICATED for an anonymous caller, PERMISSION_DENIED (MatchingServiceOnly) for
// any other.
absl::Status CheckMatchingService(const Principal& p);

// RevokeSubjectKeys and ListSubjectKeys, before the request is read: an admin or the
// matching service. UNAUTHENTICATED for an anonymous caller, PERMISSION_DENIED
// (SubjectKeysDenied) for any other.
absl::Status CheckSubjectKeysCaller(const Principal& p);
// ... and once the holder is known: an admin any holder's keys, the matching service an
// applicant's only. PERMISSION_DENIED (SubjectKeysDenied) otherwise.
absl::Status CheckSubjectKeysAccess(const Principal& p, const Principal& holder);

// Whether `p` may read `role` by name (GetRole): a role that has been published (open,
// or closed, filled or cancelled after it was open) anyone, so that records of it can
// still show it; a draft, or a draft cancelled unpublished, only its own body, admins and
// the matching service, which reads every role. (A role the caller may not see is
// reported as absent, not as forbidden.)
bool MayRead(const Principal& p, const cadre::v1::Role& role);

// Whether `p` may run `query` in ListRoles: open roles anyone; roles in any other state
// only an admin, the matching service, or a body whose query is limited to itself
// (query.body_code). PERMISSION_DENIED (NonOpenListingDenied) otherwise.
absl::Status CheckListRolesAccess(const Principal& p, const RoleQuery& query);

// Whether a ListRoles of `p` with `query` lists open roles past their closing time (with
// accepting_applications false): an admin's, the matching service's, and a body's limited
// to itself. Every other listing (anonymous, applicants, other services, a body listing
// every body) is public: only roles that accept applications at the time of the query.
bool ListsRolesPastClosing(const Principal& p, const RoleQuery& query);

// CloseRole, before the role is read: the matching service may ask for FILLED only.
// UNAUTHENTICATED for an anonymous caller; PERMISSION_DENIED (MatchingMayOnlyFill) for
// the matching service asking for another state.
absl::Status CheckEndRoleRequest(const Principal& p, cadre::v1::RoleState to);
// ... and once the role's body is known: an admin or the role's own body may end it as
// CLOSED, FILLED or CANCELLED; the matching service may mark any body's role FILLED (the
// lifecycle then allows that only from OPEN). PERMISSION_DENIED otherwise.
absl::Status CheckEndRole(const Principal& p, absl::string_view body_code, cadre::v1::RoleState to);

}  // namespace cadre::registry
