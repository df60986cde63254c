// keys create / keys revoke / keys list / keys revoke-subject.

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

using cadre::v1::PrincipalKind;

// --kind and --subject into `kind` and `subject`. A body key's subject is a body name;
// "RXF" is taken to mean "bodies/RXF". Usage errors name the flag.
absl::Status KindAndSubject(const ParsedArgs& args, PrincipalKind* kind, std::string* subject) {
  if (!args.Has("kind")) return UsageError("--kind: required (body, admin, applicant, service)");
  CADRE_ASSIGN_OR_RETURN(*kind, EnumFlag<PrincipalKind>(args, "kind"));
  if (!args.Has("subject")) {
    if (*kind == cadre::v1::PRINCIPAL_KIND_ADMIN) return absl::OkStatus();
    return UsageError("--subject: required for body, applicant and service keys");
  }
  *subject = args.Get("subject");
  if (*kind == cadre::v1::PRINCIPAL_KIND_BODY) {
    CADRE_ASSIGN_OR_RETURN(*subject, ResourceName("bodies", args.Get("subject"), "--subject"));
  }
  return absl::OkStatus();
}

absl::Status CreateKey(Invocation& inv) {
  const ParsedArgs& args = inv.args;
  cadre::v1::CreateApiKeyRequest request;
  PrincipalKind kind = cadre::v1::PRINCIPAL_KIND_UNSPECIFIED;
  CADRE_RETURN_IF_ERROR(KindAndSubject(args, &kind, request.mutable_subject()));
  request.set_kind(kind);
  request.set_label(args.Get("label"));
  if (args.Has("expires")) {
    CADRE_ASSIGN_OR_RETURN(absl::Time expires, ExpiryFlag(args, "expires", absl::Now()));
    ToProto(expires, request.mutable_expire_time());
  }

  cadre::v1::CreateApiKeyResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::CreateApiKey, request, &response));
  if (inv.options.json) {
    inv.err << "warning: the secret is shown only this once; store it now.\n";
    return PrintJson(response, inv.out);
  }
  Fields fields;
  fields.Add("key id", response.key_id());
  fields.Add("kind", Label(kind));
  fields.Add("subject", request.subject());
  fields.Add("expires", FormatTimestamp(request.expire_time()));
  fields.Add("secret", response.secret());
  fields.Print(inv.out);
  inv.out << "\nwarning: the secret is shown only this once and cannot be retrieved later;\n"
             "store it now. Revoke the key with: cadrectl keys revoke "
          << response.key_id() << "\n";
  return absl::OkStatus();
}

absl::Status RevokeKey(Invocation& inv) {
  cadre::v1::RevokeApiKeyRequest request;
  request.set_key_id(inv.args.positionals[0]);
  cadre::v1::RevokeApiKeyResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::RevokeApiKey, request, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "revoked key " << request.key_id() << "\n";
  return absl::OkStatus();
}

absl::Status ListKeys(Invocation& inv) {
  cadre::v1::ListSubjectKeysRequest request;
  PrincipalKind kind = cadre::v1::PRINCIPAL_KIND_UNSPECIFIED;
  CADRE_RETURN_IF_ERROR(KindAndSubject(inv.args, &kind, request.mutable_subject()));
  request.set_kind(kind);
  cadre::v1::ListSubjectKeysResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::ListSubjectKeys, request, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  Table table({"KEY ID", "LABEL", "CREATED", "EXPIRES"});
  for (const cadre::v1::SubjectKey& key : response.keys()) {
    table.AddRow({key.key_id(), OrDash(key.label()), FormatTimestamp(key.create_time()),
                  key.has_expire_time() ? FormatTimestamp(key.expire_time()) : "never"});
  }
  if (table.rows() == 0) {
    inv.out << "no live keys\n";
    return absl::OkStatus();
  }
  table.Print(inv.out);
  return absl::OkStatus();
}

absl::Status RevokeSubjectKeys(Invocation& inv) {
  cadre::v1::RevokeSubjectKeysRequest request;
  PrincipalKind kind = cadre::v1::PRINCIPAL_KIND_UNSPECIFIED;
  CADRE_RETURN_IF_ERROR(KindAndSubject(inv.args, &kind, request.mutable_subject()));
  request.set_kind(kind);
  cadre::v1::RevokeSubjectKeysResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::RevokeSubjectKeys, request, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "revoked " << response.revoked() << (response.revoked() == 1 ? " key" : " keys")
          << " of " << Label(kind) << (request.subject().empty() ? "" : " ") << request.subject()
          << "\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> KeyCommands() {
  const FlagSpec kind = {"kind", "KIND", "body, admin, applicant or service (required)"};
  const FlagSpec subject = {
      "subject", "SUBJECT",
      "bodies/CODE (or CODE) for body keys; the applicant id or service name otherwise"};
  return {
      {"keys",
       "create",
       "",
       0,
       0,
       "issue an API key (admin: any key; a body: keys bound to itself)",
       {kind,
        subject,
        {"label", "TEXT", "what the key is for, up to 120 characters"},
        {"expires", "WHEN",
         "the key stops working: in 30d, 12h or 90m, or at a date or RFC 3339 time (at most "
         "400 days ahead); default never"}},
       CreateKey},
      {"keys", "revoke", "KEY_ID", 1, 1, "revoke an API key", {}, RevokeKey},
      {"keys",
       "list",
       "",
       0,
       0,
       "list a key holder's live keys, oldest first (admin); never secrets",
       {kind, subject},
       ListKeys},
      {"keys",
       "revoke-subject",
       "",
       0,
       0,
       "revoke every key of a key holder at once (admin)",
       {kind, subject},
       RevokeSubjectKeys},
  };
}

}  // namespace cadre::cadrectl
