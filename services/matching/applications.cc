#include "services/matching/applications.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/time_proto.h"
#include "services/matching/domain/application_rules.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/errors.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/policy.h"
#include "services/matching/domain/screening.h"
#include "services/matching/secrets.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;

constexpr int kInternalMoveAttempts = 5;  // concurrent changes a clock or matching move outlasts

absl::Status RoleNotOpen(absl::string_view role) {
  return absl::FailedPreconditionError(
      absl::StrCat(role, " is not open: it takes no applications, offers or acceptances"));
}

Change ChangeBy(const std::string& actor, v1::MatchingEvent::Type type, std::string action,
                absl::Time now) {
  return Change{.event = type, .action = std::move(action), .actor = actor, .time = now};
}

// The audit word of a move to `to`.
std::string MoveAction(v1::ApplicationState to) {
  return absl::StrCat("application-", StateWord(to));
}

}  // namespace

Applications::Applications(ApplicationStore* store, ApplicantStore* applicants,
                           const OpenRoles* roles, const Clock* clock, ApplicationsOptions options,
                           std::function<void()> on_filled)
    : store_(store),
      applicants_(applicants),
      roles_(roles),
      clock_(clock),
      options_(options),
      on_filled_(std::move(on_filled)) {}

v1::Application Applications::Decorated(v1::Application app) const {
  Decorate(app, clock_->Now(), options_.acknowledge_days);
  return app;
}

Applications::PlacementCounts Applications::CountPlacementsOf(
    const std::vector<StoredPlacement>& placements) const {
  const absl::Time since = clock_->Now() - absl::Hours(24 * 730);
  PlacementCounts counts;
  for (const StoredPlacement& p : placements) {
    const bool active = p.placement.state() == v1::PLACEMENT_STATE_ACTIVE;
    if (active) {
      ++counts.active;
      counts.active_role_ids.push_back(RoleIdFromName(p.placement.role()));
    }
    if (active || FromTimestamp(p.placement.end_time()) >= since) ++counts.last_24_months;
  }
  return counts;
}

absl::StatusOr<v1::Application> Applications::Submit(const Principal& caller,
                                                     const v1::SubmitApplicationRequest& request) {
  CADRE_ASSIGN_OR_RETURN(const std::string applicant_id, SelfApplicantId(caller));
  CADRE_RETURN_IF_ERROR(ValidateSubmit(request));
  const absl::Time now = clock_->Now();
  const absl::optional<int64_t> role_id = RoleIdOf(request.role());
  OpenRolePtr role = role_id ? roles_->Find(*role_id) : nullptr;
  if (role == nullptr) return RoleNotOpen(request.role());
  if (role->has_closing_time() && FromTimestamp(role->closing_time()) <= now) {
    return absl::FailedPreconditionError(
        absl::StrCat(request.role(), " closed for applications at ",
                     FormatLondonTime(FromTimestamp(role->closing_time()))));
  }
  // One round trip for the person, their credentials and their placements.
  CADRE_ASSIGN_OR_RETURN(PersonForMatching person, store_->ReadPerson(applicant_id));
  if (!person.applicant) return ApplicantNotFound(ApplicantName(applicant_id));
  if (person.applicant->applicant.state() != v1::APPLICANT_STATE_ACTIVE) {
    return PendingApplicant();
  }
  const Screening screening = Screen({.role = *role,
                                      .minimum_age = role->minimum_age(),
                                      .profile = person.applicant->applicant.profile(),
                                      .credentials = person.credentials,
                                      .active_placements = person.active_placements,
                                      .today = DateIn(now, LondonTime())});
  const v1::Application app = NewApplication(NewApplicantId(SecureRandom64), applicant_id, *role,
                                             request.statement(), screening, now);
  CADRE_ASSIGN_OR_RETURN(
      ApplicationResult result,
      store_->Submit(app, options_.max_live, request.request_id(),
                     ChangeBy(caller.Actor(), v1::MatchingEvent::APPLICATION_SUBMITTED,
                              "application-submitted", now)));
  switch (result.outcome) {
    case ApplicationOutcome::kWritten: {
      v1::Application written = app;
      written.set_etag("1");
      return Decorated(std::move(written));
    }
    case ApplicationOutcome::kDuplicate: {
      CADRE_ASSIGN_OR_RETURN(const std::string prior,
                             ParseApplicationName(result.prior_resource, "request_id"));
      CADRE_ASSIGN_OR_RETURN(absl::optional<StoredApplication> stored, store_->Get(prior));
      if (!stored) return NotFound(result.prior_resource);
      return Decorated(std::move(stored->application));
    }
    case ApplicationOutcome::kLive:
      return absl::AlreadyExistsError(absl::StrCat("you already have a live application to ",
                                                   request.role(), ": ", result.prior_resource));
    case ApplicationOutcome::kTooMany:
      return absl::FailedPreconditionError(absl::StrCat(
          "you have ", options_.max_live,
          " applications awaiting a decision, the most at once: withdraw one or wait for "
          "an answer"));
    case ApplicationOutcome::kNotFound:
      return ApplicantNotFound(ApplicantName(applicant_id));
    default:
      return absl::InternalError("unexpected answer from the store on submit");
  }
}

