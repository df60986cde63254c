#include "services/matching/domain/application_moves.h"

#include "absl/strings/str_cat.h"
#include "services/common/base/errors.h"

namespace cadre::matching {
namespace {

using cadre::v1::ApplicationState;
using cadre::v1::UnsuccessfulReason;
namespace v1 = cadre::v1;

bool IsOneOf(ApplicationState s, std::initializer_list<ApplicationState> states) {
  for (ApplicationState candidate : states) {
    if (s == candidate) return true;
  }
  return false;
}

// Whether the table has the move for `by` (an admin may make any of the others').
bool Allowed(ApplicationState from, ApplicationState to, Party by) {
  const bool undecided =
      IsOneOf(from, {v1::APPLICATION_STATE_SUBMITTED, v1::APPLICATION_STATE_ACKNOWLEDGED,
                     v1::APPLICATION_STATE_SHORTLISTED});
  const bool live = undecided || from == v1::APPLICATION_STATE_OFFERED;
  const bool body =
      (from == v1::APPLICATION_STATE_SUBMITTED && to == v1::APPLICATION_STATE_ACKNOWLEDGED) ||
      (IsOneOf(from, {v1::APPLICATION_STATE_SUBMITTED, v1::APPLICATION_STATE_ACKNOWLEDGED}) &&
       to == v1::APPLICATION_STATE_SHORTLISTED) ||
      (from == v1::APPLICATION_STATE_SHORTLISTED && to == v1::APPLICATION_STATE_OFFERED) ||
      (undecided && to == v1::APPLICATION_STATE_UNSUCCESSFUL);
  const bool applicant =
      (live && to == v1::APPLICATION_STATE_WITHDRAWN) ||
      (from == v1::APPLICATION_STATE_OFFERED &&
       IsOneOf(to, {v1::APPLICATION_STATE_ACCEPTED, v1::APPLICATION_STATE_DECLINED}));
  const bool clock =
      from == v1::APPLICATION_STATE_OFFERED && to == v1::APPLICATION_STATE_UNSUCCESSFUL;
  const bool matching = live && to == v1::APPLICATION_STATE_UNSUCCESSFUL;
  switch (by) {
    case Party::kBody:
      return body;
    case Party::kApplicant:
      return applicant;
    case Party::kClock:
      return clock;
    case Party::kMatching:
      return matching;
    case Party::kAdmin:
      return body || applicant || clock || matching;
  }
  return false;
}

bool IsRoleEnding(UnsuccessfulReason r) {
  return r == v1::UNSUCCESSFUL_REASON_ROLE_FILLED || r == v1::UNSUCCESSFUL_REASON_ROLE_CLOSED ||
         r == v1::UNSUCCESSFUL_REASON_ROLE_CANCELLED;
}

// The reasons each party gives; an admin any of them.
absl::Status CheckReason(UnsuccessfulReason reason, Party by) {
  if (reason == v1::UNSUCCESSFUL_REASON_UNSPECIFIED || !v1::UnsuccessfulReason_IsValid(reason)) {
    return InvalidField("reason", "is required when an application becomes unsuccessful");
  }
  switch (by) {
    case Party::kClock:
      if (reason != v1::UNSUCCESSFUL_REASON_OFFER_LAPSED) {
        return InvalidField("reason", "the clock only lapses offers");
      }
      return absl::OkStatus();
    case Party::kMatching:
      if (!IsRoleEnding(reason)) {
        return InvalidField("reason", "matching answers only for a role that ended");
      }
      return absl::OkStatus();
    case Party::kBody:
      if (reason == v1::UNSUCCESSFUL_REASON_OFFER_LAPSED || IsRoleEnding(reason)) {
        return InvalidField("reason",
                            "a body gives not shortlisted, not selected, requirements not met "
                            "or no decision made; closing, filling or cancelling the role "
                            "answers its applications by itself");
      }
      return absl::OkStatus();
    case Party::kApplicant:
    case Party::kAdmin:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace

absl::string_view StateWord(ApplicationState state) {
  switch (state) {
    case v1::APPLICATION_STATE_SUBMITTED:
      return "submitted";
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      return "acknowledged";
    case v1::APPLICATION_STATE_SHORTLISTED:
      return "shortlisted";
    case v1::APPLICATION_STATE_OFFERED:
      return "offered";
    case v1::APPLICATION_STATE_ACCEPTED:
      return "accepted";
    case v1::APPLICATION_STATE_DECLINED:
      return "declined";
    case v1::APPLICATION_STATE_WITHDRAWN:
      return "withdrawn";
    case v1::APPLICATION_STATE_UNSUCCESSFUL:
      return "unsuccessful";
    default:
      return "in no known state";
  }
}

bool IsLive(ApplicationState state) {
  return IsOneOf(state, {v1::APPLICATION_STATE_SUBMITTED, v1::APPLICATION_STATE_ACKNOWLEDGED,
                         v1::APPLICATION_STATE_SHORTLISTED, v1::APPLICATION_STATE_OFFERED});
}

absl::Status CheckMove(ApplicationState from, ApplicationState to, UnsuccessfulReason reason,
                       Party by, absl::string_view name) {
  if (!Allowed(from, to, by)) {
    return absl::FailedPreconditionError(
        absl::StrCat(Echo(name), " is ", StateWord(from), " and cannot become ", StateWord(to)));
  }
  if (to == v1::APPLICATION_STATE_UNSUCCESSFUL) return CheckReason(reason, by);
  if (reason != v1::UNSUCCESSFUL_REASON_UNSPECIFIED) {
    return InvalidField("reason", "is given only when an application becomes unsuccessful");
  }
  return absl::OkStatus();
}

bool AcknowledgesFirst(ApplicationState from, ApplicationState to) {
  return from == v1::APPLICATION_STATE_SUBMITTED &&
         IsOneOf(to, {v1::APPLICATION_STATE_SHORTLISTED, v1::APPLICATION_STATE_UNSUCCESSFUL});
}

NextStep NextStepOf(ApplicationState state) {
  switch (state) {
    case v1::APPLICATION_STATE_SUBMITTED:
      return {true, Party::kBody, "the body acknowledges your application"};
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      return {true, Party::kBody, "the body decides whether to shortlist you"};
    case v1::APPLICATION_STATE_SHORTLISTED:
      return {true, Party::kBody, "the body decides whether to offer you the role"};
    case v1::APPLICATION_STATE_OFFERED:
      return {true, Party::kApplicant, "you accept or decline the offer before it lapses"};
    default:
      return {};
  }
}

}  // namespace cadre::matching
