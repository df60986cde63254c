#include "services/gateway/pages/staff_placement_views.h"

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/staff_forms.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {

using nlohmann::json;

std::string StaffPlacementPath(const std::string& placement_name) {
  return absl::StrCat("/staff/placements/", absl::StripPrefix(placement_name, "placements/"));
}

std::string StaffPlacementIdOf(const HttpRequest& request) {
  if (request.path_params.empty() || !IsApplicationId(request.path_params[0])) return "";
  return request.path_params[0];
}

json StaffDoneView(const HttpRequest& request) {
  const DoneBanner banner = StaffDoneBannerFor(request.Query("done"));
  return {{"has_done", !banner.text.empty()},
          {"done_text", banner.text},
          {"done_success", banner.success}};
}

json StaffPlacementView(const cadre::v1::Placement& p) {
  const std::string applicant_id = ApplicantIdOf(p.applicant());
  const std::string ended_by = EndedByLabel(p.ended_by());
  return {
      {"title", p.role_title()},
      {"href", StaffPlacementPath(p.name())},
      {"applicant_id", applicant_id},
      {"credentials_href", absl::StrCat("/staff/credentials?applicant=", applicant_id)},
      {"state", PlacementStateLabel(p.state())},
      {"tag_class", PlacementStateTagClass(p.state())},
      {"active", p.state() == cadre::v1::PLACEMENT_STATE_ACTIVE},
      {"started", DateLabel(FromTimestamp(p.start_time()))},
      {"has_ended", p.has_end_time()},
      {"ended", p.has_end_time() ? DateLabel(FromTimestamp(p.end_time())) : ""},
      {"payment_offered", p.payment_offered()},
      {"payment", PaymentChoiceLabel(p.payment_choice())},
      {"has_end_reason", !p.end_reason().empty()},
      {"end_reason", p.end_reason()},
      {"has_ended_by", !ended_by.empty()},
      {"ended_by", ended_by},
      {"etag", p.etag()},
  };
}

void RenderStaffPlacementPage(const PageDeps& deps, const HttpRequest& request,
                              const StaffAccount& staff, const std::string& id, const json& errors,
                              HttpResponse* response) {
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
  json view = StaffPlacementView(placement);
  view.update(StaffDoneView(request));
  view.update({
      {"staff", StaffView(staff)},
      {"may_end", staff.may_change() && placement.state() == cadre::v1::PLACEMENT_STATE_ACTIVE},
      {"viewer_active",
       !staff.may_change() && placement.state() == cadre::v1::PLACEMENT_STATE_ACTIVE},
      {"complete_action", absl::StrCat(path, "/complete")},
      {"end_early_href", absl::StrCat(path, "/end-early?etag=", placement.etag())},
      {"errors", errors},
      {"has_errors", !errors.empty()},
  });
  const PageFrame frame{
      .title = absl::StrCat(errors.empty() ? "" : "Error: ", "Placement: ", placement.role_title()),
      .section = kStaffSectionPlacements,
      .breadcrumbs = json::array({{{"text", "Staff"}, {"href", "/staff"}},
                                  {{"text", "Placements"}, {"href", "/staff/placements"}}}),
      .staff = &staff,
  };
  RenderPage(deps, request, frame, "staff_placement", view, response);
}

void FinishStaffPlacementAction(const PageDeps& deps, const HttpRequest& request,
                                const StaffAccount& staff, const std::string& id,
                                const grpc::Status& status, const std::string& done,
                                HttpResponse* response) {
  const std::string path = absl::StrCat("/staff/placements/", id);
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      SeeOther(absl::StrCat(path, "?done=", done), response);
      return;
    case grpc::StatusCode::ABORTED:
      SeeOther(absl::StrCat(path, "?done=changed"), response);
      return;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
      response->status = 400;
      RenderStaffPlacementPage(
          deps, request, staff, id,
          json::array({{{"href", "#status"}, {"text", Sentence(FieldErrorOf(status).message)}}}),
          response);
      return;
    default:
      RenderStaffUpstreamError(deps, status, request, staff, response);
  }
}

}  // namespace cadre::gateway
