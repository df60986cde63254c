// GET and POST /profile/email and /profile/password: the person's sign-in details, each
// changed only with their current password. ChangeEmail signs the person out everywhere
// else (same key, new cookie here) → /profile?done=email.
// ChangePassword revokes every key the person has (whoever signed in with the old
// password is out) and answers a new key for this browser: every session of theirs is
// ended, in every gateway replica, and a new one started with the new key and a new
// cookie → /profile?done=password ("signed out everywhere else"). Passwords are never
// echoed back into a form, logged or put in a URL.

#include <grpcpp/client_context.h>

#include "absl/strings/ascii.h"
#include "services/common/base/time_proto.h"
#include "services/common/logging.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/profile_kit.h"

namespace cadre::gateway {
namespace {

// After a change of sign-in details: every session of the person ends, in every replica,
// and this browser starts a new one holding `key` (a new cookie). The 503 page when the
// new session cannot be made (the change itself is made: the person signs in again).
void SignOutElsewhere(const PageDeps& deps, const HttpRequest& request, const Account& account,
                      const std::string& key, absl::Time key_expire, HttpResponse* response) {
  if (const absl::Status ended = EndEverySession(deps, account.applicant); !ended.ok()) {
    log::Warn("sessions not ended after a change of sign-in details",
              {{"request_id", request.request_id}, {"error", std::string(ended.message())}});
  }
  if (!StartSession(deps, request, account.applicant, key, key_expire, response).ok()) {
    RenderErrorPage(deps, 503, request, response);
  }
}

using nlohmann::json;

// A refused change as a form error, or nullopt for a failure that is a page of its own.
std::optional<FormError> FormErrorOf(const grpc::Status& status, const std::string& field,
                                     const std::string& label, int* http) {
  *http = 400;
  switch (status.error_code()) {
    case grpc::StatusCode::INVALID_ARGUMENT:
      return UpstreamFormError(
          status, [&field](absl::string_view f) { return f == field ? field : std::string(); },
          [&label](absl::string_view) { return label; });
    case grpc::StatusCode::PERMISSION_DENIED:  // matching: "current password not recognised"
      return FormError{"current_password", "Your current password is not right"};
    case grpc::StatusCode::ALREADY_EXISTS:
      return FormError{"new_email", "An account with this email address already exists"};
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      *http = 429;
      return FormError{"current_password",
                       "Too many wrong passwords for this account: wait 15 minutes and try again"};
    default:
      return std::nullopt;
  }
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const Account& account,
                const std::string& page, const std::string& title, json view,
                const std::vector<FormError>& errors, HttpResponse* response) {
  view["csrf"] = account.csrf;
  view["current_password"] = FieldView("current_password", "", errors);
  view.update(ErrorSummaryView(errors));
  RenderPage(deps, request, ProfileFrame(title, account, !errors.empty()), page, view, response);
}

// ---- /profile/email

void RenderEmail(const PageDeps& deps, const HttpRequest& request, const Account& account,
                 const std::string& new_email, const std::vector<FormError>& errors,
                 HttpResponse* response) {
  RenderForm(deps, request, account, "change_email", "Change your email address",
             {{"new_email", FieldView("new_email", new_email, errors)}}, errors, response);
}

void ServeEmail(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  RenderEmail(deps, request, *account, "", {}, response);
}

void SaveEmail(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  const std::string new_email(absl::StripAsciiWhitespace(request.Form("new_email")));
  const std::string password = request.Form("current_password");
  std::vector<FormError> errors;
  if (new_email.empty()) errors.push_back({"new_email", "Enter your new email address"});
  if (password.empty()) errors.push_back({"current_password", "Enter your current password"});
  if (!errors.empty()) {
    response->status = 400;
    RenderEmail(deps, request, *account, new_email, errors, response);
    return;
  }
  cadre::v1::ChangeEmailRequest change;
  change.set_new_email(new_email);
  change.set_current_password(password);
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::Applicant changed;
  const grpc::Status status = deps.upstream->matching()->ChangeEmail(&context, change, &changed);
  if (status.ok()) {
    // Whoever else is signed in as them (perhaps the reason for the change) is signed out;
    // this browser goes on in a new session with the same key.
    SignOutElsewhere(deps, request, *account, account->key, account->key_expire, response);
    if (response->status != 503) SeeOther("/profile?done=email", response);
    return;
  }
  int http = 400;
  const std::optional<FormError> error = FormErrorOf(status, "new_email", "Email address", &http);
  if (!error.has_value()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  response->status = http;
  RenderEmail(deps, request, *account, new_email, {*error}, response);
}

// ---- /profile/password

void RenderPassword(const PageDeps& deps, const HttpRequest& request, const Account& account,
                    const std::vector<FormError>& errors, HttpResponse* response) {
  RenderForm(deps, request, account, "change_password", "Change your password",
             {{"new_password", FieldView("new_password", "", errors)},
              {"confirm_password", FieldView("confirm_password", "", errors)}},
             errors, response);
}

void ServePassword(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  RenderPassword(deps, request, *account, {}, response);
}

void SavePassword(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  const std::string current = request.Form("current_password");
  const std::string fresh = request.Form("new_password");
  std::vector<FormError> errors;
  if (current.empty()) errors.push_back({"current_password", "Enter your current password"});
  if (fresh.empty()) {
    errors.push_back({"new_password", "Enter a new password"});
  } else if (request.Form("confirm_password") != fresh) {
    errors.push_back({"confirm_password", "The new passwords do not match: type it again"});
  }
  if (!errors.empty()) {
    response->status = 400;
    RenderPassword(deps, request, *account, errors, response);
    return;
  }
  cadre::v1::ChangePasswordRequest change;
  change.set_current_password(current);
  change.set_new_password(fresh);
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::ChangePasswordResponse changed;
  const grpc::Status status = deps.upstream->matching()->ChangePassword(&context, change, &changed);
  if (!status.ok()) {
    int http = 400;
    const std::optional<FormError> error =
        FormErrorOf(status, "new_password", "New password", &http);
    if (!error.has_value()) {
      RenderAccountUpstreamError(deps, status, request, *account, response);
      return;
    }
    response->status = http;
    RenderPassword(deps, request, *account, {*error}, response);
    return;
  }
  // Every key was revoked, so the other sessions could do nothing anyway; ending them
  // now signs those browsers out at their next request rather than at their next call.
  SignOutElsewhere(deps, request, *account, changed.key(), FromTimestamp(changed.key_expire_time()),
                   response);
  if (response->status != 503) SeeOther("/profile?done=password", response);
}

}  // namespace

void AddAccountSettingsPages(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/profile/email", {.name = "profile_email"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeEmail(*deps, request, response);
              });
  door->Route("POST", "/profile/email", {.name = "profile_email"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SaveEmail(*deps, request, response);
              });
  door->Route("GET", "/profile/password", {.name = "profile_password"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServePassword(*deps, request, response);
              });
  door->Route("POST", "/profile/password", {.name = "profile_password"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SavePassword(*deps, request, response);
              });
}

}  // namespace cadre::gateway
