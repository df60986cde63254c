// applicants me | update | export | erase (the person themself) and get | list (admin).

#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/applicant_flags.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/secret_files.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::StatusOr<v1::Applicant> FetchMine(Invocation& inv) {
  v1::Applicant applicant;
  CADRE_RETURN_IF_ERROR(
      inv.client.Call(&MatchingStub::GetMyProfile, v1::GetMyProfileRequest(), &applicant));
  return applicant;
}

absl::Status Me(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::Applicant applicant, FetchMine(inv));
  return Show(inv, applicant, PrintApplicant);
}

absl::Status Update(Invocation& inv) {
  // Checked before any call, so that a bad value fails naming its flag.
  const v1::Consent unread;
  CADRE_RETURN_IF_ERROR(UpdateRequestFromFlags(inv.args, &unread).status());
  absl::optional<v1::Applicant> stored;
  if (ChangesConsent(inv.args)) {
    // The consent is one field: start from the stored one so that --suggestions alone
    // keeps the notice agreed to, and send its etag so that a change made meanwhile
    // fails with ABORTED instead of being overwritten.
    CADRE_ASSIGN_OR_RETURN(stored, FetchMine(inv));
  }
  CADRE_ASSIGN_OR_RETURN(
      v1::UpdateMyProfileRequest request,
      UpdateRequestFromFlags(inv.args, stored.has_value() ? &stored->consent() : nullptr));
  if (request.etag().empty() && stored.has_value()) request.set_etag(stored->etag());
  v1::Applicant updated;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::UpdateMyProfile, request, &updated));
  return Show(inv, updated, PrintApplicant);
}

absl::Status Get(Invocation& inv) {
  v1::GetApplicantRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(),
                         ResourceName("applicants", inv.args.positionals[0], "APPLICANT"));
  v1::Applicant applicant;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::GetApplicant, request, &applicant));
  return Show(inv, applicant, PrintApplicant);
}

absl::Status List(Invocation& inv) {
  using v1::ListApplicantsRequest;
  ListApplicantsRequest request;
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(inv.args, "region", &request, &ListApplicantsRequest::set_region));
  CADRE_RETURN_IF_ERROR(ReadPaging(inv.args, 100, &request));
  return ListPages(inv, request, &MatchingStub::ListApplicants,
                   &v1::ListApplicantsResponse::mutable_applicants, PrintApplicants);
}

absl::Status Export(Invocation& inv) {
  v1::ExportMyDataRequest request;
  if (!inv.args.positionals.empty()) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_applicant(),
                           ResourceName("applicants", inv.args.positionals[0], "APPLICANT"));
  }
  // Opened first: a path that cannot be written fails before the data leaves the service.
  absl::optional<PrivateFile> file;
  if (inv.args.Has("out")) {
    CADRE_ASSIGN_OR_RETURN(file, PrivateFile::Open("out", inv.args.Get("out")));
  }
  v1::ExportMyDataResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::ExportMyData, request, &response));
  std::string document = response.json();
  if (document.empty() || document.back() != '\n') document.push_back('\n');
  if (!file.has_value()) {
    inv.out << document;
    return absl::OkStatus();
  }
  CADRE_RETURN_IF_ERROR(file->WriteAndClose(document));
  inv.err << "wrote " << file->path() << " (mode 600)\n";
  return absl::OkStatus();
}

absl::Status Erase(Invocation& inv) {
  v1::EraseApplicantRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_applicant(),
                         ResourceName("applicants", inv.args.positionals[0], "APPLICANT"));
  bool yes = false;
  if (inv.args.Has("yes")) {
    CADRE_ASSIGN_OR_RETURN(yes, BoolFlag(inv.args, "yes"));
  }
  if (!yes) {
    return UsageError(absl::StrCat("--yes: required: erasing ", request.applicant(),
                                   " deletes the account, profile, equality answers and "
                                   "credentials, and revokes every key; it cannot be undone"));
  }
  v1::EraseApplicantResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::EraseApplicant, request, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "erased " << request.applicant() << "\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> ApplicantCommands() {
  return {
      {"applicants", "me", "", 0, 0, "show your profile and consent", {}, Me},
      {"applicants", "update", "", 0, 0, "change the fields of your profile given",
       WithFlags(ProfileFlags(),
                 {{"agree", "", "agree anew, to --privacy-notice (default 2026-11)"},
                  {"privacy-notice", "VERSION", "the privacy notice agreed to (with --agree)"},
                  {"suggestions", "", "bodies may suggest roles to you (--suggestions=false: not)"},
                  {"etag", "ETAG", "fail with ABORTED unless the profile still has this etag"}}),
       Update,
       "Only the fields given change (the update mask is built from the flags); a list flag\n"
       "replaces the whole list (--skills= empties it)."},
      {"applicants",
       "export",
       "[APPLICANT]",
       0,
       1,
       "your data as one JSON document (admin: name the applicant)",
       {{"out", "FILE", "write it to FILE (mode 600) instead of stdout"}},
       Export,
       "The document is JSON already; --json changes nothing."},
      {"applicants",
       "erase",
       "APPLICANT",
       1,
       1,
       "erase an applicant for good: yourself (see applicants me), or anyone (admin)",
       {{"yes", "", "yes, erase for good (required)"}},
       Erase},
      {"applicants", "get", "APPLICANT", 1, 1, "show an applicant (admin)", {}, Get},
      {"applicants", "list", "", 0, 0, "list applicants, oldest first (admin)",
       WithFlags({{"region", "REGION", "only applicants in this region"}}, PagingFlags(100)), List},
  };
}

}  // namespace cadre::cadrectl
