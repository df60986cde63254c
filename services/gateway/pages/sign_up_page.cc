// GET and POST /sign-up: a person creates their account (matching's SignUp) with what
// screening needs from the start: their name, date of birth, region, how they want to
// work and the time they can give, after reading the privacy notice and agreeing to it.
// The rest of the profile (lived experience, skills, access needs...) is theirs to add on
// /profile/edit. They are then signed in and go back to the page they came from.
// Matching checks every field; its INVALID_ARGUMENT names one, shown beside it.

#include <grpcpp/client_context.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/profile_form.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxFieldChars = 300;  // any one field kept for showing back

constexpr cadre::v1::Region kRegions[] = {
    cadre::v1::REGION_EAST_OF_ENGLAND, cadre::v1::REGION_LONDON,
    cadre::v1::REGION_MIDLANDS,        cadre::v1::REGION_NORTH_EAST_AND_YORKSHIRE,
    cadre::v1::REGION_NORTH_WEST,      cadre::v1::REGION_SOUTH_EAST,
    cadre::v1::REGION_SOUTH_WEST,
};
constexpr cadre::v1::AttendanceMode kModes[] = {cadre::v1::ATTENDANCE_MODE_IN_PERSON,
                                                cadre::v1::ATTENDANCE_MODE_REMOTE,
                                                cadre::v1::ATTENDANCE_MODE_HYBRID};

// The form's field, and how to name it in a sentence, by the field a matching message
// names: "profile.display_name: must be 2-80 characters" → "Your name must be ...".
struct FormField {
  std::string id;
  std::string label;
};

FormField FormFieldOf(const std::string& field) {
  if (field == "email") return {"email", "Your email address"};
  if (field == "password") return {"password", "Your password"};
  if (field == "profile.display_name") return {"display_name", "Your name"};
  if (field.rfind("profile.date_of_birth", 0) == 0)
    return {"date_of_birth-day", "Your date of birth"};
  if (field == "profile.region") return {"region", "Your region"};
  if (field == "profile.attendance") return {"attendance", "How you take part"};
  if (field == "profile.availability_hours_per_month")
    return {"availability_hours_per_month", "Hours a month"};
  if (field.rfind("consent", 0) == 0) return {"processing", "Your agreement"};
  return {"", ""};
}

std::string Field(const HttpRequest& request, absl::string_view name) {
  return std::string(absl::StripAsciiWhitespace(request.Form(name).substr(0, kMaxFieldChars)));
}

struct SignUpForm {
  const HttpRequest* request = nullptr;  // what was posted, shown back; null: empty form
  std::string return_path = "/";
  json errors = json::array();
  json field_errors = json::object();

  std::string Value(absl::string_view name) const {
    return request == nullptr ? "" : Field(*request, name);
  }
  void AddError(const std::string& id, const std::string& text) {
    errors.push_back({{"href", absl::StrCat("#", id)}, {"text", text}});
    if (!field_errors.contains(id)) field_errors[id] = text;
  }
};

json FormView(const SignUpForm& form) {
  json view = {{"return", form.return_path},
               {"errors", form.errors},
               {"has_errors", !form.errors.empty()},
               {"sign_in_link", absl::StrCat("/sign-in?return=", PercentEncode(form.return_path))}};
  for (const char* name : {"email", "display_name", "date_of_birth-day", "date_of_birth-month",
                           "date_of_birth-year", "availability_hours_per_month"}) {
    view["values"][name] = form.Value(name);
  }
  for (const auto& [id, text] : form.field_errors.items()) view["error"][id] = text;
  json regions = json::array();
  for (cadre::v1::Region region : kRegions) {
    regions.push_back({{"value", RegionSlug(region)},
                       {"text", RegionLabel(region)},
                       {"selected", form.Value("region") == RegionSlug(region)}});
  }
  view["regions"] = regions;
  json modes = json::array();
  int i = 0;
  for (cadre::v1::AttendanceMode mode : kModes) {
    modes.push_back({{"id", i == 0 ? "attendance" : absl::StrCat("attendance-", i + 1)},
                     {"value", AttendanceSlug(mode)},
                     {"text", AttendanceLabel(mode)},
                     {"checked", form.Value("attendance") == AttendanceSlug(mode)}});
    ++i;
  }
  view["modes"] = modes;
  view["processing_checked"] = !form.Value("processing").empty();
  view["suggestions_checked"] = !form.Value("suggestions").empty();
  return view;
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const SignUpForm& form,
                HttpResponse* response) {
  json view = FormView(form);
  view["csrf"] = SignedOutFormToken(deps, request, response);
  view["privacy_notice_version"] = deps.privacy_notice_version;
  PageFrame frame{.title = "Create an account", .section = "sign_up"};
  RenderPage(deps, request, frame, "sign_up", view, response);
}

