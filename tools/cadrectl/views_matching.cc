#include "tools/cadrectl/views_matching.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/equality_flags.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

std::string InterestsText(const Repeated<v1::DeclaredInterest>& interests) {
  std::vector<std::string> items;
  for (const v1::DeclaredInterest& interest : interests) {
    std::string item = absl::StrCat(interest.body(), " (", Label(interest.kind()), ")");
    if (!interest.note().empty()) absl::StrAppend(&item, ": ", interest.note());
    items.push_back(std::move(item));
  }
  return absl::StrJoin(items, "; ");
}

std::string ConsentText(const v1::Consent& consent) {
  if (!consent.processing_agreed()) return "";
  return absl::StrCat("privacy notice ", consent.privacy_notice_version(), ", agreed ",
                      FormatTimestamp(consent.agree_time()));
}

std::string UpdateServiceText(const v1::Credential& credential) {
  if (!credential.on_update_service()) return "";
  return absl::StrCat("yes, last checked ", FormatDate(credential.update_service_checked_date()));
}

}  // namespace

void PrintApplicant(const v1::Applicant& applicant, std::ostream& out) {
  const v1::Profile& profile = applicant.profile();
  Fields fields;
  fields.Add("name", applicant.name());
  fields.Add("email", applicant.email());
  fields.Add("display name", profile.display_name());
  fields.Add("state", Label(applicant.state()));
  fields.Add("born", FormatDate(profile.date_of_birth()));
  fields.Add("region", Label(profile.region()));
  fields.Add("attendance", Label(profile.attendance()));
  fields.Add("hours a month", absl::StrCat(profile.availability_hours_per_month()));
  fields.Add("roles at once", profile.max_concurrent_roles() > 0
                                  ? absl::StrCat(profile.max_concurrent_roles())
                                  : "");
  fields.Add("lived experience", JoinTags(profile.lived_experience()));
  fields.Add("skills", JoinTags(profile.skills()));
  fields.Add("expertise", JoinTags(profile.expertise()));
  fields.Add("access needs", JoinTags(profile.access_needs()));
  fields.Add("access note", profile.access_needs_note());
  fields.Add("interests", InterestsText(profile.declared_interests()));
  fields.Add("consent", ConsentText(applicant.consent()));
  fields.Add("role suggestions", applicant.consent().role_suggestions_agreed() ? "yes" : "no");
  fields.Add("created", FormatTimestamp(applicant.create_time()));
  fields.Add("updated", FormatTimestamp(applicant.update_time()));
  fields.Add("etag", applicant.etag());
  fields.Print(out);
}

void PrintApplicants(const Repeated<v1::Applicant>& applicants, std::ostream& out) {
  if (applicants.empty()) {
    out << "no applicants\n";
    return;
  }
  Table table({"NAME", "DISPLAY NAME", "EMAIL", "REGION", "ATTENDANCE", "CREATED"});
  for (const v1::Applicant& applicant : applicants) {
    table.AddRow({applicant.name(), applicant.profile().display_name(), applicant.email(),
                  OrDash(Label(applicant.profile().region())),
                  OrDash(Label(applicant.profile().attendance())),
                  FormatDate(applicant.create_time())});
  }
  table.Print(out);
}

void PrintCredential(const v1::Credential& credential, std::ostream& out) {
  Fields fields;
  fields.Add("name", credential.name());
  fields.Add("kind", credential.kind());
  fields.Add("status", Label(credential.status()));
  fields.Add("granted by", credential.granted_by());
  fields.Add("issued", FormatDate(credential.issue_date()));
  fields.Add("expires", FormatDate(credential.expiry_date()));
  fields.Add("update service", UpdateServiceText(credential));
  fields.Add("granted", FormatTimestamp(credential.grant_time()));
  fields.Add("revoked", FormatTimestamp(credential.revoke_time()));
  fields.Add("revoke reason", credential.revoke_reason());
  fields.Print(out);
}

void PrintCredentials(const v1::ListCredentialsResponse& response, std::ostream& out) {
  if (response.credentials().empty()) {
    out << "no credentials\n";
    return;
  }
  Table table({"NAME", "KIND", "STATUS", "GRANTED BY", "ISSUED", "EXPIRES"});
  for (const v1::Credential& credential : response.credentials()) {
    table.AddRow({credential.name(), credential.kind(), OrDash(Label(credential.status())),
                  OrDash(credential.granted_by()), OrDash(FormatDate(credential.issue_date())),
                  OrDash(FormatDate(credential.expiry_date()))});
  }
  table.Print(out);
}

void PrintEqualityMonitoring(const v1::EqualityMonitoring& monitoring, std::ostream& out) {
  Fields fields;
  for (const std::string& question : EqualityQuestions()) {
    fields.Add(QuestionText(question), AnswerOf(monitoring, question));
  }
  fields.Print(out);
}

void PrintEqualityCounts(const v1::EqualityCounts& counts, std::ostream& out) {
  out << "people counted: " << OrDash(counts.people_shown()) << "\n\n";
  Table table({"QUESTION", "ANSWER", "SHOWN"});
  for (const v1::EqualityQuestion& question : counts.questions()) {
    for (const v1::EqualityCount& count : question.counts()) {
      table.AddRow({QuestionText(question.question()),
                    AnswerLabel(question.question(), count.answer()), count.shown()});
    }
  }
  table.Print(out);
  out << "\nCounts from 1 to 4 are shown as \"<5\", so that no one can be picked out.\n";
}

}  // namespace cadre::cadrectl
