// GET /applications/{id}: everything about one of the person's applications: the role,
// its state and what happens next (and who owes it), the dates it moved on, whether the
// organisation is late acknowledging it, the organisation's note, why it was unsuccessful,
// the screening when it was made and the statement; and what the person can do, each a
// POST form with the CSRF token and the etag of what they saw: withdraw (a live one: a
// confirmation page first), accept or decline (an offer before its reply-by), and for an
// accepted one its placement: the payment choice (while active, where the role pays) and
// stepping down (a confirmation page with the reason). `?done=<word>` shows the banner
// of what was just done. Another person's application is 404 or 403, as matching says.

#include "services/gateway/pages/application_page.h"

#include <grpcpp/client_context.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

json DateRow(const char* key, const google::protobuf::Timestamp& time, bool shown) {
  return {{"key", key}, {"value", DateTimeLabel(FromTimestamp(time))}, {"shown", shown}};
}

json TimelineView(const cadre::v1::Application& app) {
  const bool submitted = app.state() == cadre::v1::APPLICATION_STATE_SUBMITTED;
  json rows = json::array({
      DateRow("Submitted", app.submit_time(), app.has_submit_time()),
      DateRow("To be acknowledged by", app.acknowledge_by_time(),
              submitted && app.has_acknowledge_by_time()),
      DateRow("Acknowledged", app.acknowledge_time(), app.has_acknowledge_time()),
      DateRow("Shortlisted", app.shortlist_time(), app.has_shortlist_time()),
      DateRow("Offered", app.offer_time(), app.has_offer_time()),
      DateRow("Reply by", app.reply_by_time(),
              app.state() == cadre::v1::APPLICATION_STATE_OFFERED && app.has_reply_by_time()),
  });
  if (app.has_close_time()) {
    rows.push_back(DateRow(ApplicationStateLabel(app.state()).c_str(), app.close_time(), true));
  }
  json shown = json::array();
  for (json& row : rows) {
    if (row["shown"].get<bool>()) shown.push_back(std::move(row));
  }
  return shown;
}

json PaymentView(const cadre::v1::Placement& placement) {
  json options = json::array();
  int n = 0;
  for (const PaymentOption& option : PaymentOptions()) {
    ++n;
    options.push_back({{"id", n == 1 ? std::string("payment") : absl::StrCat("payment-", n)},
                       {"value", option.value},
                       {"label", option.label},
                       {"hint", option.hint},
                       {"checked", placement.payment_choice() == option.choice}});
  }
  return options;
}

json PlacementView(const cadre::v1::Placement& placement, const std::string& application_path) {
  const bool active = placement.state() == cadre::v1::PLACEMENT_STATE_ACTIVE;
  return {
      {"state", PlacementStateLabel(placement.state())},
      {"tag_class", PlacementStateTagClass(placement.state())},
      {"started", DateTimeLabel(FromTimestamp(placement.start_time()))},
      {"has_ended", placement.has_end_time()},
      {"ended", DateTimeLabel(FromTimestamp(placement.end_time()))},
      {"has_end_reason", !placement.end_reason().empty()},
      {"end_reason", placement.end_reason()},
      {"ended_by_you", placement.ended_by() == "applicant"},
      {"payment_offered", placement.payment_offered()},
      {"payment", PaymentChoiceLabel(placement.payment_choice())},
      {"can_choose_payment", active && placement.payment_offered()},
      {"payment_options", PaymentView(placement)},
      {"payment_action", absl::StrCat(application_path, "/payment")},
      {"can_step_down", active},
      {"step_down_href", absl::StrCat(application_path, "/step-down?etag=", placement.etag())},
  };
}

}  // namespace

std::string ApplicationIdOf(const HttpRequest& request) {
  if (request.path_params.empty() || !IsApplicationId(request.path_params[0])) return "";
  return request.path_params[0];
}

void RenderApplicationPage(const PageDeps& deps, const HttpRequest& request, const Account& account,
                           const std::string& id, const json& errors, HttpResponse* response) {
  if (!MatchingConfigured(deps, request, response)) return;
  cadre::v1::Application app;
  {
    grpc::ClientContext context;
    PrepareContext(deps, request, account, &context);
    cadre::v1::GetApplicationRequest get;
    get.set_name(absl::StrCat("applications/", id));
    const grpc::Status status = deps.upstream->matching()->GetApplication(&context, get, &app);
    if (!status.ok()) {
      RenderAccountUpstreamError(deps, status, request, account, response);
      return;
    }
  }
  json placement = nullptr;
  bool placement_unavailable = false;
  if (!app.placement().empty()) {
    grpc::ClientContext context;
    PrepareContext(deps, request, account, &context);
    cadre::v1::GetPlacementRequest get;
    get.set_name(app.placement());
    cadre::v1::Placement found;
    const grpc::Status status = deps.upstream->matching()->GetPlacement(&context, get, &found);
    if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
      RenderAccountUpstreamError(deps, status, request, account, response);
      return;
    }
    if (status.ok()) {
      placement = PlacementView(found, ApplicationPath(app.name()));
    } else {
      placement_unavailable = true;
    }
  }
  const BodyNames names = LookUpBodyNamesOf(deps, request, {app.body()});
  const std::string path = ApplicationPath(app.name());
  json view = ApplicationSummaryView(app, BodyNameOf(names, app.body()), deps.clock->Now());
  view.update(DoneView(request));
  view.update({
      {"csrf", account.csrf},
      {"etag", app.etag()},
      {"has_note", !app.note().empty()},
      {"note", app.note()},
      {"acknowledge_by", DateTimeLabel(FromTimestamp(app.acknowledge_by_time()))},
      {"timeline", TimelineView(app)},
      {"has_screening", app.has_screening() && app.screening().total() > 0},
      {"screening", ScreeningView(app.screening())},
      {"statement", Paragraphs(app.statement())},
      {"accept_action", absl::StrCat(path, "/accept")},
      {"decline_action", absl::StrCat(path, "/decline")},
      {"withdraw_href", absl::StrCat(path, "/withdraw?etag=", app.etag())},
      {"has_placement", !placement.is_null()},
      {"placement", placement},
      {"placement_unavailable", placement_unavailable},
      {"errors", errors},
      {"has_errors", !errors.empty()},
  });
  const PageFrame frame{
      .title =
          absl::StrCat(errors.empty() ? "" : "Error: ", "Your application: ", app.role_title()),
      .section = "applications",
      .breadcrumbs = json::array({{{"text", "Home"}, {"href", "/"}},
                                  {{"text", "My applications"}, {"href", "/applications"}}}),
      .account = &account,
  };
  RenderPage(deps, request, frame, "application", view, response);
}

namespace {

void ServeApplication(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  const std::string id = ApplicationIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderApplicationPage(deps, request, *account, id, json::array(), response);
}

}  // namespace

void AddApplicationPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/applications/([^/]*)", {.name = "application"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeApplication(*deps, request, response);
              });
}

}  // namespace cadre::gateway
