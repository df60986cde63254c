#include "services/gateway/pages/profile_kit.h"

#include <grpcpp/client_context.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cadre::gateway {

using nlohmann::json;

PageFrame ProfileFrame(const std::string& title, const Account& account, bool errors,
                       bool under_profile) {
  PageFrame frame{.title = errors ? absl::StrCat("Error: ", title) : title,
                  .section = "profile",
                  .account = &account};
  frame.breadcrumbs.push_back({{"text", "Home"}, {"href", "/"}});
  if (under_profile) frame.breadcrumbs.push_back({{"text", "Your profile"}, {"href", "/profile"}});
  return frame;
}

json ErrorSummaryView(const std::vector<FormError>& errors) {
  json list = json::array();
  for (const FormError& e : errors) {
    list.push_back({{"href", e.field.empty() ? "" : absl::StrCat("#", e.field)},
                    {"has_href", !e.field.empty()},
                    {"text", e.message}});
  }
  return {{"has_errors", !errors.empty()}, {"errors", list}};
}

json FieldView(const std::string& id, const std::string& value,
               const std::vector<FormError>& errors) {
  json field = {{"id", id}, {"value", value}, {"has_error", false}};
  for (const FormError& e : errors) {
    if (e.field == id) {
      field["has_error"] = true;
      field["error"] = e.message;
      break;
    }
  }
  return field;
}

FormError UpstreamFormError(const grpc::Status& status,
                            const std::function<std::string(absl::string_view)>& field_of,
                            const std::function<std::string(absl::string_view)>& label_of) {
  const FieldError error = FieldErrorOf(status);
  const std::string field = error.field.empty() ? "" : field_of(error.field);
  if (field.empty()) {
    std::string message = error.message;
    if (!message.empty()) message[0] = absl::ascii_toupper(message[0]);
    return {.field = "", .message = std::move(message)};
  }
  return {.field = field, .message = absl::StrCat(label_of(field), " ", error.message)};
}

grpc::Status GetMyApplicant(const PageDeps& deps, const HttpRequest& request,
                            const Account& account, cadre::v1::Applicant* applicant) {
  grpc::ClientContext context;
  PrepareContext(deps, request, account, &context);
  return deps.upstream->matching()->GetMyProfile(&context, cadre::v1::GetMyProfileRequest(),
                                                 applicant);
}

}  // namespace cadre::gateway
