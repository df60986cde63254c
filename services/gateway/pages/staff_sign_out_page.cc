// POST /staff/sign-out (the staff header's button, with the session's CSRF token): the
// key is revoked (the registry's SignOutStaff), the session ended and its cookie cleared,
// then GET /staff/signed-out says so. A key already refused, or the registry unreachable,
// is no obstacle to signing out.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {
namespace {

void SignOutPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff) return;
  cadre::v1::SignOutStaffResponse answer;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status revoked =
      deps.upstream->registry()->SignOutStaff(&context, cadre::v1::SignOutStaffRequest(), &answer);
  if (!revoked.ok() && revoked.error_code() != grpc::StatusCode::UNAUTHENTICATED) {
    // Signed out all the same: the key stays valid until it expires, but no session
    // holds it any more.
    log::Warn("staff sign-out could not revoke the key",
              {{"request_id", request.request_id}, {"code", absl::StrCat(revoked.error_code())}});
  }
  HttpResponse redirect;
  EndStaffSession(deps, *staff, &redirect);
  SeeOther("/staff/signed-out", &redirect);
  *response = std::move(redirect);
}

}  // namespace

void AddStaffSignOutPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("POST", "/staff/sign-out", {.name = "staff_sign_out"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SignOutPost(*deps, request, response);
              });
  door->Route("GET", "/staff/signed-out", {.name = "staff_signed_out"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                RenderPage(*deps, request,
                           PageFrame{.title = "You have signed out of Cadre for staff"},
                           "staff_signed_out", nlohmann::json::object(), response);
              });
}

}  // namespace cadre::gateway
