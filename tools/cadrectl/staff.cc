// staff create | list | get | update | deactivate | setup-link | set-password | sign-in |
// sign-out: bodies' staff accounts in the registry. Passwords come from files or stdin
// (secret_files.h), never from a flag's value; set-up tokens and keys are shown once.

#include <ostream>
#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/secret_files.h"
#include "tools/cadrectl/times.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// A staff member's name as given: "bodies/{code}/staff/{id}" (the registry checks the
// rest).
absl::StatusOr<std::string> StaffOperand(const Invocation& inv) {
  const std::string& text = inv.args.positionals[0];
  if (!absl::StartsWith(text, "bodies/") || !absl::StrContains(text, "/staff/")) {
    return UsageError(absl::StrCat("STAFF: must be bodies/CODE/staff/ID, not '", text, "'"));
  }
  return text;
}

void PrintStaff(const v1::Staff& staff, std::ostream& out) {
  Fields fields;
  fields.Add("name", staff.name());
  fields.Add("display name", staff.display_name());
  fields.Add("email", staff.email());
  fields.Add("role", Label(staff.role()));
  fields.Add("state", Label(staff.state()));
  fields.Add("created", FormatTimestamp(staff.create_time()));
  fields.Add("created by", staff.created_by());
  if (staff.has_last_sign_in_time()) {
    fields.Add("last sign-in", FormatTimestamp(staff.last_sign_in_time()));
  }
  if (staff.has_deactivate_time()) {
    fields.Add("deactivated", FormatTimestamp(staff.deactivate_time()));
  }
  fields.Add("etag", staff.etag());
  fields.Print(out);
}

void PrintStaffList(const Repeated<v1::Staff>& staff, std::ostream& out) {
  if (staff.empty()) {
    out << "no staff\n";
    return;
  }
  Table table({"NAME", "DISPLAY NAME", "ROLE", "STATE", "EMAIL"});
  for (const v1::Staff& s : staff) {
    table.AddRow(
        {s.name(), s.display_name(), Label(s.role()), Label(s.state()), OrDash(s.email())});
  }
  table.Print(out);
}

// Prints a set-up link the one time it is seen: the token, its expiry, and the page to
// open when the gateway's public address is known (--public_url, CADRE_PUBLIC_URL).
void PrintSetup(const Invocation& inv, const v1::StaffSetupLink& setup) {
  Fields fields;
  fields.Add("staff", setup.staff().name());
  fields.Add("setup token", setup.setup_token());
  fields.Add("expires", FormatTimestamp(setup.expire_time()));
  if (!inv.options.public_url.empty()) {
    fields.Add("setup link",
               absl::StrCat(inv.options.public_url, "/staff/set-password/", setup.setup_token()));
  }
  fields.Print(inv.out);
  inv.out << "\nwarning: the set-up token is shown only this once; pass it to the member "
             "through a\nchannel you trust. It works once, until it expires; "
             "cadrectl staff setup-link makes a new one.\n";
}

absl::Status CreateStaff(Invocation& inv) {
  CADRE_RETURN_IF_ERROR(RequireFlags(inv.args, {"name", "email", "role"}));
  v1::CreateStaffRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_parent(),
                         ResourceName("bodies", inv.args.positionals[0], "BODY"));
  request.mutable_staff()->set_display_name(inv.args.Get("name"));
  request.mutable_staff()->set_email(inv.args.Get("email"));
  CADRE_ASSIGN_OR_RETURN(v1::StaffRole role, EnumFlag<v1::StaffRole>(inv.args, "role"));
  request.mutable_staff()->set_role(role);
  request.set_request_id(inv.client.request_id());
  v1::CreateStaffResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::CreateStaff, request, &response));
  if (inv.options.json) {
    inv.err << "warning: the set-up token is shown only this once.\n";
    return PrintJson(response, inv.out);
  }
  PrintSetup(inv, response.setup());
  return absl::OkStatus();
}

absl::Status ListStaff(Invocation& inv) {
  v1::ListStaffRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_parent(),
                         ResourceName("bodies", inv.args.positionals[0], "BODY"));
  if (inv.args.Has("deactivated")) {
    CADRE_ASSIGN_OR_RETURN(bool deactivated, BoolFlag(inv.args, "deactivated"));
    request.set_include_deactivated(deactivated);
  }
  CADRE_RETURN_IF_ERROR(ReadPaging(inv.args, 200, &request));
  return ListPages(inv, request, &Stub::ListStaff, &v1::ListStaffResponse::mutable_staff,
                   PrintStaffList);
}