absl::StatusOr<v1::Application> Applications::Get(const Principal& caller,
                                                  const v1::GetApplicationRequest& request) {
  CADRE_ASSIGN_OR_RETURN(const std::string id, ParseApplicationName(request.name(), "name"));
  CADRE_ASSIGN_OR_RETURN(absl::optional<StoredApplication> stored, store_->Get(id));
  if (!stored) {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(caller));
    return NotFound(request.name());
  }
  CADRE_ASSIGN_OR_RETURN(const Party party, PartyTo(caller, stored->application.applicant(),
                                                    stored->application.body()));
  v1::Application app = Decorated(std::move(stored->application));
  if (party != Party::kApplicant) ForTheBody(app);
  return app;
}

absl::StatusOr<v1::Application> Applications::Move(const Principal& caller,
                                                   const v1::MoveApplicationRequest& request) {
  for (int attempt = 1;; ++attempt) {
    absl::StatusOr<v1::Application> moved = MoveOnce(caller, request);
    if (moved.ok() || moved.status().code() != absl::StatusCode::kAborted ||
        !request.etag().empty() || attempt >= kInternalMoveAttempts) {
      return moved;
    }
  }
}

absl::StatusOr<v1::Application> Applications::MoveOnce(const Principal& caller,
                                                       const v1::MoveApplicationRequest& request) {
  CADRE_RETURN_IF_ERROR(ValidateMove(request));
  CADRE_ASSIGN_OR_RETURN(const std::string id, ParseApplicationName(request.name(), "name"));
  CADRE_ASSIGN_OR_RETURN(absl::optional<StoredApplication> stored, store_->Get(id));
  if (!stored) {
    CADRE_RETURN_IF_ERROR(RequireAuthenticated(caller));
    return NotFound(request.name());
  }
  v1::Application& app = stored->application;
  CADRE_ASSIGN_OR_RETURN(const Party party, PartyToChange(caller, app.applicant(), app.body()));
  if (!request.etag().empty() && request.etag() != app.etag()) {
    return ::cadre::EtagMismatch(request.name());
  }
  const v1::ApplicationState to = request.state();
  CADRE_RETURN_IF_ERROR(CheckMove(app.state(), to, request.reason(), party, request.name()));
  const absl::Time now = clock_->Now();
  // Withdrawing, declining and turning down need no open role; the rest do.
  const bool needs_open_role =
      to == v1::APPLICATION_STATE_ACKNOWLEDGED || to == v1::APPLICATION_STATE_SHORTLISTED ||
      to == v1::APPLICATION_STATE_OFFERED || to == v1::APPLICATION_STATE_ACCEPTED;
  const absl::optional<int64_t> role_id = RoleIdOf(app.role());
  OpenRolePtr role = role_id ? roles_->Find(*role_id) : nullptr;
  if (needs_open_role && role == nullptr) return RoleNotOpen(app.role());
  if (to == v1::APPLICATION_STATE_ACCEPTED) {
    if (FromTimestamp(app.reply_by_time()) <= now) {
      return absl::FailedPreconditionError(
          absl::StrCat(request.name(), ": the offer lapsed at ",
                       FormatLondonTime(FromTimestamp(app.reply_by_time()))));
    }
    return Accept(*std::move(stored), role, now, caller.Actor());
  }
  MoveSpec move{.to = to,
                .reason = request.reason(),
                .note = request.note(),
                .reply_by = absl::InfinitePast()};
  if (to == v1::APPLICATION_STATE_OFFERED) {
    CADRE_ASSIGN_OR_RETURN(move.reply_by, ReplyByFor(request, now));
  }
  ApplyMove(app, move, now);
  MoveEffects effects;
  effects.ends = !IsLive(to);
  if (to == v1::APPLICATION_STATE_OFFERED) effects.offer_until = move.reply_by;
  CADRE_ASSIGN_OR_RETURN(ApplicationResult result,
                         store_->Move(*stored, effects,
                                      ChangeBy(caller.Actor(), v1::MatchingEvent::APPLICATION_MOVED,
                                               MoveAction(to), now)));
  if (result.outcome == ApplicationOutcome::kNotFound) return NotFound(request.name());
  if (result.outcome != ApplicationOutcome::kWritten) return ::cadre::EtagMismatch(request.name());
  app.set_etag(absl::StrCat(stored->version + 1));
  v1::Application moved = Decorated(std::move(app));
  if (party != Party::kApplicant) ForTheBody(moved);
  return moved;
}

