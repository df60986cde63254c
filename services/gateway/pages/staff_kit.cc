#include "services/gateway/pages/staff_kit.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/base/time_proto.h"
#include "services/common/logging.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/session_guard.h"
#include "services/gateway/sessions/session_store.h"

namespace cadre::gateway {
namespace {

constexpr char kStaffHome[] = "/staff";

// A staff session behind the cookie: nullopt when signed out, or when the session is an
// applicant's (`other_kind` then says so); UNAVAILABLE when the store is down.
absl::StatusOr<std::optional<StaffAccount>> Lookup(const PageDeps& deps, const HttpRequest& request,
                                                   bool* other_kind = nullptr) {
  absl::StatusOr<std::optional<SessionRecord>> found = LookUpSession(deps, request);
  if (!found.ok()) return found.status();
  if (!found->has_value()) return std::optional<StaffAccount>();
  if ((*found)->kind != SessionKind::kStaff) {
    if (other_kind != nullptr) *other_kind = true;
    return std::optional<StaffAccount>();
  }
  return std::optional<StaffAccount>(StaffAccountOf(
      deps, request, **std::move(found), request.Cookie(SessionCookieName(deps, request))));
}

constexpr SignInPlace kStaffSignIn{.path = "/staff/sign-in", .post_fallback = kStaffHome};

// "RXF" of "bodies/RXF/staff/0123456789abcdef"; "" for another shape.
std::string BodyCodeOfStaff(const std::string& staff) {
  const std::vector<std::string> parts = absl::StrSplit(staff, '/');
  if (parts.size() != 4 || parts[0] != "bodies" || parts[2] != "staff") return "";
  return parts[1];
}

// The body's display name for the header, read once at sign-in (a public read); its code
// when the registry cannot say.
std::string BodyDisplayName(const PageDeps& deps, const HttpRequest& request,
                            const std::string& body_code) {
  if (deps.upstream == nullptr || deps.upstream->registry() == nullptr) return body_code;
  cadre::v1::GetBodyRequest ask;
  ask.set_name(absl::StrCat("bodies/", body_code));
  cadre::v1::Body body;
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  const grpc::Status status = deps.upstream->registry()->GetBody(&context, ask, &body);
  if (!status.ok() || body.display_name().empty()) return body_code;
  return body.display_name();
}

}  // namespace

std::string StaffRoleWord(cadre::v1::StaffRole role) {
  switch (role) {
    case cadre::v1::STAFF_ROLE_MANAGER:
      return "manager";
    case cadre::v1::STAFF_ROLE_RECRUITER:
      return "recruiter";
    case cadre::v1::STAFF_ROLE_VIEWER:
      return "viewer";
    default:
      return "";
  }
}

cadre::v1::StaffRole StaffRoleFromWord(absl::string_view word) {
  if (word == "manager") return cadre::v1::STAFF_ROLE_MANAGER;
  if (word == "recruiter") return cadre::v1::STAFF_ROLE_RECRUITER;
  if (word == "viewer") return cadre::v1::STAFF_ROLE_VIEWER;
  return cadre::v1::STAFF_ROLE_UNSPECIFIED;
}

std::string StaffRoleLabel(cadre::v1::StaffRole role) {
  switch (role) {
    case cadre::v1::STAFF_ROLE_MANAGER:
      return "Manager";
    case cadre::v1::STAFF_ROLE_RECRUITER:
      return "Recruiter";
    case cadre::v1::STAFF_ROLE_VIEWER:
      return "Viewer";
    default:
      return "No role";
  }
}

std::string StaffRoleMeaning(cadre::v1::StaffRole role) {
  switch (role) {
    case cadre::v1::STAFF_ROLE_MANAGER:
      return "Everything a recruiter can do, and also adds staff, changes their roles and "
             "deactivates them.";
    case cadre::v1::STAFF_ROLE_RECRUITER:
      return "Creates, publishes and closes roles, moves applications on, completes "
             "placements and grants credentials. Cannot manage staff.";
    case cadre::v1::STAFF_ROLE_VIEWER:
      return "Sees the roles, applicants, placements, credentials and figures, but cannot "
             "change anything.";
    default:
      return "";
  }
}

std::string StaffSignInAddress(absl::string_view return_path) {
  return absl::StrCat("/staff/sign-in?return=", PercentEncode(SafeReturnPath(return_path)));
}

StaffAccount StaffAccountOf(const PageDeps& deps, const HttpRequest& request, SessionRecord record,
                            std::string cookie) {
  return StaffAccount{.staff = std::move(record.staff),
                      .body = absl::StrCat("bodies/", record.body_code),
                      .body_code = record.body_code,
                      .display_name = std::move(record.display_name),
                      .body_display_name = std::move(record.body_display_name),
                      .role = StaffRoleFromWord(record.staff_role),
                      .key = std::move(record.key),
                      .csrf = std::move(record.csrf),
                      .cookie = std::move(cookie),
                      .secure_cookies = SecureCookies(deps, request),
                      .key_expire = record.key_expire};
}

std::optional<StaffAccount> FindStaff(const PageDeps& deps, const HttpRequest& request) {
  if (request.Cookie(SessionCookieName(deps, request)).empty()) return std::nullopt;
  absl::StatusOr<std::optional<StaffAccount>> found = Lookup(deps, request);
  if (!found.ok()) return std::nullopt;
  return *std::move(found);
}

std::optional<StaffAccount> RequireStaff(const PageDeps& deps, const HttpRequest& request,
                                         HttpResponse* response) {
  bool applicant_session = false;
  absl::StatusOr<std::optional<StaffAccount>> found = Lookup(deps, request, &applicant_session);
  if (!found.ok()) {
    RenderErrorPage(deps, 503, request, response);
    return std::nullopt;
  }
  if (!found->has_value()) {
    SendToSignIn(deps, request, kStaffSignIn,
                 applicant_session ? SessionCookie::kKeep : SessionCookie::kClear, response);
    return std::nullopt;
  }
  return *std::move(found);
}

std::optional<StaffAccount> RequireStaffForm(const PageDeps& deps, const HttpRequest& request,
                                             HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff) return std::nullopt;
  if (!TokensMatch(request.Form(kCsrfField), staff->csrf)) {
    RenderFormExpired(deps, request, response);
    response->SetHeader("Cache-Control", "private, no-store");
    return std::nullopt;
  }
  return staff;
}