int IntOr(const std::string& text, int otherwise) {
  int value = 0;
  return absl::SimpleAtoi(text, &value) ? value : otherwise;
}

// The call from the form; checks what matching cannot (a number that is not one).
cadre::v1::SignUpRequest CallFrom(const PageDeps& deps, SignUpForm* form) {
  const HttpRequest& r = *form->request;
  cadre::v1::SignUpRequest call;
  call.set_email(Field(r, "email"));
  call.set_password(r.Form("password"));
  cadre::v1::Profile* profile = call.mutable_profile();
  profile->set_display_name(Field(r, "display_name"));
  cadre::v1::Date* born = profile->mutable_date_of_birth();
  born->set_day(IntOr(Field(r, "date_of_birth-day"), 0));
  born->set_month(IntOr(Field(r, "date_of_birth-month"), 0));
  born->set_year(IntOr(Field(r, "date_of_birth-year"), 0));
  profile->set_region(RegionFromSlug(Field(r, "region")));
  const cadre::v1::AttendanceMode mode = AttendanceFromSlug(Field(r, "attendance"));
  profile->set_attendance(mode);
  const std::string hours = Field(r, "availability_hours_per_month");
  if (!hours.empty() && IntOr(hours, -1) < 0) {
    form->AddError("availability_hours_per_month",
                   "Enter the hours a month as a whole number, like 8");
  }
  profile->set_availability_hours_per_month(hours.empty() ? 0 : IntOr(hours, 0));
  cadre::v1::Consent* consent = call.mutable_consent();
  consent->set_privacy_notice_version(deps.privacy_notice_version);
  consent->set_processing_agreed(!Field(r, "processing").empty());
  consent->set_role_suggestions_agreed(!Field(r, "suggestions").empty());
  if (!consent->processing_agreed()) {
    form->AddError("processing", "Agree to the privacy notice to create an account");
  }
  if (profile->region() == cadre::v1::REGION_UNSPECIFIED) {
    form->AddError("region", "Select the region you live in");
  }
  if (mode == cadre::v1::ATTENDANCE_MODE_UNSPECIFIED) {
    form->AddError("attendance", "Select how you would like to take part");
  }
  return call;
}

void SignUpPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  if (!SignedOutFormTokenMatches(deps, request)) {
    RenderFormExpired(deps, request, response);
    return;
  }
  SignUpForm form{.request = &request, .return_path = SafeReturnPath(request.Form("return"))};
  const cadre::v1::SignUpRequest call = CallFrom(deps, &form);
  if (!form.errors.empty()) {
    response->status = 400;
    RenderForm(deps, request, form, response);
    return;
  }
  cadre::v1::SignUpResponse answer;
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  const grpc::Status status = deps.upstream->matching()->SignUp(&context, call, &answer);
  if (!status.ok()) {
    const grpc::StatusCode code = status.error_code();
    if (code == grpc::StatusCode::ALREADY_EXISTS) {
      form.AddError("email", "An account with this email address exists: sign in instead");
    } else if (code == grpc::StatusCode::INVALID_ARGUMENT ||
               code == grpc::StatusCode::FAILED_PRECONDITION) {
      const FieldError error = FieldErrorOf(status);
      const FormField field = FormFieldOf(error.field);
      if (field.id.empty()) {
        form.AddError("email", status.error_message());
      } else {
        form.AddError(field.id, absl::StrCat(field.label, " ", error.message));
      }
    } else {
      RenderUpstreamError(deps, status, request, response);
      return;
    }
    response->status = 400;
    RenderForm(deps, request, form, response);
    return;
  }
  if (!StartSession(deps, request, answer.applicant().name(), answer.key(),
                    FromTimestamp(answer.key_expire_time()), response)
           .ok()) {
    RenderErrorPage(deps, 503, request, response);
    return;
  }
  // Back where they came from; from the home page, to the rest of their profile.
  SeeOther(form.return_path == "/" ? "/profile/edit?done=welcome" : form.return_path, response);
}

}  // namespace

void AddSignUpPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/sign-up", {.name = "sign_up"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                const std::string return_path = SafeReturnPath(request.Query("return"));
                if (FindAccount(*deps, request)) {
                  SeeOther(return_path, response);
                  return;
                }
                RenderForm(*deps, request, SignUpForm{.return_path = return_path}, response);
              });
  door->Route("POST", "/sign-up", {.name = "sign_up"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SignUpPost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
