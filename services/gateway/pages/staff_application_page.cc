// GET /staff/applications/{id}: one application to the body's role as its staff see it:
// the role, its state (an overdue acknowledgement stands out: a tag "Overdue" and the
// date it was due), the next step, the dates it moved on, the note the body gave, why it
// was unsuccessful, the screening when it was made and the applicant's statement. For
// staff who may change applications (not viewers), the moves its state allows, each a
// POST form to /staff/applications/{id}/move (staff_application_actions.cc) with the
// CSRF token, the etag of what the page showed and the state to move to: Acknowledge,
// Shortlist, Make an offer (with a reply-by date) and Turn down (with a reason).
// `?done=<move>` shows the banner of what was just done. Another body's application is
// what matching answers (403).

#include "services/gateway/pages/staff_application_page.h"

#include <grpcpp/client_context.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/staff_application_words.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_role_views.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

json DateRow(const char* key, const google::protobuf::Timestamp& time) {
  return {{"key", key}, {"value", DateTimeLabel(FromTimestamp(time))}};
}

json TimelineView(const cadre::v1::Application& app) {
  json rows = json::array();
  if (app.has_submit_time()) rows.push_back(DateRow("Submitted", app.submit_time()));
  if (app.state() == cadre::v1::APPLICATION_STATE_SUBMITTED && app.has_acknowledge_by_time()) {
    rows.push_back(DateRow("To be acknowledged by", app.acknowledge_by_time()));
  }
  if (app.has_acknowledge_time()) rows.push_back(DateRow("Acknowledged", app.acknowledge_time()));
  if (app.has_shortlist_time()) rows.push_back(DateRow("Shortlisted", app.shortlist_time()));
  if (app.has_offer_time()) rows.push_back(DateRow("Offered", app.offer_time()));
  if (app.state() == cadre::v1::APPLICATION_STATE_OFFERED && app.has_reply_by_time()) {
    rows.push_back(DateRow("Reply by", app.reply_by_time()));
  }
  if (app.has_close_time()) {
    rows.push_back(DateRow(ApplicationStateLabel(app.state()).c_str(), app.close_time()));
  }
  return rows;
}

// The text of the error on `href` ("#reason") in `errors`, or "".
std::string ErrorOn(const json& errors, const std::string& href) {
  for (const json& error : errors) {
    if (error.value("href", "") == href) return error.value("text", "");
  }
  return "";
}

json ReasonOptions(const std::string& chosen) {
  json options = json::array({{{"value", ""}, {"text", "Choose a reason"}, {"selected", false}}});
  for (const cadre::v1::UnsuccessfulReason reason : BodyTurnDownReasons()) {
    const std::string word = ReasonWord(reason);
    options.push_back(
        {{"value", word}, {"text", UnsuccessfulReasonLabel(reason)}, {"selected", word == chosen}});
  }
  return options;
}

json MovesView(const StaffAccount& staff, const cadre::v1::Application& app,
               const StaffMoveFormState& state, absl::Time now) {
  json view = {{"can_acknowledge", false},
               {"can_shortlist", false},
               {"can_offer", false},
               {"can_turn_down", false}};
  bool any = false;
  if (staff.may_change()) {
    for (const cadre::v1::ApplicationState to : BodyMovesFrom(app.state())) {
      any = true;
      if (to == cadre::v1::APPLICATION_STATE_ACKNOWLEDGED) view["can_acknowledge"] = true;
      if (to == cadre::v1::APPLICATION_STATE_SHORTLISTED) view["can_shortlist"] = true;
      if (to == cadre::v1::APPLICATION_STATE_OFFERED) view["can_offer"] = true;
      if (to == cadre::v1::APPLICATION_STATE_UNSUCCESSFUL) view["can_turn_down"] = true;
    }
  }
  const ReplyByFields fallback = DefaultReplyBy(now);
  const bool typed =
      !state.reply_by_day.empty() || !state.reply_by_month.empty() || !state.reply_by_year.empty();
  const std::string reply_by_error = ErrorOn(state.errors, "#reply_by-day") +
                                     ErrorOn(state.errors, "#reply_by-month") +
                                     ErrorOn(state.errors, "#reply_by-year");
  const std::string reason_error = ErrorOn(state.errors, "#reason");
  view.update({
      {"has_moves", any},
      {"to_acknowledged", MoveWord(cadre::v1::APPLICATION_STATE_ACKNOWLEDGED)},
      {"to_shortlisted", MoveWord(cadre::v1::APPLICATION_STATE_SHORTLISTED)},
      {"to_offered", MoveWord(cadre::v1::APPLICATION_STATE_OFFERED)},
      {"to_unsuccessful", MoveWord(cadre::v1::APPLICATION_STATE_UNSUCCESSFUL)},
      {"reply_by_day", typed ? state.reply_by_day : fallback.day},
      {"reply_by_month", typed ? state.reply_by_month : fallback.month},
      {"reply_by_year", typed ? state.reply_by_year : fallback.year},
      {"has_reply_by_error", !reply_by_error.empty()},
      {"reply_by_error", reply_by_error},
      {"reasons", ReasonOptions(state.reason)},
      {"has_reason_error", !reason_error.empty()},
      {"reason_error", reason_error},
  });
  return view;
}

