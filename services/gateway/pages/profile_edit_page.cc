// GET and POST /profile/edit: one form for every field of the person's profile and their
// consent to role suggestions (domain/profile_form.h reads it). The POST (multipart, with
// the CSRF token and the etag of the profile the form showed) sends UpdateMyProfile with
// every field in the update mask, and "consent" only when the answer changed. A field
// the gateway cannot read, or one matching refuses (INVALID_ARGUMENT naming it), gives
// the form again with status 400, what was typed kept and the error summary linking to
// the field; ABORTED (the profile changed elsewhere since the form was shown) gives the
// form again as the profile is now, status 409; success: /profile?done=saved.

#include <grpcpp/client_context.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/profile_form.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/profile_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

json RegionOptions(const std::string& chosen) {
  json options = json::array();
  options.push_back({{"value", ""}, {"text", "Choose a region"}, {"selected", chosen.empty()}});
  for (int r = cadre::v1::REGION_NATIONAL; r <= cadre::v1::REGION_SOUTH_WEST; ++r) {
    const auto region = static_cast<cadre::v1::Region>(r);
    // "National" is where a role is, not where a person lives.
    if (region == cadre::v1::REGION_NATIONAL) continue;
    const std::string slug = RegionSlug(region);
    options.push_back(
        {{"value", slug}, {"text", RegionLabel(region)}, {"selected", slug == chosen}});
  }
  return options;
}

json AttendanceOptions(const std::string& chosen) {
  json options = json::array();
  const cadre::v1::AttendanceMode modes[] = {cadre::v1::ATTENDANCE_MODE_IN_PERSON,
                                             cadre::v1::ATTENDANCE_MODE_REMOTE,
                                             cadre::v1::ATTENDANCE_MODE_HYBRID};
  const char* hints[] = {"At meetings and events in person", "From home, online or by phone",
                         "Either: in person or from home"};
  int n = 0;
  for (cadre::v1::AttendanceMode mode : modes) {
    const std::string slug = AttendanceSlug(mode);
    options.push_back({{"id", n == 0 ? "attendance" : absl::StrCat("attendance-", n + 1)},
                       {"value", slug},
                       {"text", AttendanceLabel(mode)},
                       {"hint", hints[n]},
                       {"checked", slug == chosen}});
    ++n;
  }
  return options;
}

json InterestRows(const ProfileFormValues& v, const std::vector<FormError>& errors) {
  json rows = json::array();
  for (const InterestRow& row : v.interests) {
    const std::string prefix = absl::StrCat("interest-", row.row, "-");
    json kinds = json::array();
    kinds.push_back({{"value", ""}, {"text", "Choose one"}, {"selected", row.kind.empty()}});
    for (auto kind : {cadre::v1::DeclaredInterest::KIND_WORKS_FOR,
                      cadre::v1::DeclaredInterest::KIND_CONFLICT}) {
      kinds.push_back({{"value", InterestKindSlug(kind)},
                       {"text", InterestKindLabel(kind)},
                       {"selected", row.kind == InterestKindSlug(kind)}});
    }
    rows.push_back({
        {"legend", row.existing ? absl::StrCat("Interest ", row.row + 1) : "Add an interest"},
        {"existing", row.existing},
        {"prefix", prefix},
        {"body", FieldView(prefix + "body", row.body, errors)},
        {"kind", FieldView(prefix + "kind", row.kind, errors)},
        {"kind_options", kinds},
        {"note", FieldView(prefix + "note", row.note, errors)},
        {"remove_id", prefix + "remove"},
        {"remove", row.remove},
    });
  }
  return rows;
}

