// GET /staff: a staff member's home. Their body, who they are and their role, what that
// role lets them do, and the way to each section. Quick: one small upstream call, the
// member's own record (GetStaff), which also tells a key revoked elsewhere (the session
// then ends and they sign in again); when the registry cannot answer otherwise, the page
// shows what the session holds.

#include <grpcpp/client_context.h>

#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

// The success banner's words ("?done=<word>").
std::string DoneText(const std::string& done) {
  if (done == "welcome") return "Your password is set and you are signed in.";
  return "";
}

void HomeGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff) return;
  cadre::v1::GetStaffRequest ask;
  ask.set_name(staff->staff);
  cadre::v1::Staff member;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status status = deps.upstream->registry()->GetStaff(&context, ask, &member);
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  if (status.ok() && !member.display_name().empty()) staff->display_name = member.display_name();
  const std::string done = DoneText(request.Query("done"));
  json sections = json::array({
      {{"href", "/staff/roles"},
       {"title", "Roles"},
       {"text", staff->may_change()
                    ? "Create, edit, publish, close or cancel your roles, and see who applied."
                    : "See your roles in every state, and who applied."}},
      {{"href", "/staff/placements"},
       {"title", "Placements"},
       {"text", "The people in your roles now: complete a placement or end it early."}},
      {{"href", "/staff/credentials"},
       {"title", "Credentials"},
       {"text", "Training and checks such as DBS: grant or revoke them for a person."}},
  });
  if (staff->is_manager()) {
    sections.push_back({{"href", "/staff/team"},
                        {"title", "Staff"},
                        {"text", "Add staff, change their roles, or deactivate their accounts."}});
  }
  sections.push_back({{"href", "/staff/figures"},
                      {"title", "Figures"},
                      {"text", "How quickly you answer applicants, and who applies."}});
  const json view = {{"staff", StaffView(*staff)},
                     {"done", done},
                     {"has_done", !done.empty()},
                     {"sections", sections}};
  PageFrame frame{.title = "Staff home", .section = kStaffSectionHome, .staff = &*staff};
  RenderPage(deps, request, frame, "staff_home", view, response);
}

}  // namespace

void AddStaffHomePage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff", {.name = "staff_home"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                HomeGet(*deps, request, response);
              });
}

}  // namespace cadre::gateway
