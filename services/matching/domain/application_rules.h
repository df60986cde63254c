#pragma once

// What callers send about applications and placements, checked field by field, and the
// pure changes to the records: a move's new state and times, a placement begun from an
// accepted offer, and what an answer shows as of now (the acknowledgement deadline,
// whether it is overdue, what happens next). Who may make a move is application_moves.h;
// this file assumes the move was allowed.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"
#include "services/matching/domain/application_moves.h"
#include "services/matching/domain/screening.h"

namespace cadre::matching {

// role ("roles/{id}"), statement (1–kMaxStatement characters), request_id.
absl::Status ValidateSubmit(const cadre::v1::SubmitApplicationRequest& request);

// name, state (a target some party may move to), reason (a known value, only for
// UNSUCCESSFUL), note (up to kMaxApplicationNote, only for OFFERED or UNSUCCESSFUL),
// reply_by_time (only for OFFERED; a valid timestamp). Party-specific rules are CheckMove's;
// the reply-by window is ReplyByFor's.
absl::Status ValidateMove(const cadre::v1::MoveApplicationRequest& request);

// The reply-by time of an offer made at `now`: the request's, which must be between
// kMinReplyByMinutes and kMaxReplyByDays ahead (INVALID_ARGUMENT "reply_by_time: ..."),
// or kDefaultReplyByDays ahead when unset.
absl::StatusOr<absl::Time> ReplyByFor(const cadre::v1::MoveApplicationRequest& request,
                                      absl::Time now);

// A new application, SUBMITTED at `now`, for `role`, with its screening.
cadre::v1::Application NewApplication(const std::string& id, const std::string& applicant_id,
                                      const cadre::v1::Role& role, const std::string& statement,
                                      const Screening& screening, absl::Time now);

// The move's changes to `app` (state, the times it records, reason, note, reply-by),
// made at `now`. A body shortlisting or turning down an application it has not yet
// acknowledged also records the acknowledgement (AcknowledgesFirst). Leaving OFFERED
// clears nothing: the offer's times stay on the record.
struct MoveSpec {
  cadre::v1::ApplicationState to = cadre::v1::APPLICATION_STATE_UNSPECIFIED;
  cadre::v1::UnsuccessfulReason reason = cadre::v1::UNSUCCESSFUL_REASON_UNSPECIFIED;
  std::string note;
  absl::Time reply_by = absl::InfinitePast();  // OFFERED only
};
void ApplyMove(cadre::v1::Application& app, const MoveSpec& move, absl::Time now);

// The placement an accepted application becomes, ACTIVE from `now`. `payment_offered`:
// the role offers an involvement payment.
cadre::v1::Placement NewPlacement(const cadre::v1::Application& accepted, bool payment_offered,
                                  absl::Time now);

// Whether a role offers an involvement payment (so the leader makes a payment choice).
bool OffersPayment(const cadre::v1::Role& role);

// The fields an answer computes as of `now`, never stored: acknowledge_by_time (the end
// of the `acknowledge_days`-th working day after submission, in London), overdue (still
// SUBMITTED after it), next_step (with its due time: the acknowledgement deadline or the
// reply-by time).
void Decorate(cadre::v1::Application& app, absl::Time now, int acknowledge_days);

// How many applications await each step, counted from decorated ones (Decorate sets
// overdue): SUBMITTED awaits acknowledgement, ACKNOWLEDGED shortlisting, SHORTLISTED an
// offer, OFFERED a reply. ListApplications and RankApplicants answer the same counts.
struct AwaitingSteps {
  int acknowledgement = 0;
  int shortlisting = 0;
  int offer = 0;
  int reply = 0;
  int overdue = 0;

  void Add(const cadre::v1::Application& decorated);

  // Into a response with the awaiting_* and overdue fields (ListApplicationsResponse,
  // RankApplicantsResponse).
  template <typename Response>
  void SetOn(Response& response) const {
    response.set_awaiting_acknowledgement(acknowledgement);
    response.set_awaiting_shortlisting(shortlisting);
    response.set_awaiting_offer(offer);
    response.set_awaiting_reply(reply);
    response.set_overdue(overdue);
  }
};

// A stored record: the computed fields cleared (and the etag, which is the version).
cadre::v1::Application ForStorage(cadre::v1::Application app);

// The screening as the proto carries it.
cadre::v1::ScreeningOutcome ToProto(const Screening& screening);

// An application as its body (or an admin) reads it: the screening it stores, made in the
// applicant's voice when they applied ("you hold ..."), in the body's ("they hold ...").
void ForTheBody(cadre::v1::Application& app);

// EndPlacement: name, state COMPLETED or ENDED_EARLY, reason (required for ENDED_EARLY,
// kMinEndReason–kMaxEndReason characters; not given for COMPLETED), etag.
absl::Status ValidateEndPlacement(const cadre::v1::EndPlacementRequest& request);
// SetPaymentChoice: name and a choice.
absl::Status ValidatePaymentChoice(const cadre::v1::SetPaymentChoiceRequest& request);

// Who ended a placement early, as Placement.ended_by records it.
absl::string_view EndedByWord(Party by);

// "2026-12-15 17:00 (London)": a time as people read it in messages.
std::string FormatLondonTime(absl::Time t);

}  // namespace cadre::matching
