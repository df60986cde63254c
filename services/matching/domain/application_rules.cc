#include "services/matching/domain/application_rules.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/time_proto.h"
#include "services/common/base/validation.h"
#include "services/matching/domain/dates.h"
#include "services/matching/domain/limits.h"
#include "services/matching/domain/names.h"
#include "services/matching/domain/working_days.h"

namespace cadre::matching {
namespace {

namespace v1 = cadre::v1;

absl::Status CheckRoleName(absl::string_view name, absl::string_view field) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, "roles/") || id.empty() || id.size() > 18 || id[0] == '0' ||
      !absl::c_all_of(id, [](char c) { return c >= '0' && c <= '9'; })) {
    return InvalidField(field, "must look like roles/{id}, id a decimal number");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSubmit(const v1::SubmitApplicationRequest& request) {
  CADRE_RETURN_IF_ERROR(CheckRoleName(request.role(), "role"));
  CADRE_RETURN_IF_ERROR(CheckLength(request.statement(), 1, kMaxStatement, "statement"));
  return ValidateRequestId(request.request_id(), "request_id");
}

absl::Status ValidateMove(const v1::MoveApplicationRequest& request) {
  CADRE_RETURN_IF_ERROR(ParseApplicationName(request.name(), "name").status());
  const v1::ApplicationState to = request.state();
  if (!v1::ApplicationState_IsValid(to) || to == v1::APPLICATION_STATE_UNSPECIFIED ||
      to == v1::APPLICATION_STATE_SUBMITTED) {
    return InvalidField("state",
                        "must be ACKNOWLEDGED, SHORTLISTED, OFFERED, UNSUCCESSFUL, WITHDRAWN, "
                        "ACCEPTED or DECLINED");
  }
  if (!v1::UnsuccessfulReason_IsValid(request.reason())) {
    return InvalidField("reason", "is not a known reason");
  }
  const bool may_note =
      to == v1::APPLICATION_STATE_OFFERED || to == v1::APPLICATION_STATE_UNSUCCESSFUL;
  if (!request.note().empty() && !may_note) {
    return InvalidField("note", "goes only with an offer or a turn-down");
  }
  CADRE_RETURN_IF_ERROR(CheckLength(request.note(), 0, kMaxApplicationNote, "note"));
  if (request.has_reply_by_time()) {
    if (to != v1::APPLICATION_STATE_OFFERED) {
      return InvalidField("reply_by_time", "goes only with an offer");
    }
    CADRE_RETURN_IF_ERROR(CheckTimestamp(request.reply_by_time(), "reply_by_time"));
  }
  return CheckLength(request.etag(), 0, 40, "etag");
}

absl::StatusOr<absl::Time> ReplyByFor(const v1::MoveApplicationRequest& request, absl::Time now) {
  if (!request.has_reply_by_time()) return now + absl::Hours(24 * kDefaultReplyByDays);
  const absl::Time reply_by = FromTimestamp(request.reply_by_time());
  if (reply_by < now + absl::Minutes(kMinReplyByMinutes) ||
      reply_by > now + absl::Hours(24 * kMaxReplyByDays)) {
    return InvalidField("reply_by_time",
                        absl::StrCat("must be between ", kMinReplyByMinutes, " minutes and ",
                                     kMaxReplyByDays, " days from now"));
  }
  return reply_by;
}

v1::Application NewApplication(const std::string& id, const std::string& applicant_id,
                               const v1::Role& role, const std::string& statement,
                               const Screening& screening, absl::Time now) {
  v1::Application app;
  app.set_name(ApplicationName(id));
  app.set_applicant(ApplicantName(applicant_id));
  app.set_role(role.name());
  app.set_body(role.body());
  app.set_role_title(role.title());
  app.set_statement(statement);
  app.set_state(v1::APPLICATION_STATE_SUBMITTED);
  *app.mutable_submit_time() = ToTimestamp(now);
  *app.mutable_update_time() = ToTimestamp(now);
  *app.mutable_screening() = ToProto(screening);
  return app;
}

void ApplyMove(v1::Application& app, const MoveSpec& move, absl::Time now) {
  const google::protobuf::Timestamp at = ToTimestamp(now);
  if (AcknowledgesFirst(app.state(), move.to)) *app.mutable_acknowledge_time() = at;
  switch (move.to) {
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      *app.mutable_acknowledge_time() = at;
      break;
    case v1::APPLICATION_STATE_SHORTLISTED:
      *app.mutable_shortlist_time() = at;
      break;
    case v1::APPLICATION_STATE_OFFERED:
      *app.mutable_offer_time() = at;
      *app.mutable_reply_by_time() = ToTimestamp(move.reply_by);
      app.set_note(move.note);
      break;
    case v1::APPLICATION_STATE_UNSUCCESSFUL:
      app.set_unsuccessful_reason(move.reason);
      if (!move.note.empty()) app.set_note(move.note);
      break;
    default:
      break;
  }
  app.set_state(move.to);
  if (!IsLive(move.to)) *app.mutable_close_time() = at;
  *app.mutable_update_time() = at;
}

v1::Placement NewPlacement(const v1::Application& accepted, bool payment_offered, absl::Time now) {
  v1::Placement p;
  absl::string_view id = accepted.name();
  absl::ConsumePrefix(&id, "applications/");
  p.set_name(PlacementName(id));
  p.set_application(accepted.name());
  p.set_applicant(accepted.applicant());
  p.set_role(accepted.role());
  p.set_body(accepted.body());
  p.set_role_title(accepted.role_title());
  p.set_state(v1::PLACEMENT_STATE_ACTIVE);
  *p.mutable_start_time() = ToTimestamp(now);
  p.set_payment_offered(payment_offered);
  return p;
}

bool OffersPayment(const v1::Role& role) {
  return role.support().payment() == v1::PAYMENT_KIND_INVOLVEMENT;
}

void Decorate(v1::Application& app, absl::Time now, int acknowledge_days) {
  const absl::Time submitted = FromTimestamp(app.submit_time());
  const absl::Time ack_by = DeadlineAfterWorkingDays(submitted, acknowledge_days, LondonTime());
  *app.mutable_acknowledge_by_time() = ToTimestamp(ack_by);
  app.set_overdue(app.state() == v1::APPLICATION_STATE_SUBMITTED && now > ack_by);
  const NextStep next = NextStepOf(app.state());
  v1::NextStep* out = app.mutable_next_step();
  out->Clear();
  if (!next.any) return;
  out->set_owner(next.owner == Party::kApplicant ? v1::PARTY_APPLICANT : v1::PARTY_BODY);
  out->set_text(next.text);
  if (app.state() == v1::APPLICATION_STATE_SUBMITTED) {
    *out->mutable_due_time() = ToTimestamp(ack_by);
  } else if (app.state() == v1::APPLICATION_STATE_OFFERED) {
    *out->mutable_due_time() = app.reply_by_time();
  }
}

void AwaitingSteps::Add(const v1::Application& decorated) {
  switch (decorated.state()) {
    case v1::APPLICATION_STATE_SUBMITTED:
      ++acknowledgement;
      break;
    case v1::APPLICATION_STATE_ACKNOWLEDGED:
      ++shortlisting;
      break;
    case v1::APPLICATION_STATE_SHORTLISTED:
      ++offer;
      break;
    case v1::APPLICATION_STATE_OFFERED:
      ++reply;
      break;
    default:
      break;
  }
  if (decorated.overdue()) ++overdue;
}

v1::Application ForStorage(v1::Application app) {
  app.clear_acknowledge_by_time();
  app.clear_overdue();
  app.clear_next_step();
  app.clear_etag();
  return app;
}

v1::ScreeningOutcome ToProto(const Screening& screening) {
  v1::ScreeningOutcome out;
  out.set_eligible(screening.eligible());
  out.set_passed(screening.passed());
  out.set_total(static_cast<int>(screening.checks.size()));
  out.set_summary(screening.Summary());
  for (const Check& c : screening.checks) {
    v1::ScreeningCheck* check = out.add_checks();
    check->set_check(std::string(CheckIdName(c.id)));
    check->set_passed(c.passed);
    check->set_reason(c.reason);
  }
  return out;
}

void ForTheBody(v1::Application& app) {
  if (!app.has_screening()) return;
  v1::ScreeningOutcome& screening = *app.mutable_screening();
  screening.set_summary(InBodyVoice(screening.summary()));
  for (v1::ScreeningCheck& check : *screening.mutable_checks()) {
    check.set_reason(InBodyVoice(check.reason()));
  }
}

absl::Status ValidateEndPlacement(const v1::EndPlacementRequest& request) {
  CADRE_RETURN_IF_ERROR(ParsePlacementName(request.name(), "name").status());
  if (request.state() == v1::PLACEMENT_STATE_COMPLETED) {
    if (!request.reason().empty()) {
      return InvalidField("reason", "is given only when a placement ends early");
    }
  } else if (request.state() == v1::PLACEMENT_STATE_ENDED_EARLY) {
    CADRE_RETURN_IF_ERROR(CheckLength(request.reason(), kMinEndReason, kMaxEndReason, "reason"));
  } else {
    return InvalidField("state", "must be COMPLETED or ENDED_EARLY");
  }
  return CheckLength(request.etag(), 0, 40, "etag");
}

absl::Status ValidatePaymentChoice(const v1::SetPaymentChoiceRequest& request) {
  CADRE_RETURN_IF_ERROR(ParsePlacementName(request.name(), "name").status());
  return CheckEnum(request.choice(), v1::PaymentChoice_IsValid, "choice", /*required=*/true);
}

absl::string_view EndedByWord(Party by) {
  switch (by) {
    case Party::kApplicant:
      return "applicant";
    case Party::kBody:
      return "body";
    case Party::kAdmin:
      return "admin";
    default:
      return "matching";
  }
}

std::string FormatLondonTime(absl::Time t) {
  return absl::StrCat(absl::FormatTime("%Y-%m-%d %H:%M", t, LondonTime()), " (London)");
}

}  // namespace cadre::matching
