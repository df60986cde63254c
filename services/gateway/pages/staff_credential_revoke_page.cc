// Revoking a credential the staff member's body granted (issue 10), confirmed first since
// it cannot be undone:
//   GET  /staff/credentials/{Cadre ID}/{n}/revoke  "Revoke this credential?": what it is
//        and the reason (3–300 characters; the person reads it on their My credentials);
//   POST /staff/credentials/{Cadre ID}/{n}/revoke  fields: reason → RevokeCredential;
//        then the person's list with ?done=revoked. A reason too short or too long gives
//        the confirmation again, status 400, with what was typed.
// A credential the body did not grant is not found (404: matching shows a body only its
// own). One already revoked, or a viewer (who may not revoke), goes back to the list
// (303); a viewer's POST by hand is refused by matching (PERMISSION_DENIED: 403).

#include <grpcpp/client_context.h>

#include <optional>
#include <string>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/domain/person_labels.h"
#include "services/gateway/domain/staff_forms.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/staff_credential_views.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr char kReasonLabel[] = "Why you are revoking it";
constexpr size_t kMaxNumberDigits = 9;  // a credential's number in its name

struct RevokeTarget {
  std::string applicant_id;  // the Cadre ID
  std::string name;          // "applicants/{id}/credentials/{n}"
};

// The credential a path names, or nullopt when it names none.
std::optional<RevokeTarget> TargetOf(const HttpRequest& request) {
  if (request.path_params.size() != 2) return std::nullopt;
  const std::string id = ApplicantIdFromTyped(request.path_params[0]);
  const std::string& n = request.path_params[1];
  if (id.empty() || id != request.path_params[0] || n.empty() || n.size() > kMaxNumberDigits ||
      !absl::c_all_of(n, absl::ascii_isdigit)) {
    return std::nullopt;
  }
  return RevokeTarget{id, absl::StrCat("applicants/", id, "/credentials/", n)};
}

void RenderRevoke(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                  const RevokeTarget& target, const std::string& reason, const std::string& error,
                  HttpResponse* response) {
  if (!MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::ListCredentialsRequest list;
  list.set_applicant(absl::StrCat("applicants/", target.applicant_id));
  cadre::v1::ListCredentialsResponse answer;
  const grpc::Status status = deps.upstream->matching()->ListCredentials(&context, list, &answer);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, staff, response);
    return;
  }
  const cadre::v1::Credential* found = nullptr;
  for (const cadre::v1::Credential& c : answer.credentials()) {
    if (c.name() == target.name) found = &c;
  }
  if (found == nullptr) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  const std::string back = StaffCredentialsPath(target.applicant_id);
  if (found->status() == cadre::v1::CREDENTIAL_STATUS_REVOKED || !staff.may_change()) {
    SeeOther(back, response);
    return;
  }
  const bool has_error = !error.empty();
  const json view = {
      {"staff", StaffView(staff)},
      {"what", CredentialWhatLabel(found->kind())},
      {"valid_until", CivilDateLabel(found->expiry_date())},
      {"applicant_id", target.applicant_id},
      {"action", absl::StrCat("/staff/credentials/", target.applicant_id, "/",
                              target.name.substr(target.name.rfind('/') + 1), "/revoke")},
      {"back_href", back},
      {"reason", reason},
      {"max_reason", kStaffMaxReason},
      {"has_reason_error", has_error},
      {"reason_error", error},
      {"has_errors", has_error},
      {"errors", has_error ? json::array({{{"href", "#reason"}, {"text", error}}}) : json::array()},
  };
  const PageFrame frame{
      .title = absl::StrCat(has_error ? "Error: " : "", "Revoke this credential"),
      .section = kStaffSectionCredentials,
      .breadcrumbs = json::array({{{"text", "Credentials"}, {"href", back}}}),
      .staff = &staff,
  };
  RenderPage(deps, request, frame, "staff_credential_confirm", view, response);
}

void ServeRevoke(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::optional<RevokeTarget> target = TargetOf(request);
  if (!target.has_value()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderRevoke(deps, request, *staff, *target, "", "", response);
}

void Revoke(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff.has_value()) return;
  const std::optional<RevokeTarget> target = TargetOf(request);
  if (!target.has_value()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  const std::string reason = CleanReason(request.Form("reason"));
  std::string error = ReasonError(reason, kReasonLabel);
  if (!error.empty()) {
    response->status = 400;
    RenderRevoke(deps, request, *staff, *target, reason, error, response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  cadre::v1::RevokeCredentialRequest revoke;
  revoke.set_name(target->name);
  revoke.set_reason(reason);
  cadre::v1::Credential revoked;
  const grpc::Status status =
      deps.upstream->matching()->RevokeCredential(&context, revoke, &revoked);
  if (status.ok()) {
    SeeOther(absl::StrCat(StaffCredentialsPath(target->applicant_id), "&done=revoked"), response);
    return;
  }
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
      FieldErrorOf(status).field == "reason") {
    response->status = 400;
    RenderRevoke(deps, request, *staff, *target, reason,
                 absl::StrCat(kReasonLabel, " ", FieldErrorOf(status).message), response);
    return;
  }
  RenderStaffUpstreamError(deps, status, request, *staff, response);
}

}  // namespace

void AddStaffCredentialRevokeRoutes(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/credentials/([^/]*)/([^/]*)/revoke",
              {.name = "staff-credential-revoke"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeRevoke(*deps, request, response);
              });
  door->Route("POST", "/staff/credentials/([^/]*)/([^/]*)/revoke",
              {.name = "staff-credential-revoke"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Revoke(*deps, request, response);
              });
}

}  // namespace cadre::gateway