void PrepareStaffContext(const PageDeps& deps, const HttpRequest& request,
                         const StaffAccount& staff, grpc::ClientContext* context) {
  deps.upstream->Prepare(context, Caller{.bearer_key = staff.key,
                                         .client_address = request.client_address,
                                         .request_id = request.request_id});
}

void RenderStaffUpstreamError(const PageDeps& deps, const grpc::Status& status,
                              const HttpRequest& request, const StaffAccount& staff,
                              HttpResponse* response) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED: {
      // The key was refused: expired, or revoked (deactivated, a new role, a new set-up
      // link). The session is of no use any more.
      HttpResponse redirect;
      EndStaffSession(deps, staff, &redirect);
      SendToSignIn(deps, request, kStaffSignIn, SessionCookie::kKeep, &redirect);  // cleared above
      *response = std::move(redirect);
      return;
    }
    case grpc::StatusCode::PERMISSION_DENIED:
      // The service's reason is safe for callers ("staff: a viewer cannot ...").
      RenderForbidden(deps, request,
                      absl::StrCat("Your role does not allow this. ", status.error_message()),
                      response);
      return;
    default:
      RenderUpstreamError(deps, status, request, response);
      response->SetHeader("Cache-Control", "private, no-store");
  }
}

absl::Status StartStaffSession(const PageDeps& deps, const HttpRequest& request,
                               const cadre::v1::SignInStaffResponse& signed_in,
                               HttpResponse* response) {
  const cadre::v1::Staff& member = signed_in.staff();
  const std::string body_code = BodyCodeOfStaff(member.name());
  if (body_code.empty()) return absl::InternalError("staff: the registry named no body");
  const absl::Time key_expire = FromTimestamp(signed_in.key_expire_time());
  SessionRecord record{.kind = SessionKind::kStaff,
                       .key = signed_in.key(),
                       .csrf = NewToken(),
                       .key_expire = key_expire,
                       .staff = member.name(),
                       .body_code = body_code,
                       .staff_role = StaffRoleWord(member.role()),
                       .display_name = member.display_name(),
                       .body_display_name = BodyDisplayName(deps, request, body_code)};
  return StartSessionFor(deps, request, record, response);
}

void EndStaffSession(const PageDeps& deps, const StaffAccount& staff, HttpResponse* response) {
  EndSessionOf(deps, staff.cookie, staff.staff, staff.secure_cookies, response);
}

absl::Status EndEveryStaffSession(const PageDeps& deps, const std::string& staff) {
  if (deps.sessions == nullptr) return absl::UnavailableError("sessions are not configured");
  return deps.sessions->EndEvery(staff);
}

nlohmann::json StaffView(const StaffAccount& staff) {
  return {{"csrf", staff.csrf},
          {"may_change", staff.may_change()},
          {"is_manager", staff.is_manager()},
          {"body", staff.body},
          {"body_code", staff.body_code},
          {"body_display_name",
           staff.body_display_name.empty() ? staff.body_code : staff.body_display_name},
          {"display_name", staff.display_name},
          {"role", StaffRoleWord(staff.role)},
          {"role_label", StaffRoleLabel(staff.role)},
          {"role_meaning", StaffRoleMeaning(staff.role)}};
}

}  // namespace cadre::gateway
