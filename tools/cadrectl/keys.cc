// keys create / keys revoke.

#include "absl/strings/str_cat.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/output.h"

namespace cadre::cadrectl {
namespace {

using cadre::v1::PrincipalKind;

absl::Status CreateKey(Invocation& inv) {
  const ParsedArgs& args = inv.args;
  if (!args.Has("kind")) return UsageError("--kind: required (body, admin, applicant, service)");
  cadre::v1::CreateApiKeyRequest request;
  CADRE_ASSIGN_OR_RETURN(PrincipalKind kind, EnumFlag<PrincipalKind>(args, "kind"));
  request.set_kind(kind);
  if (args.Has("subject")) {
    request.set_subject(args.Get("subject"));
    // A body key's subject is a body name; "RXF" is taken to mean "bodies/RXF".
    if (kind == cadre::v1::PRINCIPAL_KIND_BODY) {
      CADRE_ASSIGN_OR_RETURN(*request.mutable_subject(),
                             ResourceName("bodies", args.Get("subject"), "--subject"));
    }
  } else if (kind != cadre::v1::PRINCIPAL_KIND_ADMIN) {
    return UsageError("--subject: required for body, applicant and service keys");
  }
  request.set_label(args.Get("label"));

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

}  // namespace

std::vector<Command> KeyCommands() {
  return {
      {"keys",
       "create",
       "",
       0,
       0,
       "issue an API key (admin: any key; a body: keys bound to itself)",
       {{"kind", "KIND", "body, admin, applicant or service (required)"},
        {"subject", "SUBJECT",
         "bodies/CODE for body keys; the applicant id or service name otherwise"},
        {"label", "TEXT", "what the key is for, up to 120 characters"}},
       CreateKey},
      {"keys", "revoke", "KEY_ID", 1, 1, "revoke an API key", {}, RevokeKey},
  };
}

}  // namespace cadre::cadrectl
