#include "services/gateway/pages/application_views.h"

#include <openssl/rand.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"

namespace cadre::gateway {

using nlohmann::json;

std::string ApplicationPath(absl::string_view name) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, "applications/")) absl::ConsumePrefix(&id, "placements/");
  return absl::StrCat("/applications/", id);
}

std::string NewApplicationRequestId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    // The system's random source failing is no state to make ids in.
    std::abort();
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
}

json ScreeningView(const cadre::v1::ScreeningOutcome& screening) {
  json passed = json::array();
  json failed = json::array();
  for (const cadre::v1::ScreeningCheck& check : screening.checks()) {
    const std::string text = Sentence(check.reason().empty() ? check.check() : check.reason());
    (check.passed() ? passed : failed).push_back({{"text", text}});
  }
  std::string summary = Sentence(screening.summary());
  if (summary.empty()) {
    summary =
        absl::StrCat("You meet ", screening.passed(), " of ", screening.total(), " requirements");
  }
  return {
      {"summary", summary}, {"eligible", screening.eligible()}, {"passed", passed},
      {"failed", failed},   {"has_passed", !passed.empty()},    {"has_failed", !failed.empty()}};
}

json ScoreView(const cadre::v1::MatchScore& score) {
  json parts = json::array();
  for (const cadre::v1::ScorePart& part : score.parts()) {
    parts.push_back({{"label", ScorePartLabel(part.part())},
                     {"points", PointsLabel(part.points())},
                     {"weight", PointsLabel(part.weight())},
                     {"reason", Sentence(part.reason())}});
  }
  return {{"total", PointsLabel(score.total())}, {"parts", parts}, {"has_parts", !parts.empty()}};
}

json StateTagView(cadre::v1::ApplicationState state) {
  return {{"state", ApplicationStateLabel(state)}, {"tag_class", ApplicationStateTagClass(state)}};
}

json ApplicationSummaryView(const cadre::v1::Application& application, const std::string& body_name,
                            absl::Time now) {
  const cadre::v1::NextStep& next = application.next_step();
  const bool offered = application.state() == cadre::v1::APPLICATION_STATE_OFFERED;
  const absl::Time reply_by = FromTimestamp(application.reply_by_time());
  const bool unsuccessful = application.state() == cadre::v1::APPLICATION_STATE_UNSUCCESSFUL;
  json view = {
      {"title", application.role_title()},
      {"href", ApplicationPath(application.name())},
      {"role_href", RolePath(application.role())},
      {"body_name", body_name},
      {"has_next_step", !next.text().empty()},
      {"next_step", Sentence(next.text())},
      {"next_owner", PartyLabel(next.owner())},
      {"has_next_owner", next.owner() != cadre::v1::PARTY_UNSPECIFIED},
      {"has_due", next.has_due_time()},
      {"due", next.has_due_time() ? DateTimeLabel(FromTimestamp(next.due_time())) : ""},
      {"overdue", application.overdue()},
      {"unsuccessful", unsuccessful},
      {"reason", unsuccessful ? UnsuccessfulReasonLabel(application.unsuccessful_reason()) : ""},
      {"offered", offered},
      {"reply_by", offered ? DateTimeLabel(reply_by) : ""},
      {"can_reply", offered && now < reply_by},
      {"live", IsLiveApplication(application.state())},
      {"submitted",
       application.has_submit_time() ? DateLabel(FromTimestamp(application.submit_time())) : ""},
  };
  view.update(StateTagView(application.state()));
  return view;
}

json DoneView(const HttpRequest& request) {
  const DoneBanner banner = DoneBannerFor(request.Query("done"));
  return {{"has_done", !banner.text.empty()},
          {"done_text", banner.text},
          {"done_success", banner.success}};
}

BodyNames LookUpBodyNamesOf(const PageDeps& deps, const HttpRequest& request,
                            const std::vector<std::string>& bodies) {
  // LookUpBodyNames reads only each role's body.
  google::protobuf::RepeatedPtrField<cadre::v1::Role> roles;
  for (const std::string& body : bodies) roles.Add()->set_body(body);
  if (deps.upstream->registry() == nullptr || roles.empty()) return {};
  return LookUpBodyNames(deps, request, roles);
}

json Paragraphs(absl::string_view text) {
  json paragraphs = json::array();
  for (absl::string_view p : absl::StrSplit(text, absl::ByAnyChar("\n"), absl::SkipWhitespace())) {
    paragraphs.push_back({{"text", std::string(absl::StripAsciiWhitespace(p))}});
  }
  return paragraphs;
}

json ErrorSummaryView(const std::string& href, const std::string& text) {
  return {{"has_errors", true}, {"errors", json::array({{{"href", href}, {"text", text}}})}};
}

}  // namespace cadre::gateway
