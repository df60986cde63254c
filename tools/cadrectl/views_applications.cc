// Human views of applications and placements.

#include "absl/strings/str_cat.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/times.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// "unsuccessful (not-selected)"; "offered" and the like as they are.
std::string StateText(const v1::Application& application) {
  std::string text = Label(application.state());
  const std::string reason = Label(application.unsuccessful_reason());
  if (application.state() == v1::APPLICATION_STATE_UNSUCCESSFUL && !reason.empty()) {
    absl::StrAppend(&text, " (", reason, ")");
  }
  return text;
}

// "the body acknowledges your application, by 2026-06-22T17:00:00+01:00".
std::string NextStepText(const v1::NextStep& step) {
  std::string text = step.text();
  if (step.has_due_time()) {
    absl::StrAppend(&text, text.empty() ? "" : ", ", "by ", FormatTimestamp(step.due_time()));
  }
  return text;
}

std::string ScreeningText(const v1::ScreeningOutcome& screening) {
  if (!screening.summary().empty()) return screening.summary();
  if (screening.total() == 0) return "";
  return absl::StrCat(screening.passed(), " of ", screening.total(), " checks passed");
}

// When it is due and whether it is late, for a table.
std::string DueText(const v1::Application& application) {
  std::string text = FormatDate(application.next_step().due_time());
  if (application.overdue()) absl::StrAppend(&text, text.empty() ? "" : " ", "overdue");
  return OrDash(std::move(text));
}

std::string PaymentText(const v1::Placement& placement) {
  if (!placement.payment_offered()) return "not offered";
  const std::string choice = Label(placement.payment_choice());
  if (choice.empty()) return "offered; no choice made yet";
  std::string text = absl::StrCat("offered; chose ", choice);
  if (placement.has_payment_choice_time()) {
    absl::StrAppend(&text, " on ", FormatDate(placement.payment_choice_time()));
  }
  return text;
}

}  // namespace

void PrintApplication(const v1::Application& application, std::ostream& out) {
  Fields fields;
  fields.Add("name", application.name());
  fields.Add("applicant", application.applicant());
  fields.Add("role", application.role());
  fields.Add("role title", application.role_title());
  fields.Add("body", application.body());
  fields.Add("state", StateText(application));
  fields.Add("next step", NextStepText(application.next_step()));
  fields.Add("overdue", application.overdue() ? "yes: not acknowledged in time" : "");
  fields.Add("note", application.note());
  fields.Add("submitted", FormatTimestamp(application.submit_time()));
  fields.Add("acknowledge by", FormatTimestamp(application.acknowledge_by_time()));
  fields.Add("acknowledged", FormatTimestamp(application.acknowledge_time()));
  fields.Add("shortlisted", FormatTimestamp(application.shortlist_time()));
  fields.Add("offered", FormatTimestamp(application.offer_time()));
  fields.Add("reply by", FormatTimestamp(application.reply_by_time()));
  fields.Add("closed", FormatTimestamp(application.close_time()));
  fields.Add("placement", application.placement());
  fields.Add("screening", ScreeningText(application.screening()));
  fields.Add("statement", application.statement());
  fields.Add("etag", application.etag());
  fields.Print(out);
}

void PrintApplications(const v1::ListApplicationsResponse& response, std::ostream& out) {
  if (response.applications().empty()) {
    out << "no applications\n";
  } else {
    Table table({"NAME", "ROLE", "APPLICANT", "STATE", "SUBMITTED", "DUE"});
    for (const v1::Application& application : response.applications()) {
      table.AddRow({application.name(), OrDash(application.role_title()),
                    OrDash(application.applicant()), StateText(application),
                    FormatDate(application.submit_time()), DueText(application)});
    }
    table.Print(out);
  }
  out << "\nawaiting: acknowledgement " << response.awaiting_acknowledgement() << ", shortlisting "
      << response.awaiting_shortlisting() << ", an offer " << response.awaiting_offer()
      << ", a reply " << response.awaiting_reply() << "; overdue " << response.overdue() << "\n";
}

void PrintPlacement(const v1::Placement& placement, std::ostream& out) {
  Fields fields;
  fields.Add("name", placement.name());
  fields.Add("application", placement.application());
  fields.Add("applicant", placement.applicant());
  fields.Add("role", placement.role());
  fields.Add("role title", placement.role_title());
  fields.Add("body", placement.body());
  fields.Add("state", Label(placement.state()));
  fields.Add("started", FormatTimestamp(placement.start_time()));
  fields.Add("ended", FormatTimestamp(placement.end_time()));
  fields.Add("ended by", placement.ended_by());
  fields.Add("end reason", placement.end_reason());
  fields.Add("payment", PaymentText(placement));
  fields.Add("etag", placement.etag());
  fields.Print(out);
}

void PrintPlacements(const Repeated<v1::Placement>& placements, std::ostream& out) {
  if (placements.empty()) {
    out << "no placements\n";
    return;
  }
  Table table({"NAME", "ROLE", "APPLICANT", "STATE", "STARTED", "PAYMENT"});
  for (const v1::Placement& placement : placements) {
    const std::string choice = Label(placement.payment_choice());
    table.AddRow({placement.name(), OrDash(placement.role_title()), OrDash(placement.applicant()),
                  OrDash(Label(placement.state())), FormatDate(placement.start_time()),
                  placement.payment_offered() ? (choice.empty() ? "not chosen" : choice) : "-"});
  }
  table.Print(out);
}

}  // namespace cadre::cadrectl
