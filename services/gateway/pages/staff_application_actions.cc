// POST /staff/applications/{id}/move: a member of the body's staff moves an application
// on (MoveApplication with their own key, so matching checks their role and its audit
// names them). The form carries the CSRF token, the etag of what the page showed and
// "to", the state to move to ("acknowledged", "shortlisted", "offered" with the reply-by
// date in reply_by-day, reply_by-month and reply_by-year, or "unsuccessful" with the
// reason). A form that is not right is the page again (400) naming the field; an
// application that changed since the page was shown (stale etag) is the page again (409)
// saying so, with nothing moved; a move matching refuses (a viewer's, another body's) is
// its 403 page; success is 303 to /staff/applications/{id}?done=<to>.

#include <grpcpp/client_context.h>

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/staff_application_words.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/staff_application_page.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

constexpr size_t kMaxEtag = 128;
constexpr size_t kMaxDateField = 16;

void Again(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
           const std::string& id, int status, StaffMoveFormState state, HttpResponse* response) {
  response->status = status;
  RenderStaffApplicationPage(deps, request, staff, id, state, response);
}

// The form's field named in an INVALID_ARGUMENT from matching ("reply_by_time: ...").
std::string FieldOf(const std::string& message) {
  if (absl::StartsWith(message, "reply_by")) return "#reply_by-day";
  if (absl::StartsWith(message, "reason")) return "#reason";
  return "#moves";
}

void MovePost(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffApplicationIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  StaffMoveFormState state;
  state.reply_by_day = request.Form("reply_by-day").substr(0, kMaxDateField);
  state.reply_by_month = request.Form("reply_by-month").substr(0, kMaxDateField);
  state.reply_by_year = request.Form("reply_by-year").substr(0, kMaxDateField);
  state.reason = request.Form("reason").substr(0, kMaxDateField * 2);
  const cadre::v1::ApplicationState to = MoveFromWord(request.Form("to"));
  cadre::v1::MoveApplicationRequest move;
  move.set_name(absl::StrCat("applications/", id));
  move.set_state(to);
  move.set_etag(request.Form("etag").substr(0, kMaxEtag));
  if (to == cadre::v1::APPLICATION_STATE_UNSPECIFIED) {
    state.errors.push_back({{"href", "#moves"}, {"text", "Choose how to move the application on"}});
    Again(deps, request, *staff, id, 400, state, response);
    return;
  }
  if (to == cadre::v1::APPLICATION_STATE_OFFERED) {
    const ReplyBy reply_by = ParseReplyBy(state.reply_by_day, state.reply_by_month,
                                          state.reply_by_year, deps.clock->Now());
    if (!reply_by.ok()) {
      state.errors.push_back(
          {{"href", absl::StrCat("#", reply_by.field)}, {"text", reply_by.error}});
      Again(deps, request, *staff, id, 400, state, response);
      return;
    }
    *move.mutable_reply_by_time() = ToTimestamp(reply_by.time);
  }
  if (to == cadre::v1::APPLICATION_STATE_UNSUCCESSFUL) {
    move.set_reason(ReasonFromWord(state.reason));
    if (move.reason() == cadre::v1::UNSUCCESSFUL_REASON_UNSPECIFIED) {
      state.errors.push_back(
          {{"href", "#reason"}, {"text", "Choose why you are turning the application down"}});
      Again(deps, request, *staff, id, 400, state, response);
      return;
    }
  }
  cadre::v1::Application moved;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  const grpc::Status status = deps.upstream->matching()->MoveApplication(&context, move, &moved);
  if (status.error_code() == grpc::StatusCode::ABORTED) {
    // A stale etag: someone moved it since the page was shown. Nothing was moved.
    StaffMoveFormState changed;
    changed.changed = true;
    Again(deps, request, *staff, id, 409, changed, response);
    return;
  }
  if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
    // A move its state or its role no longer allows (the role closed, say).
    state.errors.push_back({{"href", "#moves"},
                            {"text",
                             "That move is not possible now: check the application and "
                             "its role below"}});
    Again(deps, request, *staff, id, 409, state, response);
    return;
  }
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    state.errors.push_back({{"href", FieldOf(status.error_message())},
                            {"text", "Check the form: matching could not make this move"}});
    Again(deps, request, *staff, id, 400, state, response);
    return;
  }
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  SeeOther(absl::StrCat("/staff/applications/", id, "?done=", MoveWord(to)), response);
}

}  // namespace

void AddStaffApplicationActions(FrontDoor* door, const PageDeps* deps) {
  door->Route("POST", "/staff/applications/([^/]*)/move", {.name = "staff-application-move"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                MovePost(*deps, request, response);
              });
}

}  // namespace cadre::gateway
