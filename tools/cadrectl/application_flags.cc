#include "tools/cadrectl/application_flags.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// Page sizes the matching service takes, as the proto states.
constexpr int kMaxPage = 100;
constexpr int kMaxRecommendPage = 50;
// An early end's reason, in characters, as the proto states.
constexpr size_t kMinEndReason = 3;

std::vector<FlagSpec> WhoseFlags(absl::string_view what) {
  // FlagSpec holds views: the help texts are literals chosen by `what`.
  const bool applications = what == "applications";
  return {
      {"applicant", "APPLICANT",
       applications ? "an applicant's applications, applicants/ID (yours: leave it out)"
                    : "an applicant's placements, applicants/ID (yours: leave it out)"},
      {"role", "ROLE", applications ? "a role's applications, roles/ID" : "a role's placements"},
      {"body", "BODY",
       applications ? "a body's applications, bodies/CODE (yours: leave it out)"
                    : "a body's placements, bodies/CODE (yours: leave it out)"},
  };
}

// --applicant, --role or --body (at most one) into the request's fields of those names.
template <typename Request>
absl::Status ApplyWhose(const ParsedArgs& args, Request* request) {
  int given = 0;
  for (absl::string_view whose : {"applicant", "role", "body"}) {
    if (args.Has(whose)) ++given;
  }
  if (given > 1) return UsageError("--applicant, --role, --body: give at most one");
  if (args.Has("applicant")) {
    CADRE_ASSIGN_OR_RETURN(*request->mutable_applicant(),
                           ResourceName("applicants", args.Get("applicant"), "--applicant"));
  }
  if (args.Has("role")) {
    CADRE_ASSIGN_OR_RETURN(*request->mutable_role(),
                           ResourceName("roles", args.Get("role"), "--role"));
  }
  if (args.Has("body")) {
    CADRE_ASSIGN_OR_RETURN(*request->mutable_body(),
                           ResourceName("bodies", args.Get("body"), "--body"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ApplicationName(absl::string_view text, absl::string_view what) {
  return ResourceName("applications", text, what);
}

absl::StatusOr<std::string> PlacementName(absl::string_view text, absl::string_view what) {
  return ResourceName("placements", text, what);
}

std::vector<FlagSpec> SubmitFlags() {
  return {{"role", "ROLE", "the role applied for, roles/ID (required)"},
          {"statement", "TEXT", "why you apply, in your words, 1-3000 characters (required)"}};
}

absl::StatusOr<v1::SubmitApplicationRequest> SubmitRequestFromFlags(const ParsedArgs& args,
                                                                    absl::string_view request_id) {
  CADRE_RETURN_IF_ERROR(RequireFlags(args, {"role", "statement"}));
  v1::SubmitApplicationRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_role(),
                         ResourceName("roles", args.Get("role"), "--role"));
  if (args.Get("statement").empty()) {
    return UsageError("--statement: required, 1-3000 characters: why you apply");
  }
  request.set_statement(args.Get("statement"));
  request.set_request_id(std::string(request_id));
  return request;
}

std::vector<FlagSpec> ListApplicationsFlags() {
  std::vector<FlagSpec> flags = WhoseFlags("applications");
  flags.push_back({"state", "STATE", "only applications in this state (submitted, offered...)"});
  flags.push_back({"overdue-only", "", "only those not acknowledged in time"});
  return WithFlags(std::move(flags), PagingFlags(kMaxPage));
}

absl::StatusOr<v1::ListApplicationsRequest> ListApplicationsRequestFromFlags(
    const ParsedArgs& args) {
  using v1::ListApplicationsRequest;
  ListApplicationsRequest request;
  CADRE_RETURN_IF_ERROR(ApplyWhose(args, &request));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "state", &request, &ListApplicationsRequest::set_state));
  if (args.Has("overdue-only")) {
    CADRE_ASSIGN_OR_RETURN(bool overdue_only, BoolFlag(args, "overdue-only"));
    request.set_overdue_only(overdue_only);
  }
  CADRE_RETURN_IF_ERROR(ReadPaging(args, kMaxPage, &request));
  return request;
}

absl::StatusOr<v1::MoveApplicationRequest> MoveRequestFromFlags(const ParsedArgs& args,
                                                                absl::string_view operand,
                                                                v1::ApplicationState to,
                                                                absl::Time now) {
  v1::MoveApplicationRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), ApplicationName(operand, "APPLICATION"));
  request.set_state(to);
  if (to == v1::APPLICATION_STATE_UNSUCCESSFUL && !args.Has("reason")) {
    return UsageError(
        "--reason: required (not-shortlisted, not-selected, requirements-not-met or "
        "no-decision-made)");
  }
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(args, "reason", &request, &v1::MoveApplicationRequest::set_reason));
  if (args.Has("reply-by")) {
    CADRE_ASSIGN_OR_RETURN(absl::Time reply_by, ExpiryFlag(args, "reply-by", now));
    ToProto(reply_by, request.mutable_reply_by_time());
  }
  request.set_note(args.Get("note"));
  request.set_etag(args.Get("etag"));
  return request;
}

