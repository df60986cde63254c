#pragma once

// Who is calling, once authenticated (services/common/auth.h reads the key), and the
// checks every handler makes with it. Pure: no gRPC, no Redis.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace cadre {

enum class PrincipalKind { kAnonymous, kAdmin, kBody, kApplicant, kService };

// A member of a body's staff signs in and gets a key of kind kBody bound to the body that
// also carries their id and role. A body's own key (its systems', its key holder's) has
// no staff id and the role kNone: it may do all a manager may.
//   kManager   everything the body's key may: roles, applications, placements,
//              credentials, the body's details, its keys and its staff;
//   kRecruiter roles, applications, placements, credentials; not details, keys or staff;
//   kViewer    reads what a recruiter reads; changes nothing.
enum class StaffRole { kNone, kManager, kRecruiter, kViewer };

struct Principal {
  PrincipalKind kind = PrincipalKind::kAnonymous;
  // The body's code for kBody ("RXF"), the applicant id, the service name; empty else.
  std::string subject;
  // The key's public id ("admin" for the start-up admin key); empty when anonymous.
  std::string key_id;
  // For a staff member's key (kind kBody): their id (16 hex digits) and role. Empty and
  // kNone for every other key.
  std::string staff_id;
  StaffRole staff_role = StaffRole::kNone;

  bool is_admin() const { return kind == PrincipalKind::kAdmin; }
  bool is_body(absl::string_view code) const {
    return kind == PrincipalKind::kBody && subject == code;
  }
  bool is_staff() const { return kind == PrincipalKind::kBody && !staff_id.empty(); }
  // For events and audit entries: "admin", "bodies/RXF", "bodies/RXF/staff/{id}" (a staff
  // member's key), "applicants/..", "services/.."; a pseudonymous id, never a name.
  std::string Actor() const;
  // The body a kBody principal acts for, "bodies/RXF" (staff or not); empty for others.
  // What a record the body made names as its maker (a credential's granted_by).
  std::string BodyName() const;
};

absl::string_view PrincipalKindName(PrincipalKind kind);
// "manager", "recruiter", "viewer"; "" for kNone.
absl::string_view StaffRoleName(StaffRole role);
// The role named so; nullopt for any other word (including "").
std::optional<StaffRole> StaffRoleFromName(absl::string_view name);

// Checks every handler makes after authenticating. PERMISSION_DENIED (UNAUTHENTICATED
// for an anonymous caller) with a message safe to show.
absl::Status RequireAdmin(const Principal& p);
absl::Status RequireAuthenticated(const Principal& p);
// A change made for the body with this code (its roles, avenues, applications,
// placements): an admin, the body's key, or its staff but viewers (PERMISSION_DENIED
// "a viewer may look but not change anything").
absl::Status RequireAdminOrBody(const Principal& p, absl::string_view body_code);
// Any change a body makes, whichever body (granting a credential): an admin or a body's
// key or staff but viewers.
absl::Status RequireBodyWriter(const Principal& p);
// Managing the body with this code itself (its details, keys and staff): an admin, the
// body's key, or a manager of its staff. Recruiters and viewers: PERMISSION_DENIED.
absl::Status RequireAdminOrBodyManager(const Principal& p, absl::string_view body_code);

}  // namespace cadre
