// bodies create | get | list | update.

#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/resource_flags.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// The update-mask path of each flag of bodies update but --etag.
constexpr MaskPath kBodyMask[] = {
    {"name", "display_name"},
    {"region", "region"},
    {"website", "website"},
    {"description", "description"},
    {"contact-email", "contact_email"},
};

// Sets the fields whose flags (kBodyMask) are present.
absl::Status ApplyBodyFlags(const ParsedArgs& args, v1::Body* body) {
  if (args.Has("name")) body->set_display_name(args.Get("name"));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "region", body, &v1::Body::set_region));
  if (args.Has("website")) body->set_website(args.Get("website"));
  if (args.Has("description")) body->set_description(args.Get("description"));
  if (args.Has("contact-email")) body->set_contact_email(args.Get("contact-email"));
  return absl::OkStatus();
}

absl::Status CreateBody(Invocation& inv) {
  CADRE_RETURN_IF_ERROR(RequireFlags(inv.args, {"name", "kind", "region"}));
  v1::CreateBodyRequest request;
  v1::Body* body = request.mutable_body();
  // No --ods: the registry issues a "CDR..." code.
  body->set_ods_code(inv.args.Get("ods"));
  CADRE_ASSIGN_OR_RETURN(v1::BodyKind kind, EnumFlag<v1::BodyKind>(inv.args, "kind"));
  body->set_kind(kind);
  CADRE_RETURN_IF_ERROR(ApplyBodyFlags(inv.args, body));
  request.set_request_id(inv.client.request_id());
  v1::Body created;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::CreateBody, request, &created));
  return Show(inv, created, PrintBody);
}

absl::Status GetBody(Invocation& inv) {
  v1::GetBodyRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(),
                         ResourceName("bodies", inv.args.positionals[0], "BODY"));
  v1::Body body;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::GetBody, request, &body));
  return Show(inv, body, PrintBody);
}

absl::Status ListBodies(Invocation& inv) {
  using v1::ListBodiesRequest;
  ListBodiesRequest request;
  CADRE_RETURN_IF_ERROR(OptionalEnum(inv.args, "kind", &request, &ListBodiesRequest::set_kind));
  CADRE_RETURN_IF_ERROR(OptionalEnum(inv.args, "region", &request, &ListBodiesRequest::set_region));
  CADRE_RETURN_IF_ERROR(ReadPaging(inv.args, 200, &request));
  return ListPages(inv, request, &Stub::ListBodies, &v1::ListBodiesResponse::mutable_bodies,
                   PrintBodies);
}

absl::Status UpdateBody(Invocation& inv) {
  v1::UpdateBodyRequest request;
  v1::Body* body = request.mutable_body();
  CADRE_ASSIGN_OR_RETURN(*body->mutable_name(),
                         ResourceName("bodies", inv.args.positionals[0], "BODY"));
  CADRE_RETURN_IF_ERROR(ApplyBodyFlags(inv.args, body));
  const std::vector<std::string> paths = GivenPaths(inv.args, kBodyMask);
  if (paths.empty()) return UsageError("bodies update: give at least one field to change");
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  body->set_etag(inv.args.Get("etag"));
  v1::Body updated;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::UpdateBody, request, &updated));
  return Show(inv, updated, PrintBody);
}

}  // namespace

std::vector<Command> BodyCommands() {
  const FlagSpec name = {"name", "TEXT", "display name, 2-160 characters"};
  const FlagSpec region = {"region", "REGION", "e.g. london, south-east, national"};
  const FlagSpec website = {"website", "URL", "public web page, https:// only"};
  const FlagSpec description = {"description", "TEXT", "how the body involves people"};
  const FlagSpec contact_email = {"contact-email", "EMAIL",
                                  "where applicants write: a team's mailbox, never a person's"};
  const std::vector<FlagSpec> list_flags = WithFlags(
      {
          {"kind", "KIND", "only bodies of this kind"},
          {"region", "REGION", "only bodies in this region"},
      },
      PagingFlags(200));
  return {
      {"bodies",
       "create",
       "",
       0,
       0,
       "register a body (admin)",
       {{"ods", "CODE", "NHS ODS code; none: the registry issues a CDR code"},
        name,
        {"kind", "KIND",
         "nhs-england, icb, trust, local-healthwatch, regulator, nice, leadership-academy, "
         "charity or other (required)"},
        region,
        website,
        description,
        contact_email},
       CreateBody,
       "Required: --name --kind --region. --kind cannot change later."},
      {"bodies", "get", "BODY", 1, 1, "show a body (bodies/CODE or CODE)", {}, GetBody},
      {"bodies", "list", "", 0, 0, "list bodies", list_flags, ListBodies},
      {"bodies",
       "update",
       "BODY",
       1,
       1,
       "change the fields given (admin or the body)",
       {name,
        region,
        website,
        description,
        contact_email,
        {"etag", "ETAG", "fail with ABORTED unless the body still has this etag"}},
       UpdateBody,
       "Only the fields given change; --name is the display name."},
  };
}

}  // namespace cadre::cadrectl
