// GET /staff/team/{id}: a member of the body's staff, for its managers, with the forms
// that change them: a new role (UpdateStaff with the etag), a new set-up link
// (IssueStaffSetupLink), and deactivation (staff_team_deactivate_page.cc). The member is
// always of the signed-in manager's own body (the name is made from their key's body and
// the id); the registry decides whether they may. Each change revokes the member's keys,
// so their sessions here end too: their next page asks them to sign in.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/field_mask.pb.h"
#include "services/common/logging.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"
#include "services/gateway/pages/staff_team_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxEtag = 128;

std::string DoneText(const std::string& done) {
  if (done == "role") return "Their role is changed. They sign in again to use it.";
  return "";
}

PageFrame MemberFrame(const StaffAccount& staff, std::string title) {
  return PageFrame{.title = std::move(title),
                   .section = kStaffSectionTeam,
                   .breadcrumbs = json::array({{{"text", "Staff"}, {"href", "/staff/team"}}}),
                   .staff = &staff};
}

// `error` (an error summary's text, "" for none) above the page, with `status`.
void RenderMember(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                  const std::string& error, HttpResponse* response) {
  const std::optional<cadre::v1::Staff> loaded = LoadMemberOfPath(deps, request, staff, response);
  if (!loaded) return;
  const cadre::v1::Staff& member = *loaded;
  const std::string done = DoneText(request.Query("done"));
  json errors = json::array();
  if (!error.empty()) errors.push_back({{"href", "#role"}, {"text", error}});
  const json view = {{"staff", StaffView(staff)},
                     {"member", StaffMemberView(member)},
                     {"you", member.name() == staff.staff},
                     {"roles", StaffRoleRadios(member.role())},
                     {"errors", errors},
                     {"has_errors", !errors.empty()},
                     {"done", done},
                     {"has_done", !done.empty()}};
  RenderPage(deps, request, MemberFrame(staff, member.display_name()), "staff_team_member", view,
             response);
}

void MemberGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff) return;
  RenderMember(deps, request, *staff, "", response);
}

void RolePost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<MemberForm> form = RequireMemberForm(deps, request, response);
  if (!form) return;
  const StaffAccount* staff = &form->staff;
  const std::string* name = &form->member;
  const cadre::v1::StaffRole role = StaffRoleFromWord(request.Form("role"));
  if (role == cadre::v1::STAFF_ROLE_UNSPECIFIED) {
    response->status = 400;
    RenderMember(deps, request, *staff, "Choose their role", response);
    return;
  }
  cadre::v1::UpdateStaffRequest update;
  update.mutable_staff()->set_name(*name);
  update.mutable_staff()->set_role(role);
  update.mutable_update_mask()->add_paths("role");
  update.set_etag(request.Form("etag").substr(0, kMaxEtag));
  cadre::v1::Staff updated;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status status = deps.upstream->registry()->UpdateStaff(&context, update, &updated);
  if (status.error_code() == grpc::StatusCode::ABORTED) {
    response->status = 409;
    RenderMember(deps, request, *staff,
                 "Someone changed this account while you were looking at it: check its role "
                 "and try again",
                 response);
    return;
  }
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  EndMembersSessions(deps, request, *name);
  SeeOther(absl::StrCat("/staff/team/", request.path_params.at(0), "?done=role"), response);
}

void SetupLinkPost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<MemberForm> form = RequireMemberForm(deps, request, response);
  if (!form) return;
  const StaffAccount* staff = &form->staff;
  const std::string* name = &form->member;
  cadre::v1::IssueStaffSetupLinkRequest issue;
  issue.set_name(*name);
  cadre::v1::StaffSetupLink link;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status status =
      deps.upstream->registry()->IssueStaffSetupLink(&context, issue, &link);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  EndMembersSessions(deps, request, *name);
  cadre::v1::Staff member = link.staff();
  if (member.name().empty()) member.set_name(*name);
  // Shown once, not redirected to: the link is in no address and no later page.
  const json view = {{"staff", StaffView(*staff)},
                     {"member", StaffMemberView(member)},
                     {"link", SetupLinkView(deps, link)}};
  RenderPage(deps, request, MemberFrame(*staff, "New set-up link"), "staff_team_link", view,
             response);
}

}  // namespace

void AddStaffTeamMemberPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/team/([0-9a-f]+)", {.name = "staff_team_member"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                MemberGet(*deps, request, response);
              });
  door->Route("POST", "/staff/team/([0-9a-f]+)/role", {.name = "staff_team_role"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                RolePost(*deps, request, response);
              });
  door->Route("POST", "/staff/team/([0-9a-f]+)/setup-link", {.name = "staff_team_setup_link"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SetupLinkPost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
