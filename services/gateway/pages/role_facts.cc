#include "services/gateway/pages/role_facts.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

json Row(const std::string& key, std::vector<std::string> lines) {
  json values = json::array();
  for (std::string& line : lines) values.push_back({{"text", std::move(line)}});
  // One line is the value itself; more are paragraphs.
  return {{"key", key}, {"lines", values}, {"several", values.size() > 1}};
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

}  // namespace

json RoleFactsView(const cadre::v1::Role& role) {
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

json ParagraphsView(absl::string_view text) {
  json paragraphs = json::array();
  for (absl::string_view p : absl::StrSplit(text, "\n\n", absl::SkipWhitespace())) {
    paragraphs.push_back({{"text", std::string(absl::StripAsciiWhitespace(p))}});
  }
  return paragraphs;
}

}  // namespace cadre::gateway
