#include "tools/cadrectl/credential_flags.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/base/credential_names.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {

std::vector<FlagSpec> GrantFlags() {
  return {
      {"kind", "KIND",
       "dbs-basic, dbs-standard, dbs-enhanced, modules/ID or an accreditation slug (required)"},
      {"issued", "DATE", "the certificate's issue date, YYYY-MM-DD (required for a DBS check)"},
      {"expires", "DATE",
       "the last day it counts, YYYY-MM-DD (required); on the Update Service: the day to "
       "check it again"},
      {"update-service", "", "the DBS certificate is on the DBS Update Service"},
      {"checked", "DATE", "when it was last checked on the Update Service (with --update-service)"},
  };
}

absl::StatusOr<cadre::v1::GrantCredentialRequest> GrantRequestFromFlags(
    const ParsedArgs& args, absl::string_view applicant, absl::string_view request_id) {
  CADRE_RETURN_IF_ERROR(RequireFlags(args, {"kind", "expires"}));
  cadre::v1::GrantCredentialRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_applicant(),
                         ResourceName("applicants", applicant, "APPLICANT"));
  request.set_request_id(std::string(request_id));
  cadre::v1::Credential* credential = request.mutable_credential();
  const std::string kind(absl::StripAsciiWhitespace(args.Get("kind")));
  if (!IsCredentialName(kind)) {
    return UsageError(absl::StrCat("--kind: '", kind,
                                   "' is not a credential (dbs-basic, dbs-standard, "
                                   "dbs-enhanced, modules/ID or an accreditation slug)"));
  }
  credential->set_kind(kind);
  const bool dbs = DbsLevel(kind) > 0;
  if (dbs && !args.Has("issued")) return UsageError("--issued: required for a DBS check");
  if (args.Has("issued")) {
    CADRE_ASSIGN_OR_RETURN(*credential->mutable_issue_date(), DateFlag(args, "issued"));
  }
  CADRE_ASSIGN_OR_RETURN(*credential->mutable_expiry_date(), DateFlag(args, "expires"));
  bool update_service = false;
  if (args.Has("update-service")) {
    CADRE_ASSIGN_OR_RETURN(update_service, BoolFlag(args, "update-service"));
  }
  if (update_service && !dbs) return UsageError("--update-service: only for a DBS check");
  if (update_service != args.Has("checked")) {
    return UsageError(update_service ? "--checked: required with --update-service"
                                     : "--checked: only with --update-service");
  }
  credential->set_on_update_service(update_service);
  if (update_service) {
    CADRE_ASSIGN_OR_RETURN(*credential->mutable_update_service_checked_date(),
                           DateFlag(args, "checked"));
  }
  return request;
}

absl::StatusOr<std::string> CredentialName(absl::string_view text, absl::string_view what) {
  text = absl::StripAsciiWhitespace(text);
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '/');
  if (parts.size() != 4 || parts[0] != "applicants" || parts[1].empty() ||
      parts[2] != "credentials" || parts[3].empty()) {
    return UsageError(absl::StrCat(what, ": '", text,
                                   "' is not a name like applicants/ID/credentials/N (as "
                                   "credentials list shows)"));
  }
  return std::string(text);
}

}  // namespace cadre::cadrectl
