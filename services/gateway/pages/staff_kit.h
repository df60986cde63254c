#pragma once

// What a page for a signed-in member of a body's staff uses (issue 10), beside
// account_kit.h's for applicants: who is asking (a staff session behind the browser's
// cookie: the same cookie, store, sealing and CSRF token as a person's, its record of the
// staff kind), the sign-in a staff page needs, and upstream calls made with the member's
// own staff key, which carries their body, id and role.
//
// The services check the role on every call (a viewer's change is PERMISSION_DENIED by
// the registry or matching, whatever the page shows); the page only hides the forms a
// role cannot use (may_change, is_manager), so that nobody meets a button that must fail.
//
// A staff page follows the person's pages' shape:
//   GET  — RequireStaff; PrepareStaffContext for each upstream call; on failure
//          RenderStaffUpstreamError; else RenderPage with frame.staff = &*staff and
//          frame.section one of kStaffSection*. StaffView(*staff) gives the view's
//          "staff" object (csrf, may_change, is_manager, body, display_name, role).
//   POST — RequireStaffForm (checks the CSRF token); call; INVALID_ARGUMENT → the form
//          again (400) naming the field (FieldErrorOf); PERMISSION_DENIED → the 403 page
//          (RenderStaffUpstreamError); success → SeeOther with "?done=<what>".

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/registry.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// A signed-in member of a body's staff, from their session. Never logged; the key never
// rendered.
struct StaffAccount {
  std::string staff;              // "bodies/{code}/staff/{id}"
  std::string body;               // "bodies/{code}"
  std::string body_code;          // "{code}"
  std::string display_name;       // for the header
  std::string body_display_name;  // the body's name, for the header (its code if unknown)
  cadre::v1::StaffRole role = cadre::v1::STAFF_ROLE_UNSPECIFIED;
  std::string key;              // their staff key: upstream calls only
  std::string csrf;             // the token each of their forms carries (field "csrf")
  std::string cookie;           // the session cookie's value, to end this session
  bool secure_cookies = false;  // cookies are set Secure (TLS, or an https public URL)
  absl::Time key_expire = absl::UnixEpoch();

  // What the page shows; the services decide.
  bool may_change() const { return role != cadre::v1::STAFF_ROLE_VIEWER; }
  bool is_manager() const { return role == cadre::v1::STAFF_ROLE_MANAGER; }
};

// The header's navigation items of the staff pages (PageFrame.section).
inline constexpr char kStaffSectionHome[] = "staff";
inline constexpr char kStaffSectionRoles[] = "staff-roles";
inline constexpr char kStaffSectionPlacements[] = "staff-placements";
inline constexpr char kStaffSectionCredentials[] = "staff-credentials";
inline constexpr char kStaffSectionTeam[] = "staff-team";
inline constexpr char kStaffSectionFigures[] = "staff-figures";

// The staff session behind the request's cookie, or nullopt: no cookie, unknown, expired,
// an applicant's session, or the store unavailable.
std::optional<StaffAccount> FindStaff(const PageDeps& deps, const HttpRequest& request);

// A staff session's record as the account (FindStaff's, and the layout's on a public page
// seen in a staff session). `record` must be of the staff kind.
StaffAccount StaffAccountOf(const PageDeps& deps, const HttpRequest& request, SessionRecord record,
                            std::string cookie);

// For a staff page: the account; or nullopt with `response` filled: not signed in as
// staff → 303 to /staff/sign-in?return=<this path and query, for a GET>; the session
// store unavailable → the 503 page.
std::optional<StaffAccount> RequireStaff(const PageDeps& deps, const HttpRequest& request,
                                         HttpResponse* response);

// For a POST from a staff page's form: RequireStaff, then the form's "csrf" field must
// equal the session's token, else the 403 page (nothing was changed).
std::optional<StaffAccount> RequireStaffForm(const PageDeps& deps, const HttpRequest& request,
                                             HttpResponse* response);

// The context for an upstream call made for `staff` (their key as the bearer, the
// browser's address through the forwarder key, the request id, the deadline).
void PrepareStaffContext(const PageDeps& deps, const HttpRequest& request,
                         const StaffAccount& staff, grpc::ClientContext* context);

// An upstream failure on a staff page: UNAUTHENTICATED (key expired, revoked on
// deactivation or a change of role) → the session ends, 303 to /staff/sign-in returning
// here; PERMISSION_DENIED → the 403 page with the service's reason; else as
// RenderUpstreamError.
void RenderStaffUpstreamError(const PageDeps& deps, const grpc::Status& status,
                              const HttpRequest& request, const StaffAccount& staff,
                              HttpResponse* response);

// Signing a member in: a new staff session holding the key SignInStaff or
// SetStaffPassword answered, its cookie set on `response`. A session the request already
// had (of either kind) is ended first. UNAVAILABLE when the session store is down.
absl::Status StartStaffSession(const PageDeps& deps, const HttpRequest& request,
                               const cadre::v1::SignInStaffResponse& signed_in,
                               HttpResponse* response);

// Ends `staff`'s session (record and cookie); the key is revoked by the caller
// (SignOutStaff) when it should be.
void EndStaffSession(const PageDeps& deps, const StaffAccount& staff, HttpResponse* response);

// Ends every session of the member `staff` ("bodies/{code}/staff/{id}") in every gateway
// replica: after the registry revoked their keys (deactivation, a change of role, a new
// set-up link), so that their next page sends them to sign in at once. UNAVAILABLE when
// the store is down.
absl::Status EndEveryStaffSession(const PageDeps& deps, const std::string& staff);

// The way to sign in as staff and come back: "/staff/sign-in?return=<path>".
std::string StaffSignInAddress(absl::string_view return_path);

// The view's "staff" object: {csrf, may_change, is_manager, body, body_code,
// body_display_name, display_name, role ("manager" | "recruiter" | "viewer"), role_label
// ("Manager"...), role_meaning}.
nlohmann::json StaffView(const StaffAccount& staff);

// "Manager", "Recruiter", "Viewer" (and the sentence each role means, for forms).
std::string StaffRoleLabel(cadre::v1::StaffRole role);
std::string StaffRoleMeaning(cadre::v1::StaffRole role);
// "manager", "recruiter", "viewer" ("" for UNSPECIFIED), and back (UNSPECIFIED for any
// other word): the session record's and the forms' values.
std::string StaffRoleWord(cadre::v1::StaffRole role);
cadre::v1::StaffRole StaffRoleFromWord(absl::string_view word);

}  // namespace cadre::gateway
