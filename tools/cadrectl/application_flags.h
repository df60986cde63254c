#pragma once

// Flags of the applications, placements and match commands, read into their requests
// before any call, so that a mistake fails naming its flag. Names, enum labels (enums.h:
// "acknowledged", "not-selected", "ended-early", "take-payment"), times and page sizes are
// checked here; the matching service checks everything again (text lengths, who may make
// which move, how far ahead a reply-by time may be).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.pb.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// "applications/ID" from `text` (or a bare ID). Usage error naming `what` otherwise.
absl::StatusOr<std::string> ApplicationName(absl::string_view text, absl::string_view what);
// "placements/ID" from `text` (or a bare ID). Usage error naming `what` otherwise.
absl::StatusOr<std::string> PlacementName(absl::string_view text, absl::string_view what);

// `applications submit`: --role --statement.
std::vector<FlagSpec> SubmitFlags();
// Usage errors: --role or --statement missing or empty, --role not a role's name.
absl::StatusOr<cadre::v1::SubmitApplicationRequest> SubmitRequestFromFlags(
    const ParsedArgs& args, absl::string_view request_id);

// `applications list`: --applicant --role --body (at most one), --state, --overdue-only,
// and the paging flags (1-100).
std::vector<FlagSpec> ListApplicationsFlags();
// Usage errors: more than one of --applicant --role --body, a name of another kind, a bad
// state or page size.
absl::StatusOr<cadre::v1::ListApplicationsRequest> ListApplicationsRequestFromFlags(
    const ParsedArgs& args);

// The move of application `operand` to `to`, with whichever of --etag, --note, --reply-by
// (a time from `now` such as 7d, a date or an RFC 3339 time) and --reason were given; the
// command decides which it offers. Usage errors: a bad name, --reason missing for
// UNSUCCESSFUL or not a reason, a bad --reply-by.
absl::StatusOr<cadre::v1::MoveApplicationRequest> MoveRequestFromFlags(
    const ParsedArgs& args, absl::string_view operand, cadre::v1::ApplicationState to,
    absl::Time now);

// `placements list`: --applicant --role --body (at most one), --state, paging (1-100).
std::vector<FlagSpec> ListPlacementsFlags();
absl::StatusOr<cadre::v1::ListPlacementsRequest> ListPlacementsRequestFromFlags(
    const ParsedArgs& args);

// `placements complete` (COMPLETED) and `placements end-early` (ENDED_EARLY, --reason of
// 3-300 characters required), with --etag. Usage errors: a bad name, --reason missing or
// short.
absl::StatusOr<cadre::v1::EndPlacementRequest> EndRequestFromFlags(const ParsedArgs& args,
                                                                   absl::string_view operand,
                                                                   cadre::v1::PlacementState to);

// `placements payment-choice`: --choice (required) take-payment, expenses-only or
// decline-payment.
absl::StatusOr<cadre::v1::SetPaymentChoiceRequest> PaymentChoiceRequestFromFlags(
    const ParsedArgs& args, absl::string_view operand);

// `match recommend`: --applicant, --include-ineligible, paging (1-50).
std::vector<FlagSpec> RecommendFlags();
absl::StatusOr<cadre::v1::RecommendRolesRequest> RecommendRequestFromFlags(const ParsedArgs& args);

// `match rank`: --role (required), --state, paging (1-100).
std::vector<FlagSpec> RankFlags();
absl::StatusOr<cadre::v1::RankApplicantsRequest> RankRequestFromFlags(const ParsedArgs& args);

}  // namespace cadre::cadrectl
