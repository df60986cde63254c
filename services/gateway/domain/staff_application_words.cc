#include "services/gateway/domain/staff_application_words.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

namespace v1 = cadre::v1;

const absl::TimeZone& London() {
  static const absl::TimeZone* const zone = [] {
    auto* z = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/London", z)) *z = absl::UTCTimeZone();
    return z;
  }();
  return *zone;
}

// A whole number typed into a field; false for anything else ("", "4.5", "ten").
bool ParseWhole(absl::string_view typed, int* out) {
  const absl::string_view t = absl::StripAsciiWhitespace(typed);
  if (t.empty() || t.size() > 6 || !std::all_of(t.begin(), t.end(), absl::ascii_isdigit)) {
    return false;
  }
  return absl::SimpleAtoi(t, out);
}

// Matching takes a reply-by up to 60 days ahead: the end of the 59th day is always within.
constexpr int kLongestReplyDays = 59;

struct Move {
  v1::ApplicationState to;
  const char* word;
  const char* done;
};
constexpr Move kMoves[] = {
    {v1::APPLICATION_STATE_ACKNOWLEDGED, "acknowledged", "The application has been acknowledged."},
    {v1::APPLICATION_STATE_SHORTLISTED, "shortlisted", "The applicant has been shortlisted."},
    {v1::APPLICATION_STATE_OFFERED, "offered",
     "The applicant has been offered the role. They accept or decline by the reply-by date."},
    {v1::APPLICATION_STATE_UNSUCCESSFUL, "unsuccessful",
     "The application has been turned down. The applicant sees the reason you gave."},
};

struct Reason {
  v1::UnsuccessfulReason reason;
  const char* word;
};
constexpr Reason kReasons[] = {
    {v1::UNSUCCESSFUL_REASON_NOT_SHORTLISTED, "not-shortlisted"},
    {v1::UNSUCCESSFUL_REASON_NOT_SELECTED, "not-selected"},
    {v1::UNSUCCESSFUL_REASON_REQUIREMENTS_NOT_MET, "requirements-not-met"},
    {v1::UNSUCCESSFUL_REASON_NO_DECISION_MADE, "no-decision-made"},
};

}  // namespace

std::vector<AwaitingCount> AwaitingCounts(const v1::RankApplicantsResponse& counts) {
  return {
      {"Awaiting acknowledgement", counts.awaiting_acknowledgement()},
      {"Acknowledged, awaiting shortlisting", counts.awaiting_shortlisting()},
      {"Shortlisted, awaiting an offer", counts.awaiting_offer()},
      {"Offered, awaiting a reply", counts.awaiting_reply()},
  };
}

bool AcknowledgementOverdue(const v1::Application& application, absl::Time now) {
  if (application.state() != v1::APPLICATION_STATE_SUBMITTED) return false;
  if (application.overdue()) return true;
  return application.has_acknowledge_by_time() &&
         FromTimestamp(application.acknowledge_by_time()) < now;
}

std::string AcknowledgementDueLabel(const v1::Application& application) {
  if (!application.has_acknowledge_by_time()) return "";
  return absl::StrCat("Due ", DateLabel(FromTimestamp(application.acknowledge_by_time())));
}

std::string StaffNextStepLabel(const v1::Application& application) {
  switch (application.state()) {
    case v1::APPLICATION_STATE_SUBMITTED:
      return "Acknowledge the application";
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      return "Decide whether to shortlist";
    case v1::APPLICATION_STATE_SHORTLISTED:
      return "Decide whether to make an offer";
    case v1::APPLICATION_STATE_OFFERED:
      if (!application.has_reply_by_time()) return "The applicant accepts or declines";
      return absl::StrCat("The applicant accepts or declines by ",
                          DateLabel(FromTimestamp(application.reply_by_time())));
    default:
      return "None: the application is closed";
  }
}

