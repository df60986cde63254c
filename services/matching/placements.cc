#include "services/matching/placements.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/page_token.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/time_proto.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/application_rules.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/newest_first.h"
#include "services/matching/domain/policy.h"
#include "services/matching/view/open_roles.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;

absl::string_view PlacementStateWord(v1::PlacementState s) {
  switch (s) {
    case v1::PLACEMENT_STATE_ACTIVE:
      return "active";
    case v1::PLACEMENT_STATE_COMPLETED:
      return "completed";
    case v1::PLACEMENT_STATE_ENDED_EARLY:
      return "ended early";
    default:
      return "in no known state";
  }
}

Change PlacementChange(const Principal& caller, v1::MatchingEvent::Type type, std::string action,
                       absl::Time now) {
  return Change{.event = type, .action = std::move(action), .actor = caller.Actor(), .time = now};
}

}  // namespace

absl::StatusOr<StoredPlacement> Placements::Load(const Principal& caller, const std::string& name) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, ParsePlacementName(name, "name"));
  CADRE_ASSIGN_OR_RETURN(absl::optional<StoredPlacement> stored, store_->GetPlacement(id));
  if (!stored) {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(caller));
    return NotFound(name);
  }
  CADRE_RETURN_IF_ERROR(
      PartyTo(caller, stored->placement.applicant(), stored->placement.body()).status());
  return *std::move(stored);
}

absl::StatusOr<v1::Placement> Placements::Get(const Principal& caller,
                                              const v1::GetPlacementRequest& request) {
  CADRE_ASSIGN_OR_RETURN(StoredPlacement stored, Load(caller, request.name()));
  return std::move(stored.placement);
}

absl::StatusOr<v1::ListPlacementsResponse> Placements::List(
    const Principal& caller, const v1::ListPlacementsRequest& request) {
  const int scopes =
      !request.applicant().empty() + !request.role().empty() + !request.body().empty();
  if (scopes > 1) return InvalidField("applicant", "give at most one of applicant, role and body");
  CADRE_RETURN_IF_ERROR(
      CheckEnum(request.state(), v1::PlacementState_IsValid, "state", /*required=*/false));
  CADRE_ASSIGN_OR_RETURN(int size, EffectivePageSize(request.page_size(), kDefaultPage, kMaxPage));
  std::vector<StoredPlacement> placements;
  if (!request.role().empty()) {
    const absl::optional<int64_t> role_id = RoleIdOf(request.role());
    if (!role_id) return InvalidField("role", "must look like roles/{id}");
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(caller));
    CADRE_ASSIGN_OR_RETURN(placements, store_->PlacementsForRole(*role_id));
    if (!placements.empty()) {
      CADRE_RETURN_IF_ERROR(MayActAsBody(caller, placements.front().placement.body()));
    } else if (!caller.is_admin() && caller.kind != PrincipalKind::kBody) {
      return MayActAsBody(caller, "");
    }
  } else if (!request.body().empty() ||
             (request.applicant().empty() && caller.kind == PrincipalKind::kBody)) {
    const std::string body =
        request.body().empty() ? absl::StrCat("bodies/", caller.subject) : request.body();
    if (!IsBodyName(body)) return InvalidField("body", "must look like bodies/{code}");
    CADRE_RETURN_IF_ERROR(MayActAsBody(caller, body));
    CADRE_ASSIGN_OR_RETURN(
        placements, store_->PlacementsForBody(std::string(absl::StripPrefix(body, "bodies/"))));
  } else {
    std::string applicant_id;
    if (request.applicant().empty()) {
      CADRE_ASSIGN_OR_RETURN(applicant_id, SelfApplicantId(caller));
    } else {
      CADRE_ASSIGN_OR_RETURN(applicant_id, ParseApplicantName(request.applicant(), "applicant"));
      CADRE_RETURN_IF_ERROR(MayActAsApplicant(caller, applicant_id));
    }
    CADRE_ASSIGN_OR_RETURN(placements, store_->PlacementsForApplicant(applicant_id));
  }
  std::sort(placements.begin(), placements.end(),
            [](const StoredPlacement& a, const StoredPlacement& b) {
              return NewestFirst(MillisOf(a.placement.start_time()), a.placement.name(),
                                 MillisOf(b.placement.start_time()), b.placement.name());
            });
  const std::string fingerprint = FilterFingerprint(request);
  absl::optional<NewestFirstCursor> after;
  if (!request.page_token().empty()) {
    CADRE_ASSIGN_OR_RETURN(std::string text, DecodePageToken(request.page_token(), fingerprint));
    CADRE_ASSIGN_OR_RETURN(after, ParseCursorText(text));
  }
  v1::ListPlacementsResponse response;
  for (StoredPlacement& stored : placements) {
    const v1::Placement& p = stored.placement;
    if (request.state() != v1::PLACEMENT_STATE_UNSPECIFIED && p.state() != request.state())
      continue;
    if (after && !ComesAfter(MillisOf(p.start_time()), p.name(), *after)) continue;
    if (response.placements_size() == size) {
      const v1::Placement& last = response.placements(size - 1);
      response.set_next_page_token(
          EncodePageToken(CursorText(MillisOf(last.start_time()), last.name()), fingerprint));
      break;
    }
    *response.add_placements() = std::move(stored.placement);
  }
  return response;
}

