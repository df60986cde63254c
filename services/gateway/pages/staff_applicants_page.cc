// GET /staff/roles/{id}/applicants: a role's applicants for its body's staff, ranked by
// matching (RankApplicants: eligible first, then by score, then earliest), each with the
// parts of their score and the screening outcome in words, the state of their
// application, the next step and a link to it (/staff/applications/{id}). Above them,
// how many of the role's applications await each step (RankApplicants counts them as it
// ranks: one call for both). An acknowledgement not made in time stands out: a tag
// "Overdue" with the date it was due (words, not colour alone). `?page=<token>` pages
// through matching's ranking. Another body's role is 403 (the registry's answer and
// matching's).

#include <grpcpp/client_context.h>

#include <optional>

#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/person_labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/domain/staff_application_words.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"
#include "services/gateway/pages/staff_role_views.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kApplicantsPageSize = 50;  // matching allows 1–100
// Matching's page tokens are a few dozen characters: a longer one is none of them.
constexpr size_t kMaxPageTokenChars = 256;

std::string IdOf(absl::string_view name) {
  const size_t slash = name.rfind('/');
  return std::string(slash == absl::string_view::npos ? name : name.substr(slash + 1));
}

json ApplicantRow(const cadre::v1::ApplicantMatch& match, absl::Time now, int rank) {
  const cadre::v1::Application& app = match.application();
  json parts = json::array();
  for (const cadre::v1::ScorePart& part : match.score().parts()) {
    const std::string reason = SentenceOf(part.reason());
    parts.push_back(
        {{"text", ScorePartLabel(part)}, {"reason", reason}, {"has_reason", !reason.empty()}});
  }
  json lacks = json::array();
  for (const cadre::v1::ScreeningCheck& check : match.screening().checks()) {
    if (!check.passed() && !check.reason().empty()) {
      lacks.push_back({{"text", SentenceOf(check.reason())}});
    }
  }
  const bool overdue = AcknowledgementOverdue(app, now);
  json row = {
      {"rank", rank},
      {"name", match.display_name().empty() ? "Applicant" : match.display_name()},
      {"href", absl::StrCat("/staff/applications/", IdOf(app.name()))},
      {"submitted", app.has_submit_time() ? DateLabel(FromTimestamp(app.submit_time())) : ""},
      {"score", ScoreOutOfLabel(match.score())},
      {"parts", parts},
      {"has_parts", !parts.empty()},
      {"eligible", match.screening().eligible()},
      {"screening", SentenceOf(match.screening().summary())},
      {"lacks", lacks},
      {"has_lacks", !lacks.empty()},
      {"next_step", StaffNextStepLabel(app)},
      {"overdue", overdue},
      {"due", overdue ? AcknowledgementDueLabel(app) : ""},
  };
  row.update(StateTagView(app.state()));
  return row;
}

json AwaitingRows(const cadre::v1::RankApplicantsResponse& counts) {
  json rows = json::array();
  for (const AwaitingCount& count : AwaitingCounts(counts)) {
    rows.push_back({{"key", count.label}, {"value", count.count}});
  }
  return rows;
}

void ServeApplicants(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffRoleIdOf(request);
  const std::string page_token = request.Query("page");
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (page_token.size() > kMaxPageTokenChars) {
    RenderErrorPage(deps, 400, request, response);
    return;
  }
  if (!StaffRegistryConfigured(deps, request, response)) return;
  if (!MatchingConfigured(deps, request, response)) return;
  cadre::v1::Role role;
  grpc::Status status = GetBodyRole(deps, request, *staff, id, &role);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  cadre::v1::RankApplicantsResponse ranked;
  {
    grpc::ClientContext context;
    PrepareStaffContext(deps, request, *staff, &context);
    cadre::v1::RankApplicantsRequest rank;
    rank.set_role(role.name());
    rank.set_page_size(kApplicantsPageSize);
    rank.set_page_token(page_token);
    status = deps.upstream->matching()->RankApplicants(&context, rank, &ranked);
  }
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  const absl::Time now = deps.clock->Now();
  json rows = json::array();
  int overdue_shown = 0;
  for (const cadre::v1::ApplicantMatch& match : ranked.applicants()) {
    rows.push_back(ApplicantRow(match, now, static_cast<int>(rows.size()) + 1));
    if (rows.back()["overdue"].get<bool>()) ++overdue_shown;
  }
  const std::string path = absl::StrCat(StaffRolePath(id), "/applicants");
  const json view = {
      {"staff", StaffView(*staff)},
      {"title", role.title()},
      {"role_href", StaffRolePath(id)},
      {"state", RoleStateLabel(role.state())},
      {"awaiting", AwaitingRows(ranked)},
      {"overdue", ranked.overdue()},
      {"has_overdue", ranked.overdue() > 0},
      {"overdue_text", CountLabel(ranked.overdue(), "application is", "applications are")},
      {"applicants", rows},
      {"has_applicants", !rows.empty()},
      {"ranked_text", CountLabel(ranked.total(), "live application", "live applications")},
      {"first_page", page_token.empty()},
      {"has_next", !ranked.next_page_token().empty()},
      {"next_href", absl::StrCat(path, "?page=", PercentEncode(ranked.next_page_token()))},
      {"first_href", path},
  };
  RenderPage(deps, request,
             StaffRolesFrame(absl::StrCat("Applicants: ", role.title()), *staff, false,
                             role.title(), StaffRolePath(id)),
             "staff_applicants", view, response);
}

}  // namespace

void AddStaffApplicantsPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/roles/([0-9]+)/applicants", {.name = "staff-applicants"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeApplicants(*deps, request, response);
              });
}

}  // namespace cadre::gateway
