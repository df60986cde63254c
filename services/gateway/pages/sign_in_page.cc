// GET and POST /sign-in: a person signs in with their email address and password
// (matching's SignIn), and goes back to the page they asked for. The key matching answers
// stays in the gateway's session store; the browser gets only the session cookie.
// Every failure to sign in reads the same ("enter a correct email address and password"),
// as matching's own answers do, so the page never says whether an address has an account.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/sign_in_form.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

void RenderForm(const PageDeps& deps, const HttpRequest& request, const SignInForm& form,
                HttpResponse* response) {
  json view = SignInFormView(deps, request, form, response);
  view["signed_up_link"] = absl::StrCat("/sign-up?return=", PercentEncode(form.return_path));
  PageFrame frame{.title = "Sign in to Cadre", .section = "sign_in"};
  RenderPage(deps, request, frame, "sign_in", view, response);
}

void SignInGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::string return_path = SafeReturnPath(request.Query("return"));
  if (FindAccount(deps, request)) {
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
  SignInForm form = ReadSignInForm(request, SafeReturnPath(request.Form("return")), &password);
  if (!form.errors.empty()) {
    response->status = 400;
    RenderForm(deps, request, form, response);
    return;
  }
  cadre::v1::SignInRequest call;
  call.set_email(form.email);
  call.set_password(password);
  cadre::v1::SignInResponse answer;
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  const grpc::Status status = deps.upstream->matching()->SignIn(&context, call, &answer);
  if (!status.ok()) {
    response->status = ShowSignInRefusal(status, &form);
    if (response->status == 0) {
      RenderUpstreamError(deps, status, request, response);
      return;
    }
    RenderForm(deps, request, form, response);
    return;
  }
  const absl::Status started = StartSession(deps, request, answer.applicant(), answer.key(),
                                            FromTimestamp(answer.key_expire_time()), response);
  if (!started.ok()) {
    RenderErrorPage(deps, 503, request, response);
    return;
  }
  SeeOther(form.return_path, response);
}

}  // namespace

void AddSignInPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/sign-in", {.name = "sign_in"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SignInGet(*deps, request, response);
              });
  door->Route("POST", "/sign-in", {.name = "sign_in"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SignInPost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