absl::StatusOr<v1::Placement> Placements::SetPaymentChoice(
    const Principal& caller, const v1::SetPaymentChoiceRequest& request) {
  CADRE_RETURN_IF_ERROR(ValidatePaymentChoice(request));
  CADRE_ASSIGN_OR_RETURN(StoredPlacement stored, Load(caller, request.name()));
  v1::Placement& p = stored.placement;
  CADRE_ASSIGN_OR_RETURN(const Party party, PartyToChange(caller, p.applicant(), p.body()));
  if (party == Party::kBody) {
    return absl::PermissionDeniedError("the payment choice is the leader's to make");
  }
  if (!p.payment_offered()) {
    return absl::FailedPreconditionError(
        absl::StrCat(request.name(), ": the role offers no involvement payment to choose about"));
  }
  if (p.state() == v1::PLACEMENT_STATE_ENDED_EARLY) {
    return absl::FailedPreconditionError(absl::StrCat(request.name(), " has ended early"));
  }
  const absl::Time now = clock_->Now();
  p.set_payment_choice(request.choice());
  *p.mutable_payment_choice_time() = ToTimestamp(now);
  CADRE_ASSIGN_OR_RETURN(
      ApplicationResult result,
      store_->UpdatePlacement(stored, /*ends=*/false,
                              PlacementChange(caller, v1::MatchingEvent::PLACEMENT_UPDATED,
                                              "placement-payment-choice", now)));
  if (result.outcome == ApplicationOutcome::kNotFound) return NotFound(request.name());
  if (result.outcome != ApplicationOutcome::kWritten) return ::cadre::EtagMismatch(request.name());
  p.set_etag(absl::StrCat(stored.version + 1));
  return std::move(p);
}

absl::StatusOr<v1::Placement> Placements::End(const Principal& caller,
                                              const v1::EndPlacementRequest& request) {
  CADRE_RETURN_IF_ERROR(ValidateEndPlacement(request));
  CADRE_ASSIGN_OR_RETURN(StoredPlacement stored, Load(caller, request.name()));
  v1::Placement& p = stored.placement;
  CADRE_ASSIGN_OR_RETURN(const Party party, PartyToChange(caller, p.applicant(), p.body()));
  if (request.state() == v1::PLACEMENT_STATE_COMPLETED && party == Party::kApplicant) {
    return absl::PermissionDeniedError(
        "the body completes a placement; a leader may end one early, with a reason");
  }
  if (!request.etag().empty() && request.etag() != p.etag()) {
    return ::cadre::EtagMismatch(request.name());
  }
  if (p.state() != v1::PLACEMENT_STATE_ACTIVE) {
    return absl::FailedPreconditionError(
        absl::StrCat(request.name(), " is ", PlacementStateWord(p.state()), " and cannot become ",
                     PlacementStateWord(request.state())));
  }
  const absl::Time now = clock_->Now();
  p.set_state(request.state());
  *p.mutable_end_time() = ToTimestamp(now);
  if (request.state() == v1::PLACEMENT_STATE_ENDED_EARLY) {
    p.set_end_reason(request.reason());
    p.set_ended_by(std::string(EndedByWord(party)));
  }
  CADRE_ASSIGN_OR_RETURN(
      ApplicationResult result,
      store_->UpdatePlacement(stored, /*ends=*/true,
                              PlacementChange(caller, v1::MatchingEvent::PLACEMENT_ENDED,
                                              request.state() == v1::PLACEMENT_STATE_COMPLETED
                                                  ? "placement-completed"
                                                  : "placement-ended-early",
                                              now)));
  if (result.outcome == ApplicationOutcome::kNotFound) return NotFound(request.name());
  if (result.outcome != ApplicationOutcome::kWritten) return ::cadre::EtagMismatch(request.name());
  p.set_etag(absl::StrCat(stored.version + 1));
  return std::move(p);
}

}  // namespace cadre::matching
