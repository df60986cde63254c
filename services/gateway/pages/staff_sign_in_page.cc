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
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxEmailChars = 254;
// The registry takes 128 characters, up to 4 bytes each in UTF-8.
constexpr size_t kMaxPasswordBytes = 512;
constexpr char kWrongDetails[] = "Enter a correct email address and password";

struct SignInForm {
  std::string email = "";
  std::string return_path = "/staff";
  json errors = json::array();         // {"href": "#email", "text": ...}
  json field_errors = json::object();  // field id → message
};

// Where to go once signed in: a local path, the staff home for the site's own home.
std::string StaffReturnPath(absl::string_view wanted) {
  const std::string path = SafeReturnPath(wanted);
  return path == "/" ? "/staff" : path;
}

void AddError(SignInForm* form, const std::string& field, const std::string& text) {
  form->errors.push_back({{"href", absl::StrCat("#", field)}, {"text", text}});
  if (!form->field_errors.contains(field)) form->field_errors[field] = text;
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const SignInForm& form,
                HttpResponse* response) {
  json view = {{"email", form.email},
               {"return", form.return_path},
               {"csrf", SignedOutFormToken(deps, request, response)},
               {"errors", form.errors},
               {"has_errors", !form.errors.empty()}};
  for (const char* field : {"email", "password"}) {
    if (form.field_errors.contains(field)) {
      view[absl::StrCat(field, "_error")] = form.field_errors[field];
    }
  }
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
  RenderForm(deps, request, SignInForm{.return_path = return_path}, response);
}

void SignInPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  if (!SignedOutFormTokenMatches(deps, request)) {
    RenderFormExpired(deps, request, response);
    return;
  }
  SignInForm form{.email = request.Form("email").substr(0, kMaxEmailChars),
                  .return_path = StaffReturnPath(request.Form("return"))};
  const std::string password = request.Form("password");
  if (form.email.empty()) AddError(&form, "email", "Enter your email address");
  if (password.empty()) AddError(&form, "password", "Enter your password");
  if (password.size() > kMaxPasswordBytes) AddError(&form, "email", kWrongDetails);
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
    switch (status.error_code()) {
      case grpc::StatusCode::UNAUTHENTICATED:
      case grpc::StatusCode::INVALID_ARGUMENT:
      case grpc::StatusCode::NOT_FOUND:
        AddError(&form, "email", kWrongDetails);
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
