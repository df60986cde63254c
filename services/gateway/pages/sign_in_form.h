#pragma once

// What the two sign-in pages share (/sign-in for people, matching's SignIn; /staff/sign-in
// for a body's staff, the registry's SignInStaff): the form as typed, its checks before
// any call, its view, and how a refused sign-in reads. Every refusal reads the same
// ("enter a correct email address and password"), as the services' own answers do, so a
// page never says whether an address has an account; a locked address says so.

#include <grpcpp/support/status.h>

#include <string>

#include "nlohmann/json.hpp"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

struct SignInForm {
  std::string email;
  std::string return_path;                                 // a safe local path
  nlohmann::json errors = nlohmann::json::array();         // {"href": "#email", "text": ...}
  nlohmann::json field_errors = nlohmann::json::object();  // field id → message

  void AddError(const std::string& field, const std::string& text);
};

// The posted form, going on to `return_path`: the email (cut to 254 characters) and, in
// *password, the password. Both must be given and the password at most 512 bytes (128
// characters of up to 4 bytes each); what is wrong is on the form's errors.
SignInForm ReadSignInForm(const HttpRequest& request, std::string return_path,
                          std::string* password);

// The view's fields for the form: email, return, csrf (the signed-out form token, its
// cookie set on `response` when new), errors, has_errors, email_error, password_error.
nlohmann::json SignInFormView(const PageDeps& deps, const HttpRequest& request,
                              const SignInForm& form, HttpResponse* response);

// A sign-in the service refused, on the form: UNAUTHENTICATED, INVALID_ARGUMENT and
// NOT_FOUND → 401 with the one uniform error; RESOURCE_EXHAUSTED (locked, or too many from
// one address) → 429 with the service's reason. 0 for any other status: the caller shows
// the upstream error page.
int ShowSignInRefusal(const grpc::Status& status, SignInForm* form);

}  // namespace cadre::gateway
