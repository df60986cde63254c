// GET /for-you ("Roles for you"): matching's RecommendRoles for the signed-in person,
// best first, a page at a time ("More roles" carries matching's page token). Each role
// says why it is suggested in plain words, its score out of the scoring policy's total
// (with the parts in a details element), and the screening summary. ?all=1 (a GET form's
// checkbox, so no JavaScript is needed) also lists the roles the person is not yet
// eligible for, each with what they lack (the failed screening checks' reasons). The page
// shows suggestions whether or not the person agreed to be sent them: they asked for
// them by opening it. Nothing personal goes into its links: "all" and matching's opaque
// token only.

#include <grpcpp/client_context.h>

#include <string>
#include <vector>

#include "services/gateway/domain/person_labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/body_names.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kForYouPageSize = 10;  // roles a page; matching allows 1-50
// Matching's tokens are a few dozen characters; anything longer is not one of them and
// is refused here without asking (400).
constexpr size_t kMaxPageTokenChars = 256;

json MatchCard(const cadre::v1::RoleMatch& match, const BodyNames& names) {
  const cadre::v1::ScreeningOutcome& screening = match.screening();
  json lacks = json::array();
  for (const cadre::v1::ScreeningCheck& check : screening.checks()) {
    if (!check.passed() && !check.reason().empty()) {
      lacks.push_back({{"text", SentenceOf(check.reason())}});
    }
  }
  json parts = json::array();
  for (const cadre::v1::ScorePart& part : match.score().parts()) {
    const std::string reason = SentenceOf(part.reason());
    parts.push_back(
        {{"text", ScorePartLabel(part)}, {"reason", reason}, {"has_reason", !reason.empty()}});
  }
  const std::string why = SentenceOf(match.why());
  return {
      {"href", RolePath(match.role())},
      {"title", match.title()},
      {"body", BodyNameOf(names, match.body())},
      {"why", why},
      {"has_why", !why.empty()},
      {"score", ScoreOutOfLabel(match.score())},
      {"parts", parts},
      {"has_parts", !parts.empty()},
      {"screening", SentenceOf(screening.summary())},
      {"eligible", screening.eligible()},
      {"lacks", lacks},
      {"has_lacks", !lacks.empty()},
  };
}

json ForYouView(const cadre::v1::RecommendRolesResponse& answer, const BodyNames& names, bool all,
                bool first_page) {
  json matches = json::array();
  int ineligible = 0;
  for (const cadre::v1::RoleMatch& match : answer.matches()) {
    matches.push_back(MatchCard(match, names));
    if (!match.screening().eligible()) ++ineligible;
  }
  json view = {
      {"matches", matches},
      {"has_matches", !matches.empty()},
      {"all", all},
      {"first_page", first_page},
      {"has_ineligible", ineligible > 0},
      {"has_next", !answer.next_page_token().empty()},
      {"first_href", ForYouUrl(all)},
      {"all_href", ForYouUrl(true)},
  };
  if (!answer.next_page_token().empty()) {
    view["next_href"] = ForYouUrl(all, answer.next_page_token());
  }
  return view;
}

void ServeForYou(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  if (!MatchingConfigured(deps, request, response)) return;
  const bool all = request.Query("all") == "1";
  const std::string page_token = request.Query("page");
  if (page_token.size() > kMaxPageTokenChars) {
    RenderErrorPage(deps, 400, request, response);
    return;
  }
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::RecommendRolesRequest recommend;
  recommend.set_page_size(kForYouPageSize);
  recommend.set_page_token(page_token);
  recommend.set_include_ineligible(all);
  cadre::v1::RecommendRolesResponse answer;
  const grpc::Status status =
      deps.upstream->matching()->RecommendRoles(&context, recommend, &answer);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  std::vector<std::string> bodies;
  for (const cadre::v1::RoleMatch& match : answer.matches()) bodies.push_back(match.body());
  // The toggle is a GET form: it changes nothing, so it carries no CSRF token (which
  // would then show in the address).
  const json view =
      ForYouView(answer, LookUpBodyNames(deps, request, bodies), all, page_token.empty());
  const PageFrame frame{.title = "Roles for you", .section = "for-you", .account = &*account};
  RenderPage(deps, request, frame, "for_you", view, response);
}

}  // namespace

void AddForYouPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/for-you", {.name = "for_you"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeForYou(*deps, request, response);
              });
}

}  // namespace cadre::gateway