absl::StatusOr<v1::Staff> Fetch(Invocation& inv, const std::string& name) {
  v1::GetStaffRequest request;
  request.set_name(name);
  v1::Staff staff;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::GetStaff, request, &staff));
  return staff;
}

// --etag, or the account's etag now (read first) when it is not given.
absl::StatusOr<std::string> EtagOf(Invocation& inv, const std::string& name) {
  if (inv.args.Has("etag")) return inv.args.Get("etag");
  CADRE_ASSIGN_OR_RETURN(v1::Staff staff, Fetch(inv, name));
  return staff.etag();
}

absl::Status GetStaff(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(std::string name, StaffOperand(inv));
  CADRE_ASSIGN_OR_RETURN(v1::Staff staff, Fetch(inv, name));
  return Show(inv, staff, PrintStaff);
}

absl::Status UpdateStaff(Invocation& inv) {
  v1::UpdateStaffRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_staff()->mutable_name(), StaffOperand(inv));
  if (inv.args.Has("name")) {
    request.mutable_staff()->set_display_name(inv.args.Get("name"));
    request.mutable_update_mask()->add_paths("display_name");
  }
  if (inv.args.Has("role")) {
    CADRE_ASSIGN_OR_RETURN(v1::StaffRole role, EnumFlag<v1::StaffRole>(inv.args, "role"));
    request.mutable_staff()->set_role(role);
    request.mutable_update_mask()->add_paths("role");
  }
  if (request.update_mask().paths().empty()) {
    return UsageError("staff update: give --name or --role (or both)");
  }
  CADRE_ASSIGN_OR_RETURN(*request.mutable_etag(), EtagOf(inv, request.staff().name()));
  v1::Staff updated;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::UpdateStaff, request, &updated));
  return Show(inv, updated, PrintStaff);
}

absl::Status DeactivateStaff(Invocation& inv) {
  v1::DeactivateStaffRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), StaffOperand(inv));
  CADRE_ASSIGN_OR_RETURN(*request.mutable_etag(), EtagOf(inv, request.name()));
  v1::Staff staff;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::DeactivateStaff, request, &staff));
  return Show(inv, staff, PrintStaff);
}

absl::Status SetupLink(Invocation& inv) {
  v1::IssueStaffSetupLinkRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), StaffOperand(inv));
  v1::StaffSetupLink link;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::IssueStaffSetupLink, request, &link));
  if (inv.options.json) return PrintJson(link, inv.out);
  PrintSetup(inv, link);
  return absl::OkStatus();
}

// Shows the key a sign-in returned, once: to --key-out if given (never on stdout then).
absl::Status ShowSignIn(Invocation& inv, absl::optional<PrivateFile> key_out,
                        v1::SignInStaffResponse response) {
  const std::string key = response.key();
  if (key_out.has_value()) {
    CADRE_RETURN_IF_ERROR(key_out->WriteAndClose(absl::StrCat(key, "\n")));
    response.clear_key();
  }
  if (inv.options.json) {
    if (!key_out.has_value()) inv.err << "warning: the key is shown only this once.\n";
    return PrintJson(response, inv.out);
  }
  Fields fields;
  fields.Add("staff", response.staff().name());
  fields.Add("role", Label(response.staff().role()));
  fields.Add("key", key_out.has_value()
                        ? absl::StrCat("written to ", key_out->path(), " (mode 600)")
                        : key);
  fields.Add("key expires", FormatTimestamp(response.key_expire_time()));
  fields.Print(inv.out);
  if (!key_out.has_value()) {
    inv.out << "\nwarning: the key is shown only this once; store it now (e.g. in a file for "
               "--key_file).\ncadrectl staff sign-out revokes it.\n";
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::optional<PrivateFile>> OpenKeyOut(const Invocation& inv) {
  if (!inv.args.Has("key-out")) return absl::optional<PrivateFile>();
  CADRE_ASSIGN_OR_RETURN(PrivateFile file, PrivateFile::Open("key-out", inv.args.Get("key-out")));
  return absl::optional<PrivateFile>(std::move(file));
}

absl::Status SetPassword(Invocation& inv) {
  v1::SetStaffPasswordRequest request;
  request.set_setup_token(inv.args.positionals[0]);
  CADRE_ASSIGN_OR_RETURN(*request.mutable_password(),
                         ReadPassword(inv.args, "password-file", "password-stdin", inv.in));
  CADRE_ASSIGN_OR_RETURN(absl::optional<PrivateFile> key_out, OpenKeyOut(inv));
  v1::SignInStaffResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::SetStaffPassword, request, &response));
  return ShowSignIn(inv, std::move(key_out), std::move(response));
}

