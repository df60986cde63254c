#include "services/common/base/principal.h"

#include "absl/strings/str_cat.h"

namespace cadre {

absl::string_view PrincipalKindName(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::kAnonymous:
      return "anonymous";
    case PrincipalKind::kAdmin:
      return "admin";
    case PrincipalKind::kBody:
      return "body";
    case PrincipalKind::kApplicant:
      return "applicant";
    case PrincipalKind::kService:
      return "service";
  }
  return "anonymous";
}

absl::string_view StaffRoleName(StaffRole role) {
  switch (role) {
    case StaffRole::kManager:
      return "manager";
    case StaffRole::kRecruiter:
      return "recruiter";
    case StaffRole::kViewer:
      return "viewer";
    case StaffRole::kNone:
      break;
  }
  return "";
}

std::optional<StaffRole> StaffRoleFromName(absl::string_view name) {
  for (StaffRole role : {StaffRole::kManager, StaffRole::kRecruiter, StaffRole::kViewer}) {
    if (StaffRoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string Principal::BodyName() const {
  return kind == PrincipalKind::kBody ? absl::StrCat("bodies/", subject) : std::string();
}

std::string Principal::Actor() const {
  switch (kind) {
    case PrincipalKind::kAdmin:
      return key_id == "admin" ? "admin" : absl::StrCat("admin/", key_id);
    case PrincipalKind::kBody:
      if (is_staff()) return absl::StrCat("bodies/", subject, "/staff/", staff_id);
      return absl::StrCat("bodies/", subject);
    case PrincipalKind::kApplicant:
      return absl::StrCat("applicants/", subject);
    case PrincipalKind::kService:
      return absl::StrCat("services/", subject);
    case PrincipalKind::kAnonymous:
      break;
  }
  return "anonymous";
}

absl::Status RequireAuthenticated(const Principal& p) {
  if (p.kind == PrincipalKind::kAnonymous) {
    return absl::UnauthenticatedError("this call needs an API key (authorization: Bearer <key>)");
  }
  return absl::OkStatus();
}

absl::Status RequireAdmin(const Principal& p) {
  if (auto s = RequireAuthenticated(p); !s.ok()) return s;
  if (!p.is_admin()) return absl::PermissionDeniedError("this call needs an admin key");
  return absl::OkStatus();
}

namespace {

absl::Status ViewerDenied() {
  return absl::PermissionDeniedError(
      "a viewer may look but not change anything: ask a manager of your body for the "
      "recruiter role");
}

}  // namespace

absl::Status RequireAdminOrBody(const Principal& p, absl::string_view body_code) {
  if (auto s = RequireAuthenticated(p); !s.ok()) return s;
  if (p.is_admin()) return absl::OkStatus();
  if (!p.is_body(body_code)) {
    return absl::PermissionDeniedError(
        absl::StrCat("only bodies/", body_code, " or an admin may do this"));
  }
  if (p.staff_role == StaffRole::kViewer) return ViewerDenied();
  return absl::OkStatus();
}

absl::Status RequireBodyWriter(const Principal& p) {
  if (auto s = RequireAuthenticated(p); !s.ok()) return s;
  if (p.is_admin()) return absl::OkStatus();
  if (p.kind != PrincipalKind::kBody) {
    return absl::PermissionDeniedError("only a body or an admin may do this");
  }
  if (p.staff_role == StaffRole::kViewer) return ViewerDenied();
  return absl::OkStatus();
}

absl::Status RequireAdminOrBodyManager(const Principal& p, absl::string_view body_code) {
  if (auto s = RequireAdminOrBody(p, body_code); !s.ok()) return s;
  if (p.is_staff() && p.staff_role != StaffRole::kManager) {
    return absl::PermissionDeniedError(
        "only a manager of the body's staff (or the body's own key) may manage its details, "
        "keys and staff");
  }
  return absl::OkStatus();
}

}  // namespace cadre