json FormView(const Account& account, const ProfileFormValues& v,
              const std::vector<FormError>& errors) {
  // The date input is one fieldset of three fields: one error for the three.
  bool date_error = false;
  std::string date_message;
  for (const FormError& e : errors) {
    if (absl::StartsWith(e.field, "date_of_birth-")) {
      date_error = true;
      date_message = e.message;
    }
  }
  json view = {
      {"csrf", account.csrf},
      {"etag", v.etag},
      {"display_name", FieldView("display_name", v.display_name, errors)},
      {"dob_has_error", date_error},
      {"dob_error", date_message},
      {"dob_day", v.dob_day},
      {"dob_month", v.dob_month},
      {"dob_year", v.dob_year},
      {"region", FieldView("region", v.region, errors)},
      {"region_options", RegionOptions(v.region)},
      {"lived_experience", FieldView("lived_experience", v.lived_experience, errors)},
      {"skills", FieldView("skills", v.skills, errors)},
      {"expertise", FieldView("expertise", v.expertise, errors)},
      {"access_needs", FieldView("access_needs", v.access_needs, errors)},
      {"hours", FieldView("availability_hours_per_month", v.hours, errors)},
      {"max_roles", FieldView("max_concurrent_roles", v.max_roles, errors)},
      {"note", FieldView("access_needs_note", v.access_needs_note, errors)},
      {"attendance", FieldView("attendance", v.attendance, errors)},
      {"attendance_options", AttendanceOptions(v.attendance)},
      {"interests", InterestRows(v, errors)},
      {"role_suggestions", FieldView("role_suggestions", "", errors)},
      {"role_suggestions_checked", v.role_suggestions},
      {"max_tags", kProfileMaxTags},
      {"max_tag_length", kProfileMaxTagLength},
      {"max_hours", kProfileMaxHours},
      {"max_roles_limit", kProfileMaxRoles},
      {"max_interests", kProfileMaxInterests},
  };
  view.update(ErrorSummaryView(errors));
  return view;
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const Account& account,
                const ProfileFormValues& values, const std::vector<FormError>& errors,
                bool changed_elsewhere, HttpResponse* response) {
  json view = FormView(account, values, errors);
  view["changed_elsewhere"] = changed_elsewhere;
  RenderPage(deps, request, ProfileFrame("Change your profile", account, !errors.empty()),
             "profile_edit", view, response);
}

void ServeEdit(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  cadre::v1::Applicant applicant;
  const grpc::Status status = GetMyApplicant(deps, request, *account, &applicant);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  RenderForm(deps, request, *account, ProfileFormValuesOf(applicant), {}, false, response);
}

void SaveEdit(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  const ProfileFormValues values = ProfileFormValuesFromForm(request.form);
  const ParsedProfileForm parsed = ParseProfileForm(values);
  if (!parsed.ok()) {
    response->status = 400;
    RenderForm(deps, request, *account, values, parsed.errors, false, response);
    return;
  }
  // The consent as it stands, to change only the role suggestions' answer.
  cadre::v1::Applicant current;
  grpc::Status status = GetMyApplicant(deps, request, *account, &current);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  cadre::v1::UpdateMyProfileRequest update;
  *update.mutable_profile() = parsed.profile;
  for (const std::string& path : ProfileFormMaskPaths())
    update.mutable_update_mask()->add_paths(path);
  if (parsed.role_suggestions != current.consent().role_suggestions_agreed()) {
    *update.mutable_consent() = current.consent();
    update.mutable_consent()->clear_agree_time();
    update.mutable_consent()->set_role_suggestions_agreed(parsed.role_suggestions);
    update.mutable_update_mask()->add_paths("consent");
  }
  update.set_etag(values.etag);
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::Applicant updated;
  status = deps.upstream->matching()->UpdateMyProfile(&context, update, &updated);
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      SeeOther("/profile?done=saved", response);
      return;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION: {
      const FormError error = UpstreamFormError(
          status, [&parsed](absl::string_view f) { return ProfileFormFieldOf(f, parsed); },
          [](absl::string_view f) { return ProfileFormLabelOf(f); });
      response->status = 400;
      RenderForm(deps, request, *account, values, {error}, false, response);
      return;
    }
    case grpc::StatusCode::ABORTED: {
      // Changed in another tab or browser since this form was shown: show it as it is now.
      cadre::v1::Applicant fresh;
      status = GetMyApplicant(deps, request, *account, &fresh);
      if (!status.ok()) {
        RenderAccountUpstreamError(deps, status, request, *account, response);
        return;
      }
      response->status = 409;
      RenderForm(deps, request, *account, ProfileFormValuesOf(fresh), {}, true, response);
      return;
    }
    default:
      RenderAccountUpstreamError(deps, status, request, *account, response);
  }
}

}  // namespace

void AddProfileEditPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/profile/edit", {.name = "profile_edit"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeEdit(*deps, request, response);
              });
  door->Route("POST", "/profile/edit", {.name = "profile_edit"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SaveEdit(*deps, request, response);
              });
}

}  // namespace cadre::gateway
