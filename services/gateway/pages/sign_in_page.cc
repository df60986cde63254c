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

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxEmailChars = 254;
// Matching takes 128 characters, up to 4 bytes each in UTF-8.
constexpr size_t kMaxPasswordBytes = 512;

struct SignInForm {
  std::string email = "";
  std::string return_path = "/";
  json errors = json::array();         // {"href": "#email", "text": ...}
  json field_errors = json::object();  // field id → message
};

void AddError(SignInForm* form, const std::string& field, const std::string& text) {
  form->errors.push_back({{"href", absl::StrCat("#", field)}, {"text", text}});
  if (!form->field_errors.contains(field)) form->field_errors[field] = text;
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const SignInForm& form,
                HttpResponse* response) {
  json view = {
      {"email", form.email},
      {"return", form.return_path},
      {"csrf", SignedOutFormToken(deps, request, response)},
      {"errors", form.errors},
      {"has_errors", !form.errors.empty()},
      {"signed_up_link", absl::StrCat("/sign-up?return=", PercentEncode(form.return_path))}};
  for (const char* field : {"email", "password"}) {
    if (form.field_errors.contains(field)) {
      view[absl::StrCat(field, "_error")] = form.field_errors[field];
    }
  }
  PageFrame frame{.title = "Sign in to Cadre", .section = "sign_in"};
  RenderPage(deps, request, frame, "sign_in", view, response);
}

void SignInGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::string return_path = SafeReturnPath(request.Query("return"));
  if (FindAccount(deps, request)) {
    SeeOther(return_path, response);  // already signed in
    return;
  }
  RenderForm(deps, request, SignInForm{.return_path = return_path}, response);
}

void SignInPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  if (!SignedOutFormTokenMatches(deps, request)) {
    RenderFormExpired(deps, request, response);
    return;
  }
  SignInForm form{.email = request.Form("email").substr(0, kMaxEmailChars),
                  .return_path = SafeReturnPath(request.Form("return"))};
  const std::string password = request.Form("password");
  if (form.email.empty()) AddError(&form, "email", "Enter your email address");
  if (password.empty()) AddError(&form, "password", "Enter your password");
  if (password.size() > kMaxPasswordBytes) {
    AddError(&form, "password", "Enter a correct email address and password");
  }
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
    switch (status.error_code()) {
      case grpc::StatusCode::UNAUTHENTICATED:
      case grpc::StatusCode::INVALID_ARGUMENT:
      case grpc::StatusCode::NOT_FOUND:
        AddError(&form, "email", "Enter a correct email address and password");
        response->status = 401;
        RenderForm(deps, request, form, response);
        return;
      case grpc::StatusCode::RESOURCE_EXHAUSTED:
        AddError(&form, "email",
                 absl::StrCat("Too many attempts to sign in: ", status.error_message()));
        response->status = 429;
        RenderForm(deps, request, form, response);
        return;
      default:
        RenderUpstreamError(deps, status, request, response);
        return;
    }
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
