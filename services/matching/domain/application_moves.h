#pragma once

// The legal moves of an application, each by the party named, and nothing else (issue 7):
//
//   submitted → acknowledged                                   the body
//   acknowledged → shortlisted                                 the body
//   submitted → shortlisted | unsuccessful                     the body, acknowledging it
//                                                              first (both times recorded)
//   shortlisted → offered (with a reply-by time)               the body
//   submitted | acknowledged | shortlisted → unsuccessful      the body, with a reason
//   submitted | acknowledged | shortlisted | offered → withdrawn     the applicant
//   offered → accepted | declined                              the applicant
//   offered → unsuccessful ("offer lapsed")                    the clock, at reply-by
//   submitted | acknowledged | shortlisted | offered → unsuccessful  matching itself, when
//                                                              the role closes, fills or is
//                                                              cancelled (that reason)
//   an admin may make any of these, and nothing else.
//
// Any other move is FAILED_PRECONDITION naming both states. Pure.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cadre/v1/matching.pb.h"

namespace cadre::matching {

// Who makes a move.
enum class Party { kApplicant, kBody, kClock, kMatching, kAdmin };

// "submitted", "offered", ...: the state as a person reads it.
absl::string_view StateWord(cadre::v1::ApplicationState state);

// Whether the application can still move (not accepted, declined, withdrawn, unsuccessful).
bool IsLive(cadre::v1::ApplicationState state);

// OK if `by` may move an application from `from` to `to` with `reason` (only for
// unsuccessful, required then): FAILED_PRECONDITION "<name> is <from> and cannot become
// <to>" for a move the table does not have (or not by that party), INVALID_ARGUMENT
// "reason: ..." for a reason missing or not the party's to give.
absl::Status CheckMove(cadre::v1::ApplicationState from, cadre::v1::ApplicationState to,
                       cadre::v1::UnsuccessfulReason reason, Party by, absl::string_view name);

// Whether the move acknowledges the application first (a body shortlisting or turning down
// one it has not acknowledged): the acknowledgement time is recorded too.
bool AcknowledgesFirst(cadre::v1::ApplicationState from, cadre::v1::ApplicationState to);

// What happens next and who owes it, for "time to answer is visible".
struct NextStep {
  bool any = false;            // false for an application that can no longer move
  Party owner = Party::kBody;  // who owes the next step
  std::string text;            // "the body acknowledges your application"
};
NextStep NextStepOf(cadre::v1::ApplicationState state);

}  // namespace cadre::matching
