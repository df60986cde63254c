// GET /profile: everything the person has told Cadre, as a summary list with a "Change"
// link to the field on /profile/edit, their email and consent, and the ways to manage
// their account: equality monitoring, email, password, downloading their data (a POST
// form: data_download_page.cc says why), deleting the account. "?done=<word>" shows the
// success banner of the change just made; it carries no personal data.

#include <grpcpp/client_context.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/gateway/domain/equality_form.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/profile_form.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/profile_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

// The success banner after each change (the word is SeeOther's "?done=").
std::string DoneText(const std::string& done) {
  static const std::map<std::string, std::string> kDone = {
      {"saved", "Your profile has been saved."},
      {"equality", "Your equality monitoring answers have been saved."},
      {"equality-removed", "Your equality monitoring answers have been removed."},
      {"email", "Your email address has been changed. Use it to sign in from now on."},
      {"password", "Your password has been changed. You have been signed out everywhere else."},
  };
  const auto it = kDone.find(done);
  return it == kDone.end() ? "" : it->second;
}

// A summary list row; `anchor` is the field on /profile/edit its Change link goes to.
json Row(const std::string& key, const std::vector<std::string>& lines, const std::string& href,
         const std::string& hidden) {
  json values = json::array();
  for (const std::string& line : lines) values.push_back({{"text", line}});
  return {{"key", key},
          {"lines", values},
          {"several", values.size() > 1},
          {"has_href", !href.empty()},
          {"href", href},
          {"hidden", hidden}};
}

std::string Edit(const std::string& field) { return absl::StrCat("/profile/edit#", field); }

std::vector<std::string> InterestLines(const cadre::v1::Profile& p) {
  std::vector<std::string> lines;
  for (const cadre::v1::DeclaredInterest& interest : p.declared_interests()) {
    std::string line =
        absl::StrCat(BodyCode(interest.body()), ": ", InterestKindLabel(interest.kind()));
    if (!interest.note().empty()) absl::StrAppend(&line, " (", interest.note(), ")");
    lines.push_back(std::move(line));
  }
  if (lines.empty()) lines.push_back("None declared");
  return lines;
}

std::vector<std::string> NoteLines(const std::string& note) {
  std::vector<std::string> lines = absl::StrSplit(note, '\n', absl::SkipWhitespace());
  if (lines.empty()) lines.push_back("None given");
  return lines;
}

json ProfileRows(const cadre::v1::Applicant& applicant) {
  const cadre::v1::Profile& p = applicant.profile();
  json rows = json::array();
  rows.push_back(Row("Name", {p.display_name()}, Edit("display_name"), "name"));
  rows.push_back(Row("Date of birth",
                     {CalendarDateLabel(p.date_of_birth()),
                      "Organisations only see whether you meet a role's "
                      "minimum age"},
                     Edit("date_of_birth-day"), "date of birth"));
  rows.push_back(Row("Region", {RegionLabel(p.region())}, Edit("region"), "region"));
  rows.push_back(Row("Lived experience", {TagListLabel(p.lived_experience(), "None given")},
                     Edit("lived_experience"), "lived experience"));
  rows.push_back(Row("Skills", {TagListLabel(p.skills(), "None given")}, Edit("skills"), "skills"));
  rows.push_back(Row("Expertise", {TagListLabel(p.expertise(), "None given")}, Edit("expertise"),
                     "expertise"));
  rows.push_back(
      Row("Time you can give",
          {CountLabel(p.availability_hours_per_month(), "hour a month", "hours a month")},
          Edit("availability_hours_per_month"), "time you can give"));
  rows.push_back(
      Row("Roles at once",
          {absl::StrCat("Up to ", CountLabel(p.max_concurrent_roles(), "role", "roles"))},
          Edit("max_concurrent_roles"), "roles at once"));
  rows.push_back(Row("Access needs", {TagListLabel(p.access_needs(), "None given")},
                     Edit("access_needs"), "access needs"));
  rows.push_back(Row("Access needs in your own words", NoteLines(p.access_needs_note()),
                     Edit("access_needs_note"), "access needs in your own words"));
  rows.push_back(Row("How you want to take part", {AttendanceLabel(p.attendance())},
                     Edit("attendance"), "how you want to take part"));
  rows.push_back(
      Row("Declared interests", InterestLines(p), Edit("interests"), "declared interests"));
  rows.push_back(Row("Role suggestions",
                     {applicant.consent().role_suggestions_agreed()
                          ? "Yes: organisations may tell you about roles that match your profile"
                          : "No"},
                     Edit("role_suggestions"), "role suggestions"));
  return rows;
}

// "3 of 8 questions answered", or "" when matching cannot say just now.
std::string EqualitySummary(const PageDeps& deps, const HttpRequest& request,
                            const Account& account) {
  grpc::ClientContext context;
  PrepareContext(deps, request, account, &context);
  cadre::v1::EqualityMonitoring monitoring;
  if (!deps.upstream->matching()
           ->GetMyEqualityMonitoring(&context, cadre::v1::GetMyEqualityMonitoringRequest(),
                                     &monitoring)
           .ok()) {
    return "";
  }
  const int answered = EqualityAnswered(monitoring);
  if (answered == 0) return "You have not answered any questions";
  return absl::StrCat(answered, " of ", EqualityQuestionCount(), " questions answered");
}

void ServeProfile(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  cadre::v1::Applicant applicant;
  const grpc::Status status = GetMyApplicant(deps, request, *account, &applicant);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  const std::string done = DoneText(request.Query("done"));
  const std::string equality = EqualitySummary(deps, request, *account);
  const json view = {
      {"csrf", account->csrf},
      {"has_done", !done.empty()},
      {"done", done},
      {"rows", ProfileRows(applicant)},
      {"email", applicant.email()},
      {"has_equality_summary", !equality.empty()},
      {"equality_summary", equality},
  };
  RenderPage(deps, request, ProfileFrame("Your profile", *account, false, false), "profile", view,
             response);
}

}  // namespace

void AddProfilePage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/profile", {.name = "profile"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeProfile(*deps, request, response);
              });
}

}  // namespace cadre::gateway
