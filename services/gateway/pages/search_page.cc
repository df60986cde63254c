// GET /search: the search form (every filter of ListRoles the public has, as a GET form
// that works without JavaScript) and one page of open roles, newest first, with
// Previous and Next links that carry the registry's keyset tokens. The registry gives no
// total, so the page says which positions it shows ("Showing roles 21 to 40"), never how
// many there are. Bad input, or a page token the registry refuses, gives the same page
// with status 400, the error summary and the field's message, and what was typed kept.
// The query string is parsed and the links are built in domain/search_query.h.

#include <grpcpp/client_context.h>

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/body_names.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

// A select's options: "any" first, then each value with its label.
template <typename Enum>
json Options(const std::string& chosen, const char* any_text, const std::vector<Enum>& values,
             std::string (*slug)(Enum), std::string (*label)(Enum)) {
  json options = json::array();
  options.push_back({{"value", ""}, {"text", any_text}, {"selected", chosen.empty()}});
  for (Enum value : values) {
    const std::string v = slug(value);
    options.push_back({{"value", v}, {"text", label(value)}, {"selected", v == chosen}});
  }
  return options;
}

std::string LevelSlug(cadre::v1::InvolvementLevel level) { return absl::StrCat(level); }

// One field of the form: its value as typed and its error, if any.
json Field(const ParsedSearch& parsed, const std::string& id, const std::string& value) {
  json field = {{"id", id}, {"value", value}, {"has_error", false}};
  for (const SearchFieldError& e : parsed.errors) {
    if (e.field == id) {
      field["has_error"] = true;
      field["error"] = e.message;
      break;
    }
  }
  return field;
}

json FormView(const ParsedSearch& parsed) {
  const SearchFilters& f = parsed.filters;
  json view = {
      {"q", Field(parsed, "q", f.q)},
      {"level", Field(parsed, "level", f.level)},
      {"region", Field(parsed, "region", f.region)},
      {"remote", Field(parsed, "remote", f.remote)},
      {"hours", Field(parsed, "hours", f.hours)},
      {"topic", Field(parsed, "topic", f.topic)},
      {"kind", Field(parsed, "kind", f.kind)},
      {"body", Field(parsed, "body", f.body)},
  };
  view["level_options"] = Options<cadre::v1::InvolvementLevel>(
      f.level, "Any level",
      {cadre::v1::INVOLVEMENT_LEVEL_1, cadre::v1::INVOLVEMENT_LEVEL_2,
       cadre::v1::INVOLVEMENT_LEVEL_3, cadre::v1::INVOLVEMENT_LEVEL_4},
      &LevelSlug, &LevelLabel);
  std::vector<cadre::v1::Region> regions;
  for (int r = cadre::v1::REGION_NATIONAL; r <= cadre::v1::REGION_SOUTH_WEST; ++r) {
    regions.push_back(static_cast<cadre::v1::Region>(r));
  }
  view["region_options"] = Options(f.region, "Any region", regions, &RegionSlug, &RegionLabel);
  std::vector<cadre::v1::BodyKind> kinds;
  for (int k = cadre::v1::BODY_KIND_NHS_ENGLAND; k <= cadre::v1::BODY_KIND_OTHER; ++k) {
    kinds.push_back(static_cast<cadre::v1::BodyKind>(k));
  }
  view["kind_options"] =
      Options(f.kind, "Any kind of organisation", kinds, &BodyKindSlug, &BodyKindLabel);
  view["remote_options"] = json::array({
      {{"id", "remote"}, {"value", "any"}, {"text", "Either"}, {"checked", f.remote.empty()}},
      {{"id", "remote-2"},
       {"value", "yes"},
       {"text", "Yes, remote or hybrid"},
       {"checked", f.remote == "yes"}},
      {{"id", "remote-3"},
       {"value", "no"},
       {"text", "No, in person only"},
       {"checked", f.remote == "no"}},
  });
  json errors = json::array();
  for (const SearchFieldError& e : parsed.errors) {
    // A bad page token is no field of the form: its link starts the same search again.
    const std::string href = e.field == "page" ? SearchPageUrl(f) : absl::StrCat("#", e.field);
    errors.push_back({{"href", href}, {"text", e.message}});
  }
  view["errors"] = errors;
  view["has_errors"] = !parsed.errors.empty();
  view["clear_href"] = "/search";
  return view;
}

