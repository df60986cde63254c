// GET /staff/roles/{id}: one of the body's roles as its staff see it: its state (and why
// it ended), every detail the public page shows, when it was created, last changed and
// published, how many applications await each step (matching's counts; matching being
// down only takes them away), and a link to its applicants. For staff who may change
// roles (not viewers), the forms its state allows, each with the CSRF token and the etag
// of what the page showed: Edit (draft, open), Publish (draft), Close with a reason
// (open) and Cancel (draft, open: a confirmation page first). `?done=<word>` shows the
// banner of what was just done. Another body's role is what the registry answers (a
// draft: 404) or, one it shows, 403.

#include <grpcpp/client_context.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/role_form.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/role_facts.h"
#include "services/gateway/pages/staff_role_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

struct Banner {
  const char* done;
  const char* text;
  bool success;
};

constexpr Banner kBanners[] = {
    {"created", "The role has been saved as a draft. Publish it when it is ready.", true},
    {"saved", "Your changes have been saved.", true},
    {"unchanged", "Nothing was changed: the form was the same as the role.", true},
    {"published", "The role has been published: people can now find it and apply.", true},
    {"closed", "The role has been closed.", true},
    {"cancelled", "The role has been cancelled.", true},
    {"changed",
     "The role changed after you opened the page, so nothing was done. Check it and try "
     "again.",
     false},
};

json DoneView(const std::string& done) {
  for (const Banner& banner : kBanners) {
    if (done == banner.done) {
      return {{"has_done", true}, {"done_text", banner.text}, {"done_success", banner.success}};
    }
  }
  return {{"has_done", false}};
}

json DateRow(const char* key, const google::protobuf::Timestamp& time) {
  return {{"key", key}, {"value", DateTimeLabel(FromTimestamp(time))}};
}

json HistoryView(const cadre::v1::Role& role) {
  json rows = json::array();
  if (role.has_create_time()) rows.push_back(DateRow("Created", role.create_time()));
  if (role.has_update_time()) rows.push_back(DateRow("Last changed", role.update_time()));
  if (role.has_publish_time()) rows.push_back(DateRow("Published", role.publish_time()));
  return rows;
}

// How many of the role's applications await each step; {} when matching cannot say.
json AwaitingView(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                  const cadre::v1::Role& role) {
  if (deps.upstream->matching() == nullptr) return {{"has_awaiting", false}};
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::ListApplicationsRequest list;
  list.set_role(role.name());
  list.set_page_size(1);
  cadre::v1::ListApplicationsResponse found;
  if (!deps.upstream->matching()->ListApplications(&context, list, &found).ok()) {
    return {{"has_awaiting", false}};
  }
  json rows = json::array({
      {{"key", "Awaiting acknowledgement"}, {"value", found.awaiting_acknowledgement()}},
      {{"key", "Acknowledged, awaiting shortlisting"}, {"value", found.awaiting_shortlisting()}},
      {{"key", "Shortlisted, awaiting an offer"}, {"value", found.awaiting_offer()}},
      {{"key", "Offered, awaiting a reply"}, {"value", found.awaiting_reply()}},
  });
  return {{"has_awaiting", true},
          {"awaiting", rows},
          {"overdue", found.overdue()},
          {"has_overdue", found.overdue() > 0},
          {"overdue_text", CountLabel(found.overdue(), "application is", "applications are")}};
}

json ActionsView(const StaffAccount& staff, const cadre::v1::Role& role,
                 const StaffRoleFormState& state) {
  const bool draft = role.state() == cadre::v1::ROLE_STATE_DRAFT;
  const bool open = role.state() == cadre::v1::ROLE_STATE_OPEN;
  const bool may = staff.may_change();
  const std::string path = StaffRolePath(role.name());
  std::string close_error;
  for (const json& error : state.errors) {
    if (error.value("href", "") == "#close-reason") close_error = error.value("text", "");
  }
  return {
      {"may_change", may},
      {"can_edit", may && (draft || open)},
      {"can_publish", may && draft},
      {"can_close", may && open},
      {"can_cancel", may && (draft || open)},
      {"has_actions", may && (draft || open)},
      {"edit_href", absl::StrCat(path, "/edit")},
      {"publish_action", absl::StrCat(path, "/publish")},
      {"close_action", absl::StrCat(path, "/close")},
      {"cancel_href", absl::StrCat(path, "/cancel?etag=", role.etag())},
      {"close_reason", state.close_reason},
      {"has_close_error", !close_error.empty()},
      {"close_error", close_error},
      {"max_reason", kRoleMaxReason},
  };
}

void ServeRole(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffRoleIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderStaffRolePage(deps, request, *staff, id, {}, response);
}

}  // namespace

void RenderStaffRolePage(const PageDeps& deps, const HttpRequest& request,
                         const StaffAccount& staff, const std::string& id,
                         const StaffRoleFormState& state, HttpResponse* response) {
  if (!StaffRegistryConfigured(deps, request, response)) return;
  cadre::v1::Role role;
  const grpc::Status status = GetBodyRole(deps, request, staff, id, &role);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, staff, response);
    return;
  }
  const bool published = role.has_publish_time();
  json view = {
      {"staff", StaffView(staff)},
      {"csrf", staff.csrf},
      {"etag", role.etag()},
      {"title", role.title()},
      {"state", RoleStateLabel(role.state())},
      {"state_class", RoleStateTagClass(role.state())},
      {"open", role.state() == cadre::v1::ROLE_STATE_OPEN},
      {"accepting", role.accepting_applications()},
      {"past_closing",
       role.state() == cadre::v1::ROLE_STATE_OPEN && !role.accepting_applications()},
      {"closes", DateTimeLabel(FromTimestamp(role.closing_time()))},
      {"has_reason", !role.state_reason().empty()},
      {"reason", role.state_reason()},
      {"summary", ParagraphsView(role.summary())},
      {"has_summary", !role.summary().empty()},
      {"facts", RoleFactsView(role)},
      {"history", HistoryView(role)},
      {"published", published},
      {"public_href", absl::StrCat("/", role.name())},
      {"applicants_href", absl::StrCat(StaffRolePath(role.name()), "/applicants")},
  };
  view.update(DoneView(request.Query("done")));
  view.update(AwaitingView(deps, request, staff, role));
  view.update(ActionsView(staff, role, state));
  view["errors"] = state.errors;
  view["has_errors"] = !state.errors.empty();
  RenderPage(deps, request, StaffRolesFrame(role.title(), staff, !state.errors.empty()),
             "staff_role", view, response);
}

void AddStaffRolePage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/roles/([0-9]+)", {.name = "staff-role"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeRole(*deps, request, response);
              });
}

}  // namespace cadre::gateway
