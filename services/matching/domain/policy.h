#pragma once

// Who may do what in the matching service: pure functions of the caller (an
// authenticated Principal, possibly anonymous) and what it asks for. Handlers
// authenticate, then ask here; nothing here reads Redis. Every check returns OK,
// UNAUTHENTICATED for an anonymous caller, or PERMISSION_DENIED, with messages safe to
// show.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/principal.h"
#include "services/matching/domain/application_moves.h"

namespace cadre::matching {

// The shared check, so that handlers here say matching::RequireAdmin like the others.
using ::cadre::RequireAdmin;

// The service principal's subject of the notifications service, the one caller of
// GetContact; and the matching service's own.
inline constexpr absl::string_view kNotificationsService = "notifications";
inline constexpr absl::string_view kMatchingService = "matching";

// The applicant `applicant_id` themself, or an admin.
absl::Status MayActAsApplicant(const Principal& p, absl::string_view applicant_id);

// The id of the applicant calling: calls about "me" need an applicant's key
// (PERMISSION_DENIED NotAnApplicantKey for any other key).
absl::StatusOr<std::string> SelfApplicantId(const Principal& p);

// Any body (training providers and charities are bodies), through its key or its staff
// but viewers, or an admin.
absl::Status MayGrantCredential(const Principal& p);

// An admin, or the body that granted the credential, through its key or any of its staff
// but viewers: `granted_by` is the credential's granted_by ("bodies/{code}"), compared
// with the caller's BodyName() (a credential is the body's, whoever of its staff granted
// it). A viewer of that body: PERMISSION_DENIED (NotAViewer's).
absl::Status MayRevokeCredential(const Principal& p, absl::string_view granted_by);

// Who may list an applicant's credentials: the applicant themself, any body (which then
// sees only those it granted: MaySeeCredential), or an admin.
absl::Status MayListCredentials(const Principal& p, absl::string_view applicant_id);

// Whether `p`, allowed by MayListCredentials, sees credential `c` of applicant
// `applicant_id`: admins and the applicant see all of them, a body (its key and every
// one of its staff) those it granted.
bool MaySeeCredential(const Principal& p, absl::string_view applicant_id,
                      const cadre::v1::Credential& c);

// What a credential's granted_by records for its granter: "admin" for any admin key
// (the proto's word; which key is in the audit), else the body, "bodies/RXF", whether its
// key or one of its staff granted it (the audit entry names the staff member).
std::string GrantedBy(const Principal& p);

// GetContact: only the notifications service's principal (kService, "notifications").
absl::Status MayReadContact(const Principal& p);

// Who `p` is to an application or placement: its applicant (kApplicant), the body of its
// role (kBody), an admin (kAdmin). Anyone else: PERMISSION_DENIED (UNAUTHENTICATED when
// anonymous). `applicant` and `body` are the record's names ("applicants/{id}",
// "bodies/{code}").
absl::StatusOr<Party> PartyTo(const Principal& p, absl::string_view applicant,
                              absl::string_view body);

// PartyTo for a change (a move, an ending): the same, and a viewer of the body's staff
// may look but not change anything (PERMISSION_DENIED, NotAViewer's).
absl::StatusOr<Party> PartyToChange(const Principal& p, absl::string_view applicant,
                                    absl::string_view body);

// A body's key for "bodies/{code}" (its own) or any of its staff, or an admin: what a
// body reads (its applications, placements, rankings, figures).
absl::Status MayActAsBody(const Principal& p, absl::string_view body_name);

// A change of any kind: refuses a viewer of a body's staff (PERMISSION_DENIED "a viewer
// may look but not change anything..."); OK for everyone else, whose own checks follow.
absl::Status NotAViewer(const Principal& p);

// Whether `p` is the matching service's own principal (kService, "matching").
bool IsMatchingService(const Principal& p);

}  // namespace cadre::matching