json RoleCard(const cadre::v1::Role& role, const BodyNames& names) {
  // "London, remote": the mode's label in lower case after the region.
  std::string where = RegionLabel(role.location().region());
  if (role.location().mode() != cadre::v1::ATTENDANCE_MODE_UNSPECIFIED) {
    absl::StrAppend(&where, ", ", absl::AsciiStrToLower(AttendanceLabel(role.location().mode())));
  }
  const std::string time = TimeLabel(role.time_commitment());
  const absl::Time closes = FromTimestamp(role.closing_time());
  return {
      {"href", RolePath(role.name())},           {"title", role.title()},
      {"body", BodyNameOf(names, role.body())},  {"where", where},
      {"level", LevelLabel(role.level())},       {"time", time.empty() ? "Not stated" : time},
      {"payment", PaymentLabel(role.support())}, {"closes", DateTimeLabel(closes)},
      {"closes_datetime", Rfc3339(closes)},
  };
}

json ResultsView(const ParsedSearch& parsed, const cadre::v1::ListRolesResponse& page,
                 const BodyNames& names) {
  json roles = json::array();
  for (const cadre::v1::Role& role : page.roles()) roles.push_back(RoleCard(role, names));
  const int64_t first = parsed.page_token.empty() ? 1 : parsed.start;
  const int64_t count = page.roles_size();
  const int64_t last = first + count - 1;
  json view = {
      {"roles", roles},
      {"has_results", count > 0},
      {"showing", count == 1 ? absl::StrCat("Showing role ", first)
                             : absl::StrCat("Showing roles ", first, " to ", last)},
      {"has_previous", !page.previous_page_token().empty()},
      {"has_next", !page.next_page_token().empty()},
      {"has_pagination", !page.previous_page_token().empty() || !page.next_page_token().empty()},
      {"feed_href", SearchFeedUrl(parsed.filters)},
      {"filtered", !FilterQueryString(parsed.filters).empty()}};
  if (!page.previous_page_token().empty()) {
    view["previous_href"] = SearchPageUrl(parsed.filters, page.previous_page_token(),
                                          std::max<int64_t>(1, first - kSearchPageSize));
  }
  if (!page.next_page_token().empty()) {
    view["next_href"] = SearchPageUrl(parsed.filters, page.next_page_token(), last + 1);
  }
  return view;
}

void Render(const PageDeps& deps, const HttpRequest& request, const ParsedSearch& parsed, json view,
            HttpResponse* response) {
  view.update(FormView(parsed));
  PageFrame frame{.title = parsed.ok() ? "Find a role" : "Error: Find a role", .section = "search"};
  if (parsed.ok()) frame.feed_url = SearchFeedUrl(parsed.filters);
  if (!parsed.ok()) response->status = 400;
  RenderPage(deps, request, frame, "search", view, response);
}

void ServeSearch(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  ParsedSearch parsed = ParseSearch(request.query);
  if (!parsed.ok()) {
    Render(deps, request, parsed, {{"searched", false}}, response);
    return;
  }
  if (deps.upstream->registry() == nullptr) {
    RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no registry"), request,
                        response);
    return;
  }
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::ListRolesResponse page;
  const grpc::Status status = deps.upstream->registry()->ListRoles(&context, parsed.request, &page);
  if (!status.ok()) {
    absl::optional<SearchFieldError> field;
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
      field = SearchErrorFromRegistry(status.error_message());
    }
    if (!field.has_value()) {
      RenderUpstreamError(deps, status, request, response);
      return;
    }
    parsed.errors.push_back(*std::move(field));
    Render(deps, request, parsed, {{"searched", false}}, response);
    return;
  }
  json view = ResultsView(parsed, page, LookUpBodyNames(deps, request, page.roles()));
  view["searched"] = true;
  Render(deps, request, parsed, std::move(view), response);
}

}  // namespace

void AddSearchPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/search", {.name = "search"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeSearch(*deps, request, response);
              });
}

}  // namespace cadre::gateway
