// GET and POST /staff/team/{id}/deactivate: a manager confirms, then deactivates a member
// of the body's staff (DeactivateStaff with the etag the confirmation page carried). The
// registry revokes the member's keys at once and the gateway ends their sessions: their
// next page sends them to sign in, which they no longer can.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"
#include "services/gateway/pages/staff_team_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxEtag = 128;

void RenderConfirm(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                   const std::string& error, HttpResponse* response) {
  const std::optional<cadre::v1::Staff> loaded = LoadMemberOfPath(deps, request, staff, response);
  if (!loaded) return;
  const cadre::v1::Staff& member = *loaded;
  json errors = json::array();
  if (!error.empty()) errors.push_back({{"href", "#confirm"}, {"text", error}});
  const json member_view = StaffMemberView(member);
  const json view = {{"staff", StaffView(staff)},
                     {"member", member_view},
                     {"errors", errors},
                     {"has_errors", !errors.empty()}};
  PageFrame frame{.title = absl::StrCat("Deactivate ", member.display_name(), "'s account"),
                  .section = kStaffSectionTeam,
                  .breadcrumbs = json::array(
                      {{{"text", "Staff"}, {"href", "/staff/team"}},
                       {{"text", member.display_name()}, {"href", member_view["href"]}}}),
                  .staff = &staff};
  RenderPage(deps, request, frame, "staff_team_deactivate", view, response);
}

void ConfirmGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff) return;
  RenderConfirm(deps, request, *staff, "", response);
}

void DeactivatePost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<MemberForm> form = RequireMemberForm(deps, request, response);
  if (!form) return;
  const StaffAccount* staff = &form->staff;
  const std::string* name = &form->member;
  cadre::v1::DeactivateStaffRequest deactivate;
  deactivate.set_name(*name);
  deactivate.set_etag(request.Form("etag").substr(0, kMaxEtag));
  cadre::v1::Staff done;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status status =
      deps.upstream->registry()->DeactivateStaff(&context, deactivate, &done);
  if (status.error_code() == grpc::StatusCode::ABORTED) {
    response->status = 409;
    RenderConfirm(deps, request, *staff,
                  "Someone changed this account while you were looking at it: check it and try "
                  "again",
                  response);
    return;
  }
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  EndMembersSessions(deps, request, *name);
  SeeOther("/staff/team?done=deactivated", response);
}

}  // namespace

void AddStaffTeamDeactivatePage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/team/([0-9a-f]+)/deactivate", {.name = "staff_team_deactivate"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ConfirmGet(*deps, request, response);
              });
  door->Route("POST", "/staff/team/([0-9a-f]+)/deactivate", {.name = "staff_team_deactivate"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                DeactivatePost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
