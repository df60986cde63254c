// credentials grant | revoke (a body or an admin) and list (the applicant, the granting
// body, an admin).

#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/credential_flags.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// Reason for revoking, in characters, as the proto states.
constexpr size_t kMinRevokeReason = 3;

absl::Status Grant(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(
      v1::GrantCredentialRequest request,
      GrantRequestFromFlags(inv.args, inv.args.positionals[0], inv.client.request_id()));
  v1::Credential granted;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::GrantCredential, request, &granted));
  return Show(inv, granted, PrintCredential);
}

absl::Status Revoke(Invocation& inv) {
  v1::RevokeCredentialRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(),
                         CredentialName(inv.args.positionals[0], "CREDENTIAL"));
  if (inv.args.Get("reason").size() < kMinRevokeReason) {
    return UsageError("--reason: required, 3-300 characters: why it no longer counts");
  }
  request.set_reason(inv.args.Get("reason"));
  v1::Credential revoked;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::RevokeCredential, request, &revoked));
  return Show(inv, revoked, PrintCredential);
}

absl::Status List(Invocation& inv) {
  v1::ListCredentialsRequest request;
  if (!inv.args.positionals.empty()) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_applicant(),
                           ResourceName("applicants", inv.args.positionals[0], "APPLICANT"));
  }
  v1::ListCredentialsResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::ListCredentials, request, &response));
  return Show(inv, response, PrintCredentials);
}

}  // namespace

std::vector<Command> CredentialCommands() {
  return {
      {"credentials", "grant", "APPLICANT", 1, 1,
       "grant a credential, e.g. a DBS check, to an applicant (a body or admin)", GrantFlags(),
       Grant,
       "Required: --kind --expires, and --issued for a DBS check. The person gives you\n"
       "their applicant name (applicants me shows it). --request_id makes it safe to retry."},
      {"credentials",
       "revoke",
       "CREDENTIAL",
       1,
       1,
       "revoke a credential you granted (the granting body or admin)",
       {{"reason", "TEXT", "why, 3-300 characters (required)"}},
       Revoke},
      {"credentials",
       "list",
       "[APPLICANT]",
       0,
       1,
       "credentials, newest first: your own, those your body granted, or any (admin)",
       {},
       List},
  };
}

}  // namespace cadre::cadrectl
