// GET /staff/team: the body's staff (ListStaff), for its managers: name, email, role,
// state and last sign-in; deactivated accounts too when asked (?show=all). The registry
// decides who may see the list (a recruiter or viewer: PERMISSION_DENIED, the 403 page);
// the header only hides the link from them.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"
#include "services/gateway/pages/staff_team_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kPageSize = 50;
constexpr size_t kMaxPageToken = 512;

std::string DoneText(const std::string& done) {
  if (done == "deactivated")
    return "The account is deactivated: they are signed out and cannot sign in.";
  return "";
}

void TeamGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff) return;
  const bool show_all = request.Query("show") == "all";
  cadre::v1::ListStaffRequest list;
  list.set_parent(staff->body);  // the member's own body, never the address's
  list.set_include_deactivated(show_all);
  list.set_page_size(kPageSize);
  list.set_page_token(request.Query("page").substr(0, kMaxPageToken));
  cadre::v1::ListStaffResponse answer;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status status = deps.upstream->registry()->ListStaff(&context, list, &answer);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  json members = json::array();
  for (const cadre::v1::Staff& member : answer.staff()) {
    json view = StaffMemberView(member);
    view["you"] = member.name() == staff->staff;
    members.push_back(std::move(view));
  }
  std::string next;
  if (!answer.next_page_token().empty()) {
    next = absl::StrCat("/staff/team?", show_all ? "show=all&" : "",
                        "page=", PercentEncode(answer.next_page_token()));
  }
  const std::string done = DoneText(request.Query("done"));
  const json view = {
      {"staff", StaffView(*staff)}, {"members", members}, {"has_members", !members.empty()},
      {"show_all", show_all},       {"next", next},       {"done", done},
      {"has_done", !done.empty()}};
  PageFrame frame{.title = "Staff", .section = kStaffSectionTeam, .staff = &*staff};
  RenderPage(deps, request, frame, "staff_team", view, response);
}

}  // namespace

void AddStaffTeamPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/team", {.name = "staff_team"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                TeamGet(*deps, request, response);
              });
}

}  // namespace cadre::gateway
