// POST /sign-out (the header's button, with the session's CSRF token): the key is revoked
// (matching's SignOut), the session ended and its cookie cleared, then GET /signed-out
// says so. A key already refused, or matching unreachable, is no obstacle to signing out.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

void SignOutPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account) return;
  cadre::v1::SignOutResponse answer;
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  const grpc::Status revoked =
      deps.upstream->matching()->SignOut(&context, cadre::v1::SignOutRequest(), &answer);
  if (!revoked.ok() && revoked.error_code() != grpc::StatusCode::UNAUTHENTICATED) {
    // The person is signed out all the same (on a shared computer that matters most): the
    // key stays valid until it expires, but no session holds it any more.
    log::Warn("sign-out could not revoke the key",
              {{"request_id", request.request_id}, {"code", absl::StrCat(revoked.error_code())}});
  }
  HttpResponse redirect;
  EndSession(deps, *account, &redirect);
  SeeOther("/signed-out", &redirect);
  *response = std::move(redirect);
}

}  // namespace

void AddSignOutPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("POST", "/sign-out", {.name = "sign_out"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SignOutPost(*deps, request, response);
              });
  door->Route("GET", "/signed-out", {.name = "signed_out"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                RenderPage(*deps, request, PageFrame{.title = "You have signed out"}, "signed_out",
                           nlohmann::json::object(), response);
              });
}

}  // namespace cadre::gateway
