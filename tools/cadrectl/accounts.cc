// applicants sign-up | sign-in | sign-out | change-email | change-password |
// reset-password: a person's account with the matching service. Passwords come from
// files or stdin (secret_files.h), never from a flag's value.

#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "cadre/v1/matching.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/applicant_flags.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/secret_files.h"
#include "tools/cadrectl/times.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// Opens --key-out before the call, so that a path that cannot be written fails before an
// account or key is made.
absl::StatusOr<absl::optional<PrivateFile>> OpenKeyOut(const Invocation& inv) {
  if (!inv.args.Has("key-out")) return absl::optional<PrivateFile>();
  CADRE_ASSIGN_OR_RETURN(PrivateFile file, PrivateFile::Open("key-out", inv.args.Get("key-out")));
  return absl::optional<PrivateFile>(std::move(file));
}

// Shows a key that a call returned, the one time it is seen: written to --key-out if
// given (and then never on stdout), otherwise printed with a warning to store it. With
// --json the response is printed (its key cleared when written to the file).
template <typename Response>
absl::Status ShowNewKey(Invocation& inv, absl::optional<PrivateFile> key_out,
                        const std::string& applicant, Response response) {
  const std::string key = response.key();
  if (key_out.has_value()) {
    CADRE_RETURN_IF_ERROR(key_out->WriteAndClose(absl::StrCat(key, "\n")));
    response.clear_key();
  }
  if (inv.options.json) {
    if (!key_out.has_value()) {
      inv.err << "warning: the key is shown only this once; store it now.\n";
    }
    return PrintJson(response, inv.out);
  }
  Fields fields;
  fields.Add("applicant", applicant);
  fields.Add("key", key_out.has_value()
                        ? absl::StrCat("written to ", key_out->path(), " (mode 600)")
                        : key);
  fields.Add("key expires", FormatTimestamp(response.key_expire_time()));
  fields.Print(inv.out);
  if (key_out.has_value()) {
    inv.out << "\nUse it with: cadrectl --key_file " << key_out->path() << " applicants me\n";
  } else {
    inv.out << "\nwarning: the key is shown only this once and cannot be retrieved later;\n"
               "store it now (e.g. in a file for --key_file or CADRE_API_KEY_FILE). Sign in\n"
               "again for a new one; applicants sign-out revokes it.\n";
  }
  return absl::OkStatus();
}

absl::Status SignUp(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(v1::SignUpRequest request, SignUpRequestFromFlags(inv.args));
  CADRE_ASSIGN_OR_RETURN(*request.mutable_password(),
                         ReadPassword(inv.args, "password-file", "password-stdin", inv.in));
  CADRE_ASSIGN_OR_RETURN(absl::optional<PrivateFile> key_out, OpenKeyOut(inv));
  v1::SignUpResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::SignUp, request, &response));
  const std::string applicant = response.applicant().name();
  return ShowNewKey(inv, std::move(key_out), applicant, std::move(response));
}

absl::Status SignIn(Invocation& inv) {
  CADRE_RETURN_IF_ERROR(RequireFlags(inv.args, {"email"}));
  v1::SignInRequest request;
  request.set_email(inv.args.Get("email"));
  CADRE_ASSIGN_OR_RETURN(*request.mutable_password(),
                         ReadPassword(inv.args, "password-file", "password-stdin", inv.in));
  CADRE_ASSIGN_OR_RETURN(absl::optional<PrivateFile> key_out, OpenKeyOut(inv));
  v1::SignInResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::SignIn, request, &response));
  const std::string applicant = response.applicant();
  return ShowNewKey(inv, std::move(key_out), applicant, std::move(response));
}

absl::Status SignOut(Invocation& inv) {
  if (inv.options.key.empty()) {
    return UsageError("--key: required: sign-out revokes the key given (--key, --key_file)");
  }
  v1::SignOutResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::SignOut, v1::SignOutRequest(), &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "signed out: the key no longer works\n";
  return absl::OkStatus();
}

