#include "services/gateway/pages/sign_in_form.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/gateway/pages/account_kit.h"

namespace cadre::gateway {
namespace {

constexpr size_t kMaxEmailChars = 254;
// The services take 128 characters, up to 4 bytes each in UTF-8.
constexpr size_t kMaxPasswordBytes = 512;
constexpr char kWrongDetails[] = "Enter a correct email address and password";

}  // namespace

void SignInForm::AddError(const std::string& field, const std::string& text) {
  errors.push_back({{"href", absl::StrCat("#", field)}, {"text", text}});
  if (!field_errors.contains(field)) field_errors[field] = text;
}

SignInForm ReadSignInForm(const HttpRequest& request, std::string return_path,
                          std::string* password) {
  SignInForm form{.email = request.Form("email").substr(0, kMaxEmailChars),
                  .return_path = std::move(return_path)};
  *password = request.Form("password");
  if (form.email.empty()) form.AddError("email", "Enter your email address");
  if (password->empty()) form.AddError("password", "Enter your password");
  if (password->size() > kMaxPasswordBytes) form.AddError("password", kWrongDetails);
  return form;
}

nlohmann::json SignInFormView(const PageDeps& deps, const HttpRequest& request,
                              const SignInForm& form, HttpResponse* response) {
  nlohmann::json view = {{"email", form.email},
                         {"return", form.return_path},
                         {"csrf", SignedOutFormToken(deps, request, response)},
                         {"errors", form.errors},
                         {"has_errors", !form.errors.empty()}};
  for (const char* field : {"email", "password"}) {
    if (form.field_errors.contains(field)) {
      view[absl::StrCat(field, "_error")] = form.field_errors[field];
    }
  }
  return view;
}

int ShowSignInRefusal(const grpc::Status& status, SignInForm* form) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::NOT_FOUND:
      form->AddError("email", kWrongDetails);
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      form->AddError("email",
                     absl::StrCat("Too many attempts to sign in: ", status.error_message()));
      return 429;
    default:
      return 0;
  }
}

}  // namespace cadre::gateway