absl::Status SignIn(Invocation& inv) {
  CADRE_RETURN_IF_ERROR(RequireFlags(inv.args, {"email"}));
  v1::SignInStaffRequest request;
  request.set_email(inv.args.Get("email"));
  CADRE_ASSIGN_OR_RETURN(*request.mutable_password(),
                         ReadPassword(inv.args, "password-file", "password-stdin", inv.in));
  CADRE_ASSIGN_OR_RETURN(absl::optional<PrivateFile> key_out, OpenKeyOut(inv));
  v1::SignInStaffResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::SignInStaff, request, &response));
  return ShowSignIn(inv, std::move(key_out), std::move(response));
}

absl::Status SignOut(Invocation& inv) {
  if (inv.options.key.empty()) {
    return UsageError("--key: required: sign-out revokes the key given (--key, --key_file)");
  }
  v1::SignOutStaffResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::SignOutStaff, v1::SignOutStaffRequest(), &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "signed out: the key no longer works\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> StaffCommands() {
  const FlagSpec role = {"role", "ROLE", "manager, recruiter or viewer"};
  const FlagSpec etag = {"etag", "ETAG",
                         "fail with ABORTED unless the account still has this etag (default: "
                         "read it first)"};
  const FlagSpec password_file = PasswordFileFlag();
  const FlagSpec password_stdin = PasswordStdinFlag();
  const FlagSpec key_out = KeyOutFlag();
  std::vector<FlagSpec> list_flags = {{"deactivated", "", "also list deactivated accounts"}};
  for (const FlagSpec& flag : PagingFlags(200)) list_flags.push_back(flag);
  return {
      {"staff",
       "create",
       "BODY",
       1,
       1,
       "add a member to a body's staff; prints their one-time set-up token",
       {{"name", "TEXT", "their display name, 2-80 characters (required)"},
        {"email", "EMAIL", "their organisational email (required)"},
        {"role", "ROLE", "manager, recruiter or viewer (required)"}},
       CreateStaff,
       "The body's own key, a manager of the body or an admin. With --public_url (or\n"
       "CADRE_PUBLIC_URL) the gateway's set-up page is printed too. --request_id makes the\n"
       "create safe to retry (a retry answers the same account with a fresh token)."},
      {"staff", "list", "BODY", 1, 1,
       "list a body's staff by display name (its key, a manager or an admin)", list_flags,
       ListStaff},
      {"staff",
       "get",
       "STAFF",
       1,
       1,
       "show a staff account (yours, or as its body's manager)",
       {},
       GetStaff},
      {"staff",
       "update",
       "STAFF",
       1,
       1,
       "change a member's display name or role (a new role signs them out)",
       {{"name", "TEXT", "the new display name"}, role, etag},
       UpdateStaff},
      {"staff",
       "deactivate",
       "STAFF",
       1,
       1,
       "deactivate an account: its keys stop working at once",
       {etag},
       DeactivateStaff},
      {"staff",
       "setup-link",
       "STAFF",
       1,
       1,
       "a new one-time set-up token (the old one and the member's keys stop working)",
       {},
       SetupLink},
      {"staff",
       "set-password",
       "TOKEN",
       1,
       1,
       "set your password with your set-up token; signs you in",
       {password_file, password_stdin, key_out},
       SetPassword,
       "The password is 8-128 characters."},
      {"staff",
       "sign-in",
       "",
       0,
       0,
       "sign in as a member of a body's staff; prints a new key once",
       {{"email", "EMAIL", "your organisational email (required)"},
        password_file,
        password_stdin,
        key_out},
       SignIn},
      {"staff", "sign-out", "", 0, 0, "revoke the staff key this call is made with", {}, SignOut},
  };
}

}  // namespace cadre::cadrectl
