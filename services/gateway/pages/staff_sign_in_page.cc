// GET and POST /staff/sign-in: a member of a body's staff signs in with their email
// address and password (the registry's SignInStaff) and goes back to the staff page they
// asked for (the staff home by default). The key stays in the gateway's session store.
// Every failure to sign in reads the same, as the registry's answers do, so the page never
// says whether an address has an account; a locked address says so (RESOURCE_EXHAUSTED).

#include <grpcpp/client_context.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/sign_in_form.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

// Where to go once signed in: a local path, the staff home for the site's own home.
std::string StaffReturnPath(absl::string_view wanted) {
  const std::string path = SafeReturnPath(wanted);
  return path == "/" ? "/staff" : path;
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const SignInForm& form,
                HttpResponse* response) {
  const json view = SignInFormView(deps, request, form, response);
  PageFrame frame{.title = "Sign in to Cadre for staff", .section = "sign_in"};
  RenderPage(deps, request, frame, "staff_sign_in", view, response);
  // The form holds a token of the browser's and what was typed: never cached.
  response->SetHeader("Cache-Control", "private, no-store");
}

void SignInGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::string return_path = StaffReturnPath(request.Query("return"));
  if (FindStaff(deps, request)) {
    SeeOther(return_path, response);  // already signed in
    return;
  }
  RenderForm(deps, request, SignInForm{.email = "", .return_path = return_path}, response);
}

void SignInPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  if (!SignedOutFormTokenMatches(deps, request)) {
    RenderFormExpired(deps, request, response);
    return;
  }
  std::string password;
  SignInForm form = ReadSignInForm(request, StaffReturnPath(request.Form("return")), &password);
  if (!form.errors.empty()) {
    response->status = 400;
    RenderForm(deps, request, form, response);
    return;
  }
  cadre::v1::SignInStaffRequest call;
  call.set_email(form.email);
  call.set_password(password);
  cadre::v1::SignInStaffResponse answer;
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  const grpc::Status status = deps.upstream->registry()->SignInStaff(&context, call, &answer);
  if (!status.ok()) {
    response->status = ShowSignInRefusal(status, &form);
    if (response->status == 0) {
      RenderUpstreamError(deps, status, request, response);
      return;
    }
    RenderForm(deps, request, form, response);
    return;
  }
  const absl::Status started = StartStaffSession(deps, request, answer, response);
  if (!started.ok()) {
    RenderErrorPage(deps, 503, request, response);
    return;
  }
  SeeOther(form.return_path, response);
}

}  // namespace

void AddStaffSignInPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/sign-in", {.name = "staff_sign_in"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SignInGet(*deps, request, response);
              });
  door->Route("POST", "/staff/sign-in", {.name = "staff_sign_in"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SignInPost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
