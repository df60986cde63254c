// GET and POST /staff/team/new: a manager adds a member of staff (CreateStaff, with a
// request id so that posting twice makes one account): display name, work email and role,
// each role's meaning beside its radio. Success shows the one-time set-up link, once (the
// registry keeps only its hash), to pass on securely until email exists. The registry
// decides who may add staff: a recruiter's or viewer's post is PERMISSION_DENIED (403).

#include <grpcpp/client_context.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"
#include "services/gateway/pages/staff_team_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxNameBytes = 320;  // 80 characters of up to 4 bytes
constexpr size_t kMaxEmailChars = 254;
constexpr size_t kMaxRequestId = 64;

struct NewStaffForm {
  std::string display_name = "";
  std::string email = "";
  std::string role = "";
  std::string request_id = "";
  json errors = json::array();
  json field_errors = json::object();
};

void AddError(NewStaffForm* form, const std::string& field, const std::string& text) {
  form->errors.push_back({{"href", absl::StrCat("#", field)}, {"text", text}});
  if (!form->field_errors.contains(field)) form->field_errors[field] = text;
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                const NewStaffForm& form, HttpResponse* response) {
  json view = {{"staff", StaffView(staff)},
               {"display_name", form.display_name},
               {"email", form.email},
               {"request_id", form.request_id},
               {"roles", StaffRoleRadios(StaffRoleFromWord(form.role))},
               {"errors", form.errors},
               {"has_errors", !form.errors.empty()}};
  for (const char* field : {"display_name", "email", "role"}) {
    if (form.field_errors.contains(field)) {
      view[absl::StrCat(field, "_error")] = form.field_errors[field];
    }
  }
  PageFrame frame{.title = "Add a member of staff",
                  .section = kStaffSectionTeam,
                  .breadcrumbs = json::array({{{"text", "Staff"}, {"href", "/staff/team"}}}),
                  .staff = &staff};
  RenderPage(deps, request, frame, "staff_team_new", view, response);
}

void NewGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff) return;
  RenderForm(deps, request, *staff, NewStaffForm{.request_id = NewToken()}, response);
}

// The registry's field ("staff.email") as the form's ("email").
std::string FormField(const std::string& field) {
  for (const char* known : {"display_name", "email", "role"}) {
    if (field == absl::StrCat("staff.", known) || field == known) return known;
  }
  return "";
}

void NewPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff) return;
  NewStaffForm form{.display_name = request.Form("display_name").substr(0, kMaxNameBytes),
                    .email = request.Form("email").substr(0, kMaxEmailChars),
                    .role = request.Form("role"),
                    .request_id = request.Form("request_id").substr(0, kMaxRequestId)};
  if (form.request_id.empty()) form.request_id = NewToken();
  if (form.display_name.empty()) AddError(&form, "display_name", "Enter their name");
  if (form.email.empty()) AddError(&form, "email", "Enter their work email address");
  if (StaffRoleFromWord(form.role) == cadre::v1::STAFF_ROLE_UNSPECIFIED) {
    AddError(&form, "role", "Choose their role");
  }
  if (!form.errors.empty()) {
    response->status = 400;
    RenderForm(deps, request, *staff, form, response);
    return;
  }
  cadre::v1::CreateStaffRequest create;
  create.set_parent(staff->body);  // the member's own body
  create.mutable_staff()->set_display_name(form.display_name);
  create.mutable_staff()->set_email(form.email);
  create.mutable_staff()->set_role(StaffRoleFromWord(form.role));
  create.set_request_id(form.request_id);
  cadre::v1::CreateStaffResponse created;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status status = deps.upstream->registry()->CreateStaff(&context, create, &created);
  if (!status.ok()) {
    const FieldError error = FieldErrorOf(status);
    const std::string field = FormField(error.field);
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT && !field.empty()) {
      AddError(&form, field, absl::StrCat(field == "email" ? "Email address " : "", error.message));
      response->status = 400;
      RenderForm(deps, request, *staff, form, response);
      return;
    }
    if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      AddError(&form, "email", "A staff account with this email address already exists");
      response->status = 409;
      RenderForm(deps, request, *staff, form, response);
      return;
    }
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  // Shown once, not redirected to: the link is in no address and no later page.
  const json view = {{"staff", StaffView(*staff)},
                     {"member", StaffMemberView(created.staff())},
                     {"link", SetupLinkView(deps, created.setup())}};
  PageFrame frame{.title = "Staff account added",
                  .section = kStaffSectionTeam,
                  .breadcrumbs = json::array({{{"text", "Staff"}, {"href", "/staff/team"}}}),
                  .staff = &*staff};
  RenderPage(deps, request, frame, "staff_team_link", view, response);
}

}  // namespace

void AddStaffTeamNewPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/team/new", {.name = "staff_team_new"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                NewGet(*deps, request, response);
              });
  door->Route("POST", "/staff/team/new", {.name = "staff_team_new"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                NewPost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
