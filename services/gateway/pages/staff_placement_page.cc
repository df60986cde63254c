// A placement of the staff member's body (issue 10), and what they can do to it:
//   GET  /staff/placements/{id}            its role, the person's Cadre ID, dates, state,
//        why and by whom it ended early, the payment choice (where the role offers a
//        payment); while it is active, and for a recruiter or manager, the forms:
//   POST /staff/placements/{id}/complete   fields: etag → EndPlacement COMPLETED
//        (?done=completed)
//   GET  /staff/placements/{id}/end-early?etag=  "End this placement early?": the reason
//        (3–300 characters, which the person reads) and the etag the page showed;
//   POST /staff/placements/{id}/end-early  fields: reason, etag → EndPlacement
//        ENDED_EARLY (?done=ended-early); a reason too short or too long gives the
//        confirmation again, status 400, with what was typed.
// Each form sends the etag its page showed: a placement that changed since is refused
// (ABORTED) and its page says so ("?done=changed"). A viewer sees no forms; one posted
// by hand is refused by matching (PERMISSION_DENIED: the 403 page, nothing changed).
// Another body's placement: 403 or 404, never its data.

#include <grpcpp/client_context.h>

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/staff_forms.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_placement_views.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxEtagBytes = 40;  // matching's limit; a longer one is not ours
constexpr char kReasonLabel[] = "Why the placement is ending early";

// The end-early form as sent, when it is shown again.
struct EndEarlyForm {
  std::string reason = "";
  std::string etag = "";
  std::string error = "";
};

std::string EtagOf(const std::string& given) { return given.size() <= kMaxEtagBytes ? given : ""; }

void ServePlacement(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffPlacementIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderStaffPlacementPage(deps, request, *staff, id, json::array(), response);
}

grpc::Status End(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                 const std::string& id, cadre::v1::PlacementState state, const std::string& reason,
                 const std::string& etag) {
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::EndPlacementRequest end;
  end.set_name(absl::StrCat("placements/", id));
  end.set_state(state);
  end.set_reason(reason);
  end.set_etag(EtagOf(etag));
  cadre::v1::Placement ended;
  return deps.upstream->matching()->EndPlacement(&context, end, &ended);
}

void Complete(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffPlacementIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  const grpc::Status status = End(deps, request, *staff, id, cadre::v1::PLACEMENT_STATE_COMPLETED,
                                  "", request.Form("etag"));
  FinishStaffPlacementAction(deps, request, *staff, id, status, "completed", response);
}

void RenderEndEarly(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                    const std::string& id, const EndEarlyForm* form, HttpResponse* response) {
  if (!MatchingConfigured(deps, request, response)) return;
  cadre::v1::Placement placement;
  {
    grpc::ClientContext context;
    PrepareStaffContext(deps, request, staff, &context);
    cadre::v1::GetPlacementRequest get;
    get.set_name(absl::StrCat("placements/", id));
    const grpc::Status status = deps.upstream->matching()->GetPlacement(&context, get, &placement);
    if (!status.ok()) {
      RenderStaffUpstreamError(deps, status, request, staff, response);
      return;
    }
  }
  const std::string path = StaffPlacementPath(placement.name());
  // Nothing to end (it has ended, or the staff member may not): its page says where it
  // stands.
  if (placement.state() != cadre::v1::PLACEMENT_STATE_ACTIVE || !staff.may_change()) {
    SeeOther(path, response);
    return;
  }
  const std::string given = EtagOf(form != nullptr ? form->etag : request.Query("etag"));
  const bool has_error = form != nullptr && !form->error.empty();
  const json view = {
      {"staff", StaffView(staff)},
      {"title", placement.role_title()},
      {"applicant_id", ApplicantIdOf(placement.applicant())},
      {"placement_href", path},
      {"action", absl::StrCat(path, "/end-early")},
      {"etag", given.empty() ? placement.etag() : given},
      {"reason", form != nullptr ? form->reason : ""},
      {"max_reason", kStaffMaxReason},
      {"has_reason_error", has_error},
      {"reason_error", has_error ? form->error : ""},
      {"has_errors", has_error},
      {"errors",
       has_error ? json::array({{{"href", "#reason"}, {"text", form->error}}}) : json::array()},
  };
  const PageFrame frame{
      .title = absl::StrCat(has_error ? "Error: " : "",
                            "End this placement early: ", placement.role_title()),
      .section = kStaffSectionPlacements,
      .breadcrumbs = json::array({{{"text", "Placements"}, {"href", "/staff/placements"}},
                                  {{"text", placement.role_title()}, {"href", path}}}),
      .staff = &staff,
  };
  RenderPage(deps, request, frame, "staff_placement_confirm", view, response);
}

void ServeEndEarly(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffPlacementIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderEndEarly(deps, request, *staff, id, nullptr, response);
}

void EndEarly(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffPlacementIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  EndEarlyForm form{.reason = CleanReason(request.Form("reason")), .etag = request.Form("etag")};
  form.error = ReasonError(form.reason, kReasonLabel);
  if (!form.error.empty()) {
    response->status = 400;
    RenderEndEarly(deps, request, *staff, id, &form, response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  const grpc::Status status = End(deps, request, *staff, id, cadre::v1::PLACEMENT_STATE_ENDED_EARLY,
                                  form.reason, form.etag);
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
      FieldErrorOf(status).field == "reason") {
    form.error = absl::StrCat(kReasonLabel, " ", FieldErrorOf(status).message);
    response->status = 400;
    RenderEndEarly(deps, request, *staff, id, &form, response);
    return;
  }
  FinishStaffPlacementAction(deps, request, *staff, id, status, "ended-early", response);
}

}  // namespace

void AddStaffPlacementRoutes(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/placements/([^/]*)", {.name = "staff-placement"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServePlacement(*deps, request, response);
              });
  door->Route("POST", "/staff/placements/([^/]*)/complete", {.name = "staff-placement-complete"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Complete(*deps, request, response);
              });
  door->Route("GET", "/staff/placements/([^/]*)/end-early", {.name = "staff-placement-end-early"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeEndEarly(*deps, request, response);
              });
  door->Route("POST", "/staff/placements/([^/]*)/end-early", {.name = "staff-placement-end-early"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                EndEarly(*deps, request, response);
              });
}

}  // namespace cadre::gateway