absl::Status ChangeEmail(Invocation& inv) {
  CADRE_RETURN_IF_ERROR(RequireFlags(inv.args, {"new-email"}));
  v1::ChangeEmailRequest request;
  request.set_new_email(inv.args.Get("new-email"));
  CADRE_ASSIGN_OR_RETURN(*request.mutable_current_password(),
                         ReadPassword(inv.args, "password-file", "password-stdin", inv.in));
  v1::Applicant applicant;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::ChangeEmail, request, &applicant));
  return Show(inv, applicant, PrintApplicant);
}

absl::Status ChangePassword(Invocation& inv) {
  v1::ChangePasswordRequest request;
  // Read in this order, so that with both on stdin the first line is the current one.
  CADRE_ASSIGN_OR_RETURN(
      *request.mutable_current_password(),
      ReadPassword(inv.args, "current-password-file", "current-password-stdin", inv.in));
  CADRE_ASSIGN_OR_RETURN(*request.mutable_new_password(),
                         ReadPassword(inv.args, "new-password-file", "new-password-stdin", inv.in));
  CADRE_ASSIGN_OR_RETURN(absl::optional<PrivateFile> key_out, OpenKeyOut(inv));
  v1::ChangePasswordResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::ChangePassword, request, &response));
  if (!inv.options.json) {
    inv.out << "password changed; every key of yours was revoked, this is your new one:\n";
  }
  return ShowNewKey(inv, std::move(key_out), "", std::move(response));
}

absl::Status ResetPassword(Invocation& inv) {
  v1::ResetPasswordRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_applicant(),
                         ResourceName("applicants", inv.args.positionals[0], "APPLICANT"));
  CADRE_ASSIGN_OR_RETURN(*request.mutable_new_password(),
                         ReadPassword(inv.args, "password-file", "password-stdin", inv.in));
  v1::ResetPasswordResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&MatchingStub::ResetPassword, request, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "password reset for " << request.applicant() << "; " << response.keys_revoked()
          << (response.keys_revoked() == 1 ? " key" : " keys") << " revoked\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> AccountCommands() {
  const FlagSpec email = {"email", "EMAIL", "the email signed up with (required)"};
  const FlagSpec password_file = PasswordFileFlag();
  const FlagSpec password_stdin = PasswordStdinFlag();
  const FlagSpec key_out = KeyOutFlag();
  return {
      {"applicants", "sign-up", "", 0, 0,
       "create your applicant account; prints your applicant name and key once",
       WithFlags(WithFlags({email, password_file, password_stdin}, ProfileFlags()),
                 WithFlags(ConsentFlags(), {key_out})),
       SignUp,
       "Required: --email, --password-file or --password-stdin, --name, --born, --region,\n"
       "--attendance, --agree. The password is 10-128 characters, not a common one."},
      {"applicants",
       "sign-in",
       "",
       0,
       0,
       "sign in; prints a new key once",
       {email, password_file, password_stdin, key_out},
       SignIn},
      {"applicants", "sign-out", "", 0, 0, "revoke the key this call is made with", {}, SignOut},
      {"applicants",
       "change-email",
       "",
       0,
       0,
       "change your email (needs your password)",
       {{"new-email", "EMAIL", "the new email (required)"}, password_file, password_stdin},
       ChangeEmail,
       "The password given is your current one."},
      {"applicants",
       "change-password",
       "",
       0,
       0,
       "change your password",
       {{"current-password-file", "FILE", "read the current password from FILE"},
        {"current-password-stdin", "", "read the current password from stdin"},
        {"new-password-file", "FILE", "read the new password from FILE"},
        {"new-password-stdin", "", "read the new password from stdin"},
        {"key-out", "FILE", "write the new key to FILE (mode 600) instead of showing it"}},
       ChangePassword,
       "With both on stdin, the first line is the current password, the second the new."},
      {"applicants",
       "reset-password",
       "APPLICANT",
       1,
       1,
       "set a new password and revoke every key of the applicant (admin)",
       {password_file, password_stdin},
       ResetPassword,
       "The password given is the new one; tell the person through a channel you trust."},
  };
}

}  // namespace cadre::cadrectl
