#include "services/gateway/domain/person_labels.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"

namespace cadre::gateway {
namespace {

// One decimal place at most, none when whole: 62.5 → "62.5", 70.0 → "70".
std::string Points(double value) {
  std::string text = absl::StrFormat("%.1f", value);
  if (absl::EndsWith(text, ".0")) text.resize(text.size() - 2);
  return text;
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = absl::ascii_toupper(static_cast<unsigned char>(text[0]));
  return text;
}

// A part's name in words: "lived_experience" → "Lived experience".
std::string PartName(absl::string_view part) {
  std::string words(part);
  for (char& c : words) {
    if (c == '_') c = ' ';
  }
  return Capitalised(std::move(words));
}

constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

}  // namespace

std::string SentenceOf(absl::string_view clauses) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(clauses);
  if (trimmed.empty()) return "";
  std::string sentence = Capitalised(std::string(trimmed));
  if (!absl::EndsWith(sentence, ".")) sentence.push_back('.');
  return sentence;
}

std::string ScoreOutOfLabel(const cadre::v1::MatchScore& score) {
  double out_of = 0;
  for (const cadre::v1::ScorePart& part : score.parts()) out_of += part.weight();
  return absl::StrCat(Points(score.total()), " out of ", Points(out_of));
}

std::string ScorePartLabel(const cadre::v1::ScorePart& part) {
  return absl::StrCat(PartName(part.part()), ": ", Points(part.points()), " of ",
                      Points(part.weight()), " points");
}

std::string CivilDateLabel(const cadre::v1::Date& date) {
  if (date.year() == 0 || date.month() < 1 || date.month() > 12) return "";
  // Normalised as the civil calendar does (31 February would be 3 March): the services
  // validate dates, so this only keeps a bad one from indexing past the months.
  const absl::CivilDay day(date.year(), date.month(), date.day());
  return absl::StrCat(day.day(), " ", kMonths[day.month() - 1], " ", day.year());
}

std::string CredentialWhatLabel(absl::string_view kind) {
  return Capitalised(CredentialLabel(kind));
}

bool IsDbsCredential(absl::string_view kind) { return absl::StartsWith(kind, "dbs-"); }

StatusTag CredentialStatusTag(cadre::v1::CredentialStatus status) {
  switch (status) {
    case cadre::v1::CREDENTIAL_STATUS_VALID:
      return {"Valid", "green"};
    case cadre::v1::CREDENTIAL_STATUS_EXPIRED:
      return {"Expired", "grey"};
    case cadre::v1::CREDENTIAL_STATUS_REVOKED:
      return {"Revoked", "red"};
    default:
      return {"Unknown", ""};
  }
}

std::string ForYouUrl(bool include_ineligible, absl::string_view page_token) {
  std::string url = "/for-you";
  absl::string_view separator = "?";
  if (include_ineligible) {
    absl::StrAppend(&url, separator, "all=1");
    separator = "&";
  }
  if (!page_token.empty()) absl::StrAppend(&url, separator, "page=", PercentEncode(page_token));
  return url;
}

}  // namespace cadre::gateway
