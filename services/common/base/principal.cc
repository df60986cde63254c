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

std::string Principal::Actor() const {
  switch (kind) {
    case PrincipalKind::kAdmin:
      return key_id == "admin" ? "admin" : absl::StrCat("admin/", key_id);
    case PrincipalKind::kBody:
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

absl::Status RequireAdminOrBody(const Principal& p, absl::string_view body_code) {
  if (auto s = RequireAuthenticated(p); !s.ok()) return s;
  if (p.is_admin() || p.is_body(body_code)) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("only bodies/", body_code, " or an admin may do this"));
}

}  // namespace cadre