absl::StatusOr<v1::Application> Applications::Accept(StoredApplication record,
                                                     const OpenRolePtr& role, absl::Time now,
                                                     const std::string& actor) {
  v1::Application& app = record.application;
  const std::string applicant_id(absl::StripPrefix(app.applicant(), "applicants/"));
  CADRE_ASSIGN_OR_RETURN(absl::optional<StoredApplicant> person, applicants_->Get(applicant_id));
  if (!person) return ApplicantNotFound(app.applicant());
  const int most = person->applicant.profile().max_concurrent_roles() > 0
                       ? person->applicant.profile().max_concurrent_roles()
                       : kDefaultConcurrentRoles;
  ApplyMove(app,
            MoveSpec{.to = v1::APPLICATION_STATE_ACCEPTED,
                     .reason = v1::UNSUCCESSFUL_REASON_UNSPECIFIED,
                     .note = "",
                     .reply_by = absl::InfinitePast()},
            now);
  const v1::Placement placement = NewPlacement(app, OffersPayment(*role), now);
  app.set_placement(placement.name());
  CADRE_ASSIGN_OR_RETURN(ApplicationResult result,
                         store_->Accept({.accepted = record,
                                         .placement = placement,
                                         .places = role->places(),
                                         .most_roles = most,
                                         .fill_at = now},
                                        ChangeBy(actor, v1::MatchingEvent::APPLICATION_MOVED,
                                                 MoveAction(v1::APPLICATION_STATE_ACCEPTED), now)));
  switch (result.outcome) {
    case ApplicationOutcome::kWritten:
      break;
    case ApplicationOutcome::kFull:
      return absl::FailedPreconditionError(
          absl::StrCat("every place of ", role->name(),
                       " has been accepted: this offer can no longer be taken up"));
    case ApplicationOutcome::kMostRoles:
      return absl::FailedPreconditionError(absl::StrCat(
          "you hold ", most,
          " roles, the most you said you would take at once: end one, or raise the number "
          "in your profile, first"));
    case ApplicationOutcome::kNotFound:
      return NotFound(app.name());
    default:
      return ::cadre::EtagMismatch(app.name());
  }
  if (on_filled_) on_filled_();
  app.set_etag(absl::StrCat(record.version + 1));
  return Decorated(std::move(app));
}

absl::StatusOr<bool> Applications::MoveAs(Party party, const std::string& id,
                                          v1::ApplicationState to, v1::UnsuccessfulReason reason) {
  const std::string actor = "services/matching";
  for (int attempt = 0; attempt < kInternalMoveAttempts; ++attempt) {
    CADRE_ASSIGN_OR_RETURN(absl::optional<StoredApplication> stored, store_->Get(id));
    if (!stored) return false;
    v1::Application& app = stored->application;
    if (!CheckMove(app.state(), to, reason, party, app.name()).ok()) return false;
    const absl::Time now = clock_->Now();
    ApplyMove(app,
              MoveSpec{.to = to, .reason = reason, .note = "", .reply_by = absl::InfinitePast()},
              now);
    CADRE_ASSIGN_OR_RETURN(
        ApplicationResult result,
        store_->Move(*stored, MoveEffects{.ends = !IsLive(to), .offer_until = absl::nullopt},
                     ChangeBy(actor, v1::MatchingEvent::APPLICATION_MOVED, MoveAction(to), now)));
    if (result.outcome == ApplicationOutcome::kWritten) return true;
    if (result.outcome == ApplicationOutcome::kNotFound) return false;
  }
  return absl::AbortedError(absl::StrCat("applications/", id, " kept changing; try again"));
}

absl::StatusOr<int> Applications::LapseDueOffers() {
  constexpr int kBatch = 100;
  const absl::Time now = clock_->Now();
  CADRE_ASSIGN_OR_RETURN(std::vector<std::string> due, store_->DueOffers(now, kBatch));
  int lapsed = 0;
  for (const std::string& id : due) {
    CADRE_ASSIGN_OR_RETURN(bool moved, MoveAs(Party::kClock, id, v1::APPLICATION_STATE_UNSUCCESSFUL,
                                              v1::UNSUCCESSFUL_REASON_OFFER_LAPSED));
    if (moved) ++lapsed;
  }
  return lapsed;
}

absl::StatusOr<int> Applications::AnswerEndedRole(int64_t role_id, v1::UnsuccessfulReason reason) {
  CADRE_ASSIGN_OR_RETURN(std::vector<StoredApplication> apps, store_->ListForRole(role_id));
  int answered = 0;
  for (const StoredApplication& a : apps) {
    if (!IsLive(a.application.state())) continue;
    CADRE_ASSIGN_OR_RETURN(
        bool moved, MoveAs(Party::kMatching,
                           std::string(absl::StripPrefix(a.application.name(), "applications/")),
                           v1::APPLICATION_STATE_UNSUCCESSFUL, reason));
    if (moved) ++answered;
  }
  return answered;
}

}  // namespace cadre::matching
