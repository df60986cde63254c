// bodies create | get | list | update.

#include "absl/strings/str_cat.h"
#include "cadre/v1/registry.pb.h"
#include "services/common/status_macros.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/resource_flags.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

absl::Status Show(Invocation& inv, const v1::Body& body) {
  if (inv.options.json) return PrintJson(body, inv.out);
  PrintBody(body, inv.out);
  return absl::OkStatus();
}

// The fields bodies update may change, by flag, with their update-mask paths.
absl::Status ApplyBodyFlags(const ParsedArgs& args, v1::Body* body,
                            std::vector<std::string>* paths) {
  if (args.Has("name")) {
    body->set_display_name(args.Get("name"));
    paths->push_back("display_name");
  }
  if (args.Has("region")) {
    CADRE_ASSIGN_OR_RETURN(v1::Region region, EnumFlag<v1::Region>(args, "region"));
    body->set_region(region);
    paths->push_back("region");
  }
  if (args.Has("website")) {
    body->set_website(args.Get("website"));
    paths->push_back("website");
  }
  if (args.Has("description")) {
    body->set_description(args.Get("description"));
    paths->push_back("description");
  }
  return absl::OkStatus();
}

absl::Status CreateBody(Invocation& inv) {
  for (absl::string_view flag : {"name", "kind", "region"}) {
    if (!inv.args.Has(flag)) return UsageError(absl::StrCat("--", flag, ": required"));
  }
  v1::CreateBodyRequest request;
  v1::Body* body = request.mutable_body();
  // No --ods: the registry issues a "CDR..." code.
  body->set_ods_code(inv.args.Get("ods"));
  CADRE_ASSIGN_OR_RETURN(v1::BodyKind kind, EnumFlag<v1::BodyKind>(inv.args, "kind"));
  body->set_kind(kind);
  std::vector<std::string> ignored;
  CADRE_RETURN_IF_ERROR(ApplyBodyFlags(inv.args, body, &ignored));
  request.set_request_id(inv.client.request_id());
  v1::Body created;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.CreateBody(context, request, &created); }));
  return Show(inv, created);
}

absl::Status GetBody(Invocation& inv) {
  v1::GetBodyRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(),
                         ResourceName("bodies", inv.args.positionals[0], "BODY"));
  v1::Body body;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.GetBody(context, request, &body); }));
  return Show(inv, body);
}

absl::Status ListBodies(Invocation& inv) {
  v1::ListBodiesRequest request;
  if (inv.args.Has("kind")) {
    CADRE_ASSIGN_OR_RETURN(auto kind, EnumFlag<v1::BodyKind>(inv.args, "kind"));
    request.set_kind(kind);
  }
  if (inv.args.Has("region")) {
    CADRE_ASSIGN_OR_RETURN(auto region, EnumFlag<v1::Region>(inv.args, "region"));
    request.set_region(region);
  }
  if (inv.args.Has("page-size")) {
    CADRE_ASSIGN_OR_RETURN(int size, IntFlag(inv.args, "page-size", 1, 200));
    request.set_page_size(size);
  }
  request.set_page_token(inv.args.Get("page-token"));
  bool all = false;
  if (inv.args.Has("all")) {
    CADRE_ASSIGN_OR_RETURN(all, BoolFlag(inv.args, "all"));
  }
  v1::ListBodiesResponse response;
  CADRE_RETURN_IF_ERROR(FetchPages(
      all, request, &response,
      [&](const v1::ListBodiesRequest& page_request, v1::ListBodiesResponse* page) {
        return inv.client.Run([&](auto& stub, auto* context) {
          return stub.ListBodies(context, page_request, page);
        });
      },
      [](v1::ListBodiesResponse* r) { return r->mutable_bodies(); }));
  if (inv.options.json) return PrintJson(response, inv.out);
  PrintBodies(response.bodies(), inv.out);
  PrintNextPage(response.next_page_token(), inv.out);
  return absl::OkStatus();
}

absl::Status UpdateBody(Invocation& inv) {
  v1::UpdateBodyRequest request;
  v1::Body* body = request.mutable_body();
  CADRE_ASSIGN_OR_RETURN(*body->mutable_name(),
                         ResourceName("bodies", inv.args.positionals[0], "BODY"));
  std::vector<std::string> paths;
  CADRE_RETURN_IF_ERROR(ApplyBodyFlags(inv.args, body, &paths));
  if (paths.empty()) return UsageError("bodies update: give at least one field to change");
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  body->set_etag(inv.args.Get("etag"));
  v1::Body updated;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.UpdateBody(context, request, &updated); }));
  return Show(inv, updated);
}

}  // namespace

std::vector<Command> BodyCommands() {
  const FlagSpec name = {"name", "TEXT", "display name, 2-160 characters"};
  const FlagSpec region = {"region", "REGION", "e.g. london, south-east, national"};
  const FlagSpec website = {"website", "URL", "public web page, https:// only"};
  const FlagSpec description = {"description", "TEXT", "how the body involves people"};
  std::vector<FlagSpec> list_flags = {
      {"kind", "KIND", "only bodies of this kind"},
      {"region", "REGION", "only bodies in this region"},
  };
  for (const FlagSpec& flag : PagingFlags(200)) list_flags.push_back(flag);
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
        description},
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
        {"etag", "ETAG", "fail with ABORTED unless the body still has this etag"}},
       UpdateBody,
       "Only the fields given change; --name is the display name."},
  };
}

}  // namespace cadre::cadrectl
