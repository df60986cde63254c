// GET and POST /staff/set-password/{token}: a new member of a body's staff (or one a
// manager gave a new link) sets their password with the one-time link from the person who
// added them (the registry's SetStaffPassword), and is then signed in. The token is a
// secret: the route is never logged by path, the page is not indexed and sends no
// Referer to any other site. A link unknown, expired or used already says to ask a
// manager for a new one; the registry alone knows which, and the page does not say.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

// The registry takes 8-128 characters, up to 4 bytes each in UTF-8.
constexpr size_t kMaxPasswordBytes = 512;

struct PasswordForm {
  std::string token;
  json errors = json::array();         // {"href": "#password", "text": ...}
  json field_errors = json::object();  // field id → message
};

void AddError(PasswordForm* form, const std::string& field, const std::string& text) {
  form->errors.push_back({{"href", absl::StrCat("#", field)}, {"text", text}});
  if (!form->field_errors.contains(field)) form->field_errors[field] = text;
}

PageFrame Frame() {
  return PageFrame{.title = "Set your password for Cadre for staff", .noindex = true};
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const PasswordForm& form,
                HttpResponse* response) {
  json view = {{"form", true},
               {"action", absl::StrCat("/staff/set-password/", form.token)},
               {"csrf", SignedOutFormToken(deps, request, response)},
               {"errors", form.errors},
               {"has_errors", !form.errors.empty()}};
  for (const char* field : {"password", "password_confirm"}) {
    if (form.field_errors.contains(field)) {
      view[absl::StrCat(field, "_error")] = form.field_errors[field];
    }
  }
  RenderPage(deps, request, Frame(), "staff_set_password", view, response);
  response->SetHeader("Cache-Control", "private, no-store");
}

// The link does not work (any more): the same page whatever the reason.
void RenderLinkUnusable(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  response->status = 404;
  PageFrame frame = Frame();
  frame.title = "This set-up link does not work";
  RenderPage(deps, request, frame, "staff_set_password", json{{"unusable", true}}, response);
  response->SetHeader("Cache-Control", "private, no-store");
}

void SetPasswordGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::string& token = request.path_params.at(0);
  if (!IsToken(token)) {
    RenderLinkUnusable(deps, request, response);
    return;
  }
  RenderForm(deps, request, PasswordForm{.token = token}, response);
}

void SetPasswordPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  if (!SignedOutFormTokenMatches(deps, request)) {
    RenderFormExpired(deps, request, response);
    return;
  }
  const std::string& token = request.path_params.at(0);
  if (!IsToken(token)) {
    RenderLinkUnusable(deps, request, response);
    return;
  }
  PasswordForm form{.token = token};
  const std::string password = request.Form("password");
  const std::string confirm = request.Form("password_confirm");
  if (password.empty()) {
    AddError(&form, "password", "Enter a password");
  } else if (password.size() > kMaxPasswordBytes) {
    AddError(&form, "password", "Password must be 128 characters or fewer");
  } else if (confirm.empty()) {
    AddError(&form, "password_confirm", "Enter the password again");
  } else if (!TokensMatch(confirm, password)) {
    AddError(&form, "password_confirm", "The passwords do not match: enter the same one twice");
  }
  if (!form.errors.empty()) {
    response->status = 400;
    RenderForm(deps, request, form, response);
    return;
  }
  cadre::v1::SetStaffPasswordRequest call;
  call.set_setup_token(token);
  call.set_password(password);
  cadre::v1::SignInStaffResponse answer;
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  const grpc::Status status = deps.upstream->registry()->SetStaffPassword(&context, call, &answer);
  if (!status.ok()) {
    const FieldError error = FieldErrorOf(status);
    switch (status.error_code()) {
      case grpc::StatusCode::INVALID_ARGUMENT:
        if (error.field == "password") {
          AddError(&form, "password", absl::StrCat("Password ", error.message));
          response->status = 400;
          RenderForm(deps, request, form, response);
          return;
        }
        RenderLinkUnusable(deps, request, response);
        return;
      case grpc::StatusCode::NOT_FOUND:
      case grpc::StatusCode::UNAUTHENTICATED:
      case grpc::StatusCode::FAILED_PRECONDITION:
      case grpc::StatusCode::PERMISSION_DENIED:
        RenderLinkUnusable(deps, request, response);
        return;
      default:
        RenderUpstreamError(deps, status, request, response);
        return;
    }
  }
  const absl::Status started = StartStaffSession(deps, request, answer, response);
  if (!started.ok()) {
    // The password is set: signing in at /staff/sign-in works once the store is back.
    RenderErrorPage(deps, 503, request, response);
    return;
  }
  SeeOther("/staff?done=welcome", response);
}

}  // namespace

void AddStaffSetPasswordPage(FrontDoor* door, const PageDeps* deps) {
  // The path holds the one-time token: never logged by path.
  door->Route("GET", "/staff/set-password/([^/]*)",
              {.name = "staff_set_password", .secret_path = true},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SetPasswordGet(*deps, request, response);
              });
  door->Route("POST", "/staff/set-password/([^/]*)",
              {.name = "staff_set_password", .secret_path = true},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SetPasswordPost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
