// GET /staff/placements ("Placements"): the placements of the staff member's body (its
// roles' accepted applications), active ones first, then those that ended (completed or
// ended early, the latest ending first), each with its role, the person's Cadre ID, when
// it started (and ended), its state and, where the role offers an involvement payment,
// the person's payment choice. A filter by state (`state`: active, completed,
// ended-early) is a plain GET form, so that it works without JavaScript; a filtered list
// pages on with matching's token (`page`). Unfiltered, each part shows its newest
// kPerPart, with a link to the rest.

#include <grpcpp/client_context.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/domain/staff_forms.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"
#include "services/gateway/pages/staff_placement_views.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kPageSize = 50;  // placements a filtered page
constexpr int kPerPart = 50;   // placements of each state on the unfiltered page

struct Listed {
  std::vector<cadre::v1::Placement> placements;
  bool more = false;  // matching has more than were listed
  std::string next_page_token;
};

// One ListPlacements of the body's in `state` (UNSPECIFIED: all).
grpc::Status List(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                  cadre::v1::PlacementState state, int size, const std::string& token,
                  Listed* out) {
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::ListPlacementsRequest list;
  list.set_body(staff.body);
  list.set_state(state);
  list.set_page_size(size);
  list.set_page_token(token);
  cadre::v1::ListPlacementsResponse answer;
  const grpc::Status status = deps.upstream->matching()->ListPlacements(&context, list, &answer);
  if (!status.ok()) return status;
  for (cadre::v1::Placement& p : *answer.mutable_placements()) {
    out->placements.push_back(std::move(p));
  }
  out->more = out->more || !answer.next_page_token().empty();
  out->next_page_token = answer.next_page_token();
  return status;
}

json FilterOptions(cadre::v1::PlacementState chosen) {
  json options = json::array();
  const std::pair<cadre::v1::PlacementState, const char*> kOptions[] = {
      {cadre::v1::PLACEMENT_STATE_UNSPECIFIED, "All placements"},
      {cadre::v1::PLACEMENT_STATE_ACTIVE, "Active"},
      {cadre::v1::PLACEMENT_STATE_COMPLETED, "Completed"},
      {cadre::v1::PLACEMENT_STATE_ENDED_EARLY, "Ended early"},
  };
  for (const auto& [state, label] : kOptions) {
    options.push_back(
        {{"value", PlacementStateSlug(state)}, {"label", label}, {"selected", state == chosen}});
  }
  return options;
}

// A part of the list: {id, heading, count, placements, has_placements, empty_text}.
json Group(const char* id, const std::string& heading,
           const std::vector<cadre::v1::Placement>& placements, const char* empty_text) {
  json views = json::array();
  for (const cadre::v1::Placement& p : placements) views.push_back(StaffPlacementView(p));
  return {{"id", id},
          {"heading", heading},
          {"count", CountLabel(static_cast<int>(placements.size()), "placement", "placements")},
          {"placements", views},
          {"has_placements", !views.empty()},
          {"empty_text", empty_text}};
}

void ServePlacements(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  if (!MatchingConfigured(deps, request, response)) return;
  const cadre::v1::PlacementState filter = PlacementStateFromSlug(request.Query("state"));
  std::string token = filter == cadre::v1::PLACEMENT_STATE_UNSPECIFIED ? "" : request.Query("page");
  if (token.size() > kMaxPageTokenBytes) token.clear();
  json errors = json::array();
  Listed active, ended, filtered;
  grpc::Status status;
  if (filter != cadre::v1::PLACEMENT_STATE_UNSPECIFIED) {
    status = List(deps, request, *staff, filter, kPageSize, token, &filtered);
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT && !token.empty()) {
      // A token from an old or mangled address: the first page instead.
      errors.push_back({{"href", "#placements"},
                        {"text", "That page of placements no longer exists: here is the first"}});
      response->status = 400;
      token.clear();
      filtered = Listed{};
      status = List(deps, request, *staff, filter, kPageSize, token, &filtered);
    }
  } else {
    status = List(deps, request, *staff, cadre::v1::PLACEMENT_STATE_ACTIVE, kPerPart, "", &active);
    for (auto state :
         {cadre::v1::PLACEMENT_STATE_COMPLETED, cadre::v1::PLACEMENT_STATE_ENDED_EARLY}) {
      if (status.ok()) status = List(deps, request, *staff, state, kPerPart, "", &ended);
    }
  }
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  // Those that ended: the latest ending first (matching lists each state by start).
  std::stable_sort(ended.placements.begin(), ended.placements.end(),
                   [](const cadre::v1::Placement& a, const cadre::v1::Placement& b) {
                     return FromTimestamp(a.end_time()) > FromTimestamp(b.end_time());
                   });
  if (ended.placements.size() > static_cast<size_t>(kPerPart)) {
    ended.placements.resize(kPerPart);
    ended.more = true;
  }
  const bool filtered_view = filter != cadre::v1::PLACEMENT_STATE_UNSPECIFIED;
  const std::string slug = PlacementStateSlug(filter);
  json groups = json::array();
  if (filtered_view) {
    json group = Group("placements", PlacementStateLabel(filter), filtered.placements,
                       "No placements are in this state.");
    group.update({{"later_page", !token.empty()},
                  {"first_href", absl::StrCat("/staff/placements?state=", slug)},
                  {"has_next", !filtered.next_page_token.empty()},
                  {"next_href", absl::StrCat("/staff/placements?state=", slug,
                                             "&page=", PercentEncode(filtered.next_page_token))}});
    groups.push_back(std::move(group));
  } else {
    json group = Group("active", "Active", active.placements,
                       "None just now. When a person accepts an offer for one of your roles, "
                       "the placement appears here.");
    group.update({{"has_more", active.more},
                  {"more", json::array({{{"href", "/staff/placements?state=active"},
                                         {"text", "See every active placement"}}})}});
    groups.push_back(std::move(group));
    group = Group("ended", "Ended", ended.placements, "None have ended yet.");
    group.update({{"has_more", ended.more},
                  {"more", json::array({{{"href", "/staff/placements?state=completed"},
                                         {"text", "See every completed placement"}},
                                        {{"href", "/staff/placements?state=ended-early"},
                                         {"text", "See every placement that ended early"}}})}});
    groups.push_back(std::move(group));
  }
  json view = {
      {"staff", StaffView(*staff)}, {"filter_options", FilterOptions(filter)},
      {"filtered", filtered_view},  {"groups", groups},
      {"errors", errors},           {"has_errors", !errors.empty()},
  };
  const PageFrame frame{.title = errors.empty() ? "Placements" : "Error: Placements",
                        .section = kStaffSectionPlacements,
                        .staff = &*staff};
  RenderPage(deps, request, frame, "staff_placements", view, response);
}

}  // namespace

void AddStaffPlacementsPages(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/placements", {.name = "staff-placements"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServePlacements(*deps, request, response);
              });
  AddStaffPlacementRoutes(door, deps);
}

}  // namespace cadre::gateway