std::vector<FlagSpec> ListPlacementsFlags() {
  std::vector<FlagSpec> flags = WhoseFlags("placements");
  flags.push_back(
      {"state", "STATE", "only placements in this state (active, completed or ended-early)"});
  return WithFlags(std::move(flags), PagingFlags(kMaxPage));
}

absl::StatusOr<v1::ListPlacementsRequest> ListPlacementsRequestFromFlags(const ParsedArgs& args) {
  using v1::ListPlacementsRequest;
  ListPlacementsRequest request;
  CADRE_RETURN_IF_ERROR(ApplyWhose(args, &request));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "state", &request, &ListPlacementsRequest::set_state));
  CADRE_RETURN_IF_ERROR(ReadPaging(args, kMaxPage, &request));
  return request;
}

absl::StatusOr<v1::EndPlacementRequest> EndRequestFromFlags(const ParsedArgs& args,
                                                            absl::string_view operand,
                                                            v1::PlacementState to) {
  v1::EndPlacementRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), PlacementName(operand, "PLACEMENT"));
  request.set_state(to);
  if (to == v1::PLACEMENT_STATE_ENDED_EARLY) {
    if (args.Get("reason").size() < kMinEndReason) {
      return UsageError("--reason: required, 3-300 characters: why it ended early");
    }
    request.set_reason(args.Get("reason"));
  }
  request.set_etag(args.Get("etag"));
  return request;
}

absl::StatusOr<v1::SetPaymentChoiceRequest> PaymentChoiceRequestFromFlags(
    const ParsedArgs& args, absl::string_view operand) {
  v1::SetPaymentChoiceRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), PlacementName(operand, "PLACEMENT"));
  if (!args.Has("choice")) {
    return UsageError("--choice: required (take-payment, expenses-only or decline-payment)");
  }
  CADRE_ASSIGN_OR_RETURN(v1::PaymentChoice choice, EnumFlag<v1::PaymentChoice>(args, "choice"));
  request.set_choice(choice);
  return request;
}

std::vector<FlagSpec> RecommendFlags() {
  return WithFlags(
      {{"applicant", "APPLICANT", "the applicant, applicants/ID (admin; yourself: leave it out)"},
       {"include-ineligible", "", "also roles you are not yet eligible for, with what you lack"},
       {"role", "ROLE",
        "only this role, roles/ID: how you screen against it and its score, eligible or not "
        "(what the web's apply page shows)"}},
      PagingFlags(kMaxRecommendPage));
}

absl::StatusOr<v1::RecommendRolesRequest> RecommendRequestFromFlags(const ParsedArgs& args) {
  v1::RecommendRolesRequest request;
  if (args.Has("applicant")) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_applicant(),
                           ResourceName("applicants", args.Get("applicant"), "--applicant"));
  }
  if (args.Has("include-ineligible")) {
    CADRE_ASSIGN_OR_RETURN(bool include, BoolFlag(args, "include-ineligible"));
    request.set_include_ineligible(include);
  }
  if (args.Has("role")) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_role(),
                           ResourceName("roles", args.Get("role"), "--role"));
  }
  CADRE_RETURN_IF_ERROR(ReadPaging(args, kMaxRecommendPage, &request));
  return request;
}

std::vector<FlagSpec> RankFlags() {
  return WithFlags(
      {{"role", "ROLE", "the role, roles/ID (required)"},
       {"state", "STATE",
        "only applications in this state (default: submitted, acknowledged, shortlisted "
        "and offered)"}},
      PagingFlags(kMaxPage));
}

absl::StatusOr<v1::RankApplicantsRequest> RankRequestFromFlags(const ParsedArgs& args) {
  using v1::RankApplicantsRequest;
  CADRE_RETURN_IF_ERROR(RequireFlags(args, {"role"}));
  RankApplicantsRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_role(),
                         ResourceName("roles", args.Get("role"), "--role"));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "state", &request, &RankApplicantsRequest::set_state));
  CADRE_RETURN_IF_ERROR(ReadPaging(args, kMaxPage, &request));
  return request;
}

}  // namespace cadre::cadrectl
