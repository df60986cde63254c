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
// admin any key; a body a key for itself (rotation). PERMISSION_DENIED (KeyIssueDenied)
// otherwise.
absl::Status CheckKeyIssue(const Principal& p, const Principal& holder);

// Whether `p` may revoke a key that stands for `holder`: an admin any key; a body the
// keys of its own body. PERMISSION_DENIED (KeyRevokeDenied) otherwise.
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

// Whether `p` may see `role`: open roles are public; others only their own body and
// admins. (A role the caller may not see is reported as absent, not as forbidden.)
bool MayRead(const Principal& p, const cadre::v1::Role& role);

// Whether `p` may run `query` in ListRoles: open roles anyone; roles in any other state
// only an admin, or a body whose query is limited to itself (query.body_code).
// PERMISSION_DENIED (NonOpenListingDenied) otherwise.
absl::Status CheckListRolesAccess(const Principal& p, const RoleQuery& query);

}  // namespace cadre::registry
