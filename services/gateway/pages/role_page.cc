// GET /roles/{id}: everything a person needs to decide whether to apply: what the role
// is and asks, where, the support and payment, the requirements, whether it still takes
// applications, what happens after applying, and how quickly this body acknowledges
// applications (matching's public figures). An id that is not one (not 1–19 digits) is
// not found without asking the registry; a registry failure is the upstream error page;
// matching being down only takes the figure away.

#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kDefaultFiguresWindowDays = 90;  // matching's window when it says none

json Row(const std::string& key, std::vector<std::string> lines) {
  json values = json::array();
  for (std::string& line : lines) values.push_back({{"text", std::move(line)}});
  // One line is the value itself; more are paragraphs.
  return {{"key", key}, {"lines", values}, {"several", values.size() > 1}};
}

// Paragraphs of a body's text, split at blank lines.
json Paragraphs(absl::string_view text) {
  json paragraphs = json::array();
  for (absl::string_view p : absl::StrSplit(text, "\n\n", absl::SkipWhitespace())) {
    paragraphs.push_back({{"text", std::string(absl::StripAsciiWhitespace(p))}});
  }
  return paragraphs;
}

std::vector<std::string> WhereLines(const cadre::v1::Location& where) {
  std::vector<std::string> lines = {RegionLabel(where.region()), AttendanceLabel(where.mode())};
  if (!where.place().empty()) lines.push_back(where.place());
  return lines;
}

std::vector<std::string> Requirements(const cadre::v1::Role& role) {
  std::vector<std::string> lines;
  for (const std::string& credential : role.required_credentials()) {
    std::string text = CredentialLabel(credential);
    text[0] = absl::ascii_toupper(text[0]);
    lines.push_back(std::move(text));
  }
  if (role.minimum_age() > 0) {
    lines.push_back(absl::StrCat("You must be ", role.minimum_age(), " or older"));
  }
  if (lines.empty()) lines.push_back("None");
  return lines;
}

json Facts(const cadre::v1::Role& role) {
  const cadre::v1::SupportOffered& support = role.support();
  const std::string time = TimeLabel(role.time_commitment());
  json rows = json::array();
  rows.push_back(
      Row("Involvement level", {LevelLabel(role.level()), LevelDescription(role.level())}));
  if (role.rung() != cadre::v1::ENGAGEMENT_RUNG_UNSPECIFIED) {
    rows.push_back(Row("How much say the role has", {RungLabel(role.rung())}));
  }
  rows.push_back(Row("Time asked", {time.empty() ? "Not stated" : time}));
  rows.push_back(
      Row("Expertise sought", {TagListLabel(role.expertise_sought(), "No particular expertise")}));
  rows.push_back(Row("Topics", {TagListLabel(role.topics(), "None given")}));
  rows.push_back(Row(
      "Lived experience sought",
      {role.lived_experience_sought().empty() ? "Not stated" : role.lived_experience_sought()}));
  rows.push_back(Row("Where", WhereLines(role.location())));
  rows.push_back(Row("Access support",
                     {TagListLabel(support.access_support(),
                                   "None listed: ask the organisation about what you need")}));
  rows.push_back(Row("Expenses", {support.expenses_paid() ? "Paid" : "Not paid"}));
  rows.push_back(Row("Payment", {PaymentLabel(support)}));
  rows.push_back(Row("Places", {CountLabel(role.places(), "place", "places")}));
  rows.push_back(Row("Closing date", {DateTimeLabel(FromTimestamp(role.closing_time()))}));
  rows.push_back(Row("Requirements", Requirements(role)));
  return rows;
}

// How quickly the body acknowledges, or why that cannot be said.
json FiguresView(const PageDeps& deps, const HttpRequest& request, const std::string& body) {
  json view = {{"has_figures", false}};
  if (deps.upstream->matching() == nullptr) return view;
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::GetBodyFiguresRequest get;
  get.set_body(body);
  cadre::v1::BodyFigures figures;
  if (!deps.upstream->matching()->GetBodyFigures(&context, get, &figures).ok()) return view;
  const int window = figures.window_days() > 0 ? figures.window_days() : kDefaultFiguresWindowDays;
  return {{"has_figures", true},
          {"acknowledgement", AcknowledgementLabel(figures.acknowledge_median_days(), window)}};
}

std::string BodyDisplayName(const PageDeps& deps, const HttpRequest& request,
                            const std::string& body) {
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::GetBodyRequest get;
  get.set_name(body);
  cadre::v1::Body found;
  if (deps.upstream->registry()->GetBody(&context, get, &found).ok()) return found.display_name();
  return BodyCode(body);
}

void ServeRole(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const absl::optional<int64_t> id =
      request.path_params.empty() ? absl::nullopt : RoleIdFromPath(request.path_params[0]);
  if (!id.has_value()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (deps.upstream->registry() == nullptr) {
    RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no registry"), request,
                        response);
    return;
  }
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::GetRoleRequest get;
  get.set_name(absl::StrCat("roles/", *id));
  cadre::v1::Role role;
  const grpc::Status status = deps.upstream->registry()->GetRole(&context, get, &role);
  if (!status.ok()) {
    RenderUpstreamError(deps, status, request, response);
    return;
  }
  const std::string body_name = BodyDisplayName(deps, request, role.body());
  json view = {
      {"title", role.title()},
      {"summary", Paragraphs(role.summary())},
      {"body_name", body_name},
      {"body_href", BodyPath(role.body())},
      {"has_body_href", !BodyPath(role.body()).empty()},
      {"facts", Facts(role)},
      {"accepting", role.accepting_applications()},
      {"not_accepting", NotAcceptingLabel(role)},
      {"has_reason", !role.accepting_applications() && !role.state_reason().empty()},
      {"reason", role.state_reason()},
      {"apply_href", absl::StrCat(RolePath(role.name()), "/apply")},
      {"closes", DateTimeLabel(FromTimestamp(role.closing_time()))},
  };
  view.update(FiguresView(deps, request, role.body()));
  const PageFrame frame{
      .title = role.title(),
      .section = "search",
      .breadcrumbs = json::array(
          {{{"text", "Home"}, {"href", "/"}}, {{"text", "Find a role"}, {"href", "/search"}}}),
  };
  RenderPage(deps, request, frame, "role", view, response);
}

}  // namespace

void AddRolePage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/roles/([^/]*)", {.name = "role"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeRole(*deps, request, response);
              });
}

}  // namespace cadre::gateway
