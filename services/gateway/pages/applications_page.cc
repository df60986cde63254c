// GET /applications ("My applications"): a signed-in person's applications, newest first,
// 20 a page with a link to older ones (`page`, matching's opaque token; the first page
// has none), each with its state, what happens next and who owes it, why it was
// unsuccessful and an offer's reply-by; above them, how many await each step; below, the
// person's placements (the roles they hold or held), each linking to its application.
// A page token matching refuses is the first page again with status 400.

#include <grpcpp/client_context.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kApplicationsPageSize = 20;  // applications a page
constexpr int kPlacementsShown = 50;       // placements listed (one page of matching's)

json Count(int n, const char* text) { return {{"count", n}, {"text", text}}; }

json CountsView(const cadre::v1::ListApplicationsResponse& page) {
  json counts = json::array({
      Count(page.awaiting_acknowledgement(), "Waiting for the organisation to acknowledge"),
      Count(page.awaiting_shortlisting(), "Acknowledged: waiting for a shortlist"),
      Count(page.awaiting_offer(), "Shortlisted: waiting for a decision"),
      Count(page.awaiting_reply(), "Offers waiting for your reply"),
  });
  return {{"counts", counts},
          {"overdue", page.overdue()},
          {"has_overdue", page.overdue() > 0},
          {"overdue_text", CountLabel(page.overdue(), "application has", "applications have")}};
}

json PlacementView(const cadre::v1::Placement& placement, const BodyNames& names) {
  return {{"title", placement.role_title()},
          {"href", ApplicationPath(placement.application())},
          {"body_name", BodyNameOf(names, placement.body())},
          {"state", PlacementStateLabel(placement.state())},
          {"tag_class", PlacementStateTagClass(placement.state())},
          {"started", DateLabel(FromTimestamp(placement.start_time()))},
          {"has_ended", placement.has_end_time()},
          {"ended", placement.has_end_time() ? DateLabel(FromTimestamp(placement.end_time())) : ""},
          {"payment_offered", placement.payment_offered()},
          {"payment", PaymentChoiceLabel(placement.payment_choice())}};
}

void ServeApplications(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  if (!MatchingConfigured(deps, request, response)) return;
  std::string token = request.Query("page");
  if (token.size() > kMaxPageTokenBytes) token.clear();
  cadre::v1::ListApplicationsResponse page;
  grpc::Status status;
  json errors = json::array();
  for (;;) {
    grpc::ClientContext context;
    PrepareContext(deps, request, *account, &context);
    cadre::v1::ListApplicationsRequest list;
    list.set_page_size(kApplicationsPageSize);
    list.set_page_token(token);
    status = deps.upstream->matching()->ListApplications(&context, list, &page);
    if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT || token.empty()) break;
    // A token from an old or mangled address: the newest applications instead.
    errors.push_back(
        {{"href", "#applications"},
         {"text", "That page of applications no longer exists: here are your newest"}});
    response->status = 400;
    token.clear();
  }
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  cadre::v1::ListPlacementsResponse placements;
  {
    grpc::ClientContext context;
    PrepareContext(deps, request, *account, &context);
    cadre::v1::ListPlacementsRequest list;
    list.set_page_size(kPlacementsShown);
    status = deps.upstream->matching()->ListPlacements(&context, list, &placements);
    if (!status.ok()) {
      RenderAccountUpstreamError(deps, status, request, *account, response);
      return;
    }
  }
  std::vector<std::string> bodies;
  for (const auto& app : page.applications()) bodies.push_back(app.body());
  for (const auto& p : placements.placements()) bodies.push_back(p.body());
  const BodyNames names = LookUpBodyNamesOf(deps, request, bodies);
  const absl::Time now = deps.clock->Now();
  json applications = json::array();
  for (const auto& app : page.applications()) {
    applications.push_back(ApplicationSummaryView(app, BodyNameOf(names, app.body()), now));
  }
  json placement_views = json::array();
  for (const auto& p : placements.placements()) placement_views.push_back(PlacementView(p, names));
  json view = {
      {"applications", applications},
      {"has_applications", !applications.empty()},
      {"first_page", token.empty()},
      {"later_page", !token.empty()},
      {"has_next", !page.next_page_token().empty()},
      {"next_href", absl::StrCat("/applications?page=", PercentEncode(page.next_page_token()))},
      {"placements", placement_views},
      {"has_placements", !placement_views.empty()},
      {"errors", errors},
      {"has_errors", !errors.empty()},
  };
  view.update(CountsView(page));
  const PageFrame frame{.title = errors.empty() ? "My applications" : "Error: My applications",
                        .section = "applications",
                        .account = &*account};
  RenderPage(deps, request, frame, "applications", view, response);
}

}  // namespace

void AddApplicationsPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/applications", {.name = "applications"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeApplications(*deps, request, response);
              });
}

}  // namespace cadre::gateway
