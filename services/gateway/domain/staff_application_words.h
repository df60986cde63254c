#pragma once

// Plain words and small rules for the staff pages of a role's applicants and of one
// application (issue 10): how many applications await each step, whether an
// acknowledgement is overdue and when it was due, the moves a body may make from each
// state (matching's table decides; this only chooses the forms shown), the words of the
// move forms' "to" field, the banners after a move, and the reply-by date of an offer as
// typed in its day, month and year fields. Pure: no gRPC.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::gateway {

// One row of "awaiting each step": its words and how many.
struct AwaitingCount {
  std::string label;  // "Awaiting acknowledgement"
  int count = 0;
};
// The four steps of RankApplicantsResponse's counts, in the order applications meet them.
std::vector<AwaitingCount> AwaitingCounts(const cadre::v1::RankApplicantsResponse& counts);

// Still SUBMITTED when its acknowledge_by_time has passed as of `now` (or matching said
// it is overdue).
bool AcknowledgementOverdue(const cadre::v1::Application& application, absl::Time now);
// "Due 9 November 2026": when the acknowledgement was due ("" without a due time).
std::string AcknowledgementDueLabel(const cadre::v1::Application& application);

// The next step as the body's staff read it: "Acknowledge the application", "Decide
// whether to shortlist", "Decide whether to make an offer", "The applicant accepts or
// declines by 16 November 2026"; "None: the application is closed" once it stops moving.
std::string StaffNextStepLabel(const cadre::v1::Application& application);

// The states a body may move an application on to from `from`, in the order the page
// offers them: SUBMITTED → acknowledged, shortlisted, unsuccessful; ACKNOWLEDGED →
// shortlisted, unsuccessful; SHORTLISTED → offered, unsuccessful; none from any other.
std::vector<cadre::v1::ApplicationState> BodyMovesFrom(cadre::v1::ApplicationState from);

// The move forms' "to" values: "acknowledged", "shortlisted", "offered", "unsuccessful";
// and back (UNSPECIFIED for any other word, and for a state a body never moves to).
std::string MoveWord(cadre::v1::ApplicationState to);
cadre::v1::ApplicationState MoveFromWord(absl::string_view word);

// The reasons a body gives for turning an application down, in the form's order, and
// the words of the reason select's values ("not-shortlisted"...) and back.
const std::vector<cadre::v1::UnsuccessfulReason>& BodyTurnDownReasons();
std::string ReasonWord(cadre::v1::UnsuccessfulReason reason);
cadre::v1::UnsuccessfulReason ReasonFromWord(absl::string_view word);

// The banner after a move ("?done=<MoveWord>"): "The application has been acknowledged.";
// "" for a word that is not one of ours.
std::string MoveDoneText(absl::string_view done);

// The reply-by date of an offer as typed: the end of that day (23:59) in London. On
// error, `field` names the field to fix ("reply_by-day", "reply_by-month" or
// "reply_by-year") and `error` says what is wrong; an offer replies from tomorrow to 59
// days after `now` (matching takes up to 60 days ahead).
struct ReplyBy {
  absl::Time time = absl::InfinitePast();
  std::string field;  // "" when it parsed
  std::string error;
  bool ok() const { return field.empty(); }
};
ReplyBy ParseReplyBy(absl::string_view day, absl::string_view month, absl::string_view year,
                     absl::Time now);

// What the reply-by fields hold before anything is typed: 14 days after `now` (matching's
// default), in London.
struct ReplyByFields {
  std::string day, month, year;
};
ReplyByFields DefaultReplyBy(absl::Time now);

}  // namespace cadre::gateway