std::vector<v1::ApplicationState> BodyMovesFrom(v1::ApplicationState from) {
  switch (from) {
    case v1::APPLICATION_STATE_SUBMITTED:
      return {v1::APPLICATION_STATE_ACKNOWLEDGED, v1::APPLICATION_STATE_SHORTLISTED,
              v1::APPLICATION_STATE_UNSUCCESSFUL};
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      return {v1::APPLICATION_STATE_SHORTLISTED, v1::APPLICATION_STATE_UNSUCCESSFUL};
    case v1::APPLICATION_STATE_SHORTLISTED:
      return {v1::APPLICATION_STATE_OFFERED, v1::APPLICATION_STATE_UNSUCCESSFUL};
    default:
      return {};
  }
}

std::string MoveWord(v1::ApplicationState to) {
  for (const Move& move : kMoves) {
    if (move.to == to) return move.word;
  }
  return "";
}

v1::ApplicationState MoveFromWord(absl::string_view word) {
  for (const Move& move : kMoves) {
    if (word == move.word) return move.to;
  }
  return v1::APPLICATION_STATE_UNSPECIFIED;
}

const std::vector<v1::UnsuccessfulReason>& BodyTurnDownReasons() {
  static const std::vector<v1::UnsuccessfulReason> kAll = [] {
    std::vector<v1::UnsuccessfulReason> all;
    for (const Reason& r : kReasons) all.push_back(r.reason);
    return all;
  }();
  return kAll;
}

std::string ReasonWord(v1::UnsuccessfulReason reason) {
  for (const Reason& r : kReasons) {
    if (r.reason == reason) return r.word;
  }
  return "";
}

v1::UnsuccessfulReason ReasonFromWord(absl::string_view word) {
  for (const Reason& r : kReasons) {
    if (word == r.word) return r.reason;
  }
  return v1::UNSUCCESSFUL_REASON_UNSPECIFIED;
}

std::string MoveDoneText(absl::string_view done) {
  for (const Move& move : kMoves) {
    if (done == move.word) return move.done;
  }
  return "";
}

ReplyBy ParseReplyBy(absl::string_view day, absl::string_view month, absl::string_view year,
                     absl::Time now) {
  ReplyBy out;
  auto fail = [&out](const char* field, const char* error) {
    out.field = field;
    out.error = error;
    return out;
  };
  const bool blank = absl::StripAsciiWhitespace(day).empty() &&
                     absl::StripAsciiWhitespace(month).empty() &&
                     absl::StripAsciiWhitespace(year).empty();
  if (blank) return fail("reply_by-day", "Enter the date to reply by");
  int d = 0, m = 0, y = 0;
  const bool day_ok = ParseWhole(day, &d) && d >= 1 && d <= 31;
  const bool month_ok = ParseWhole(month, &m) && m >= 1 && m <= 12;
  const bool year_ok = ParseWhole(year, &y) && y >= 2000 && y <= 9999;
  const absl::CivilDay civil(y, m, d);
  constexpr char kReal[] =
      "The date to reply by must be a real date, for example 31 3 2027 (the year in 4 digits)";
  if (!day_ok) return fail("reply_by-day", kReal);
  if (!month_ok) return fail("reply_by-month", kReal);
  if (!year_ok) return fail("reply_by-year", kReal);
  if (civil.day() != d || civil.month() != m) return fail("reply_by-day", kReal);
  const absl::CivilDay today = absl::ToCivilDay(now, London());
  if (civil <= today) return fail("reply_by-day", "The date to reply by must be in the future");
  if (civil - today > kLongestReplyDays) {
    return fail("reply_by-day", "The date to reply by must be no more than 59 days from today");
  }
  out.time = absl::FromCivil(absl::CivilMinute(y, m, d, 23, 59), London());
  return out;
}

ReplyByFields DefaultReplyBy(absl::Time now) {
  const absl::CivilDay at = absl::ToCivilDay(now, London()) + 14;
  return {absl::StrCat(at.day()), absl::StrCat(at.month()), absl::StrCat(at.year())};
}

}  // namespace cadre::gateway