void ServeApplication(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffApplicationIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderStaffApplicationPage(deps, request, *staff, id, {}, response);
}

}  // namespace

std::string StaffApplicationIdOf(const HttpRequest& request) {
  if (request.path_params.empty() || !IsApplicationId(request.path_params[0])) return "";
  return request.path_params[0];
}

void RenderStaffApplicationPage(const PageDeps& deps, const HttpRequest& request,
                                const StaffAccount& staff, const std::string& id,
                                const StaffMoveFormState& state, HttpResponse* response) {
  if (!MatchingConfigured(deps, request, response)) return;
  cadre::v1::Application app;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::GetApplicationRequest get;
  get.set_name(absl::StrCat("applications/", id));
  grpc::Status status = deps.upstream->matching()->GetApplication(&context, get, &app);
  if (status.ok() && app.body() != staff.body) {
    // Matching shows a body only its own roles' applications; the page no other.
    status = grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                          "this application is to another organisation's role");
  }
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, staff, response);
    return;
  }
  const absl::Time now = deps.clock->Now();
  const std::string role_id(absl::StripPrefix(app.role(), "roles/"));
  const std::string applicants_href = absl::StrCat(StaffRolePath(role_id), "/applicants");
  const std::string done = state.changed ? "" : MoveDoneText(request.Query("done"));
  const bool overdue = AcknowledgementOverdue(app, now);
  const bool unsuccessful = app.state() == cadre::v1::APPLICATION_STATE_UNSUCCESSFUL;
  json view = {
      {"staff", StaffView(staff)},
      {"title", app.role_title()},
      {"role_href", StaffRolePath(role_id)},
      {"applicants_href", applicants_href},
      {"action", absl::StrCat("/staff/applications/", id, "/move")},
      {"etag", app.etag()},
      {"next_step", StaffNextStepLabel(app)},
      {"overdue", overdue},
      {"due", AcknowledgementDueLabel(app)},
      {"unsuccessful", unsuccessful},
      {"reason", unsuccessful ? UnsuccessfulReasonLabel(app.unsuccessful_reason()) : ""},
      {"has_note", !app.note().empty()},
      {"note", app.note()},
      {"timeline", TimelineView(app)},
      {"has_screening", app.has_screening() && app.screening().total() > 0},
      {"screening", ScreeningView(app.screening())},
      {"statement", Paragraphs(app.statement())},
      {"moves", MovesView(staff, app, state, now)},
      {"has_done", !done.empty()},
      {"done_text", done},
      {"changed", state.changed},
      {"errors", state.errors},
      {"has_errors", !state.errors.empty()},
  };
  view.update(StateTagView(app.state()));
  PageFrame frame =
      StaffRolesFrame(absl::StrCat("Application: ", app.role_title()), staff, !state.errors.empty(),
                      app.role_title(), StaffRolePath(role_id));
  frame.breadcrumbs.push_back({{"text", "Applicants"}, {"href", applicants_href}});
  RenderPage(deps, request, frame, "staff_application", view, response);
}

void AddStaffApplicationPages(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/applications/([^/]*)", {.name = "staff-application"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeApplication(*deps, request, response);
              });
  AddStaffApplicationActions(door, deps);
}

}  // namespace cadre::gateway
