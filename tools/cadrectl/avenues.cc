// avenues create | get | list | update | delete.

#include <set>

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

absl::Status Show(Invocation& inv, const v1::Avenue& avenue) {
  if (inv.options.json) return PrintJson(avenue, inv.out);
  PrintAvenue(avenue, inv.out);
  return absl::OkStatus();
}

absl::StatusOr<std::string> AvenueOperand(const Invocation& inv) {
  return ResourceName("avenues", inv.args.positionals[0], "AVENUE");
}

std::vector<FlagSpec> AvenueFieldFlags() {
  std::vector<FlagSpec> flags = {
      {"kind", "KIND",
       "patient-panel, patient-participation-group, lay-member-committee, "
       "healthwatch-volunteering, reader-panel or other"},
      {"title", "TEXT", "3-120 characters"},
      {"description", "TEXT", "up to 2000 characters"},
      {"how-to-join", "URL|EMAIL", "an https:// address or an email address"},
      {"level", "1-4", "involvement level"},
      {"expertise", "TAGS", "expertise sought, comma-separated tags"},
  };
  for (auto group : {TimeFlags(), LocationFlags()}) {
    flags.insert(flags.end(), group.begin(), group.end());
  }
  return flags;
}

// Sets each field whose flag is present and adds its update-mask path to `paths`.
absl::Status ApplyAvenueFlags(const ParsedArgs& args, v1::Avenue* avenue,
                              std::set<std::string>* paths) {
  if (args.Has("kind")) {
    CADRE_ASSIGN_OR_RETURN(auto kind, EnumFlag<v1::AvenueKind>(args, "kind"));
    avenue->set_kind(kind);
    paths->insert("kind");
  }
  if (args.Has("title")) {
    avenue->set_title(args.Get("title"));
    paths->insert("title");
  }
  if (args.Has("description")) {
    avenue->set_description(args.Get("description"));
    paths->insert("description");
  }
  if (args.Has("how-to-join")) {
    avenue->set_how_to_join(args.Get("how-to-join"));
    paths->insert("how_to_join");
  }
  if (args.Has("level")) {
    CADRE_ASSIGN_OR_RETURN(auto level, EnumFlag<v1::InvolvementLevel>(args, "level"));
    avenue->set_level(level);
    paths->insert("level");
  }
  if (args.Has("expertise")) {
    avenue->clear_expertise_sought();
    for (const std::string& tag : ListFlag(args, "expertise")) avenue->add_expertise_sought(tag);
    paths->insert("expertise_sought");
  }
  bool changed = false;
  CADRE_RETURN_IF_ERROR(ApplyTimeFlags(args, avenue->mutable_time_commitment(), &changed));
  if (changed) paths->insert("time_commitment");
  changed = false;
  CADRE_RETURN_IF_ERROR(ApplyLocationFlags(args, avenue->mutable_location(), &changed));
  if (changed) paths->insert("location");
  return absl::OkStatus();
}

absl::StatusOr<v1::Avenue> FetchAvenue(Invocation& inv, const std::string& name) {
  v1::GetAvenueRequest request;
  request.set_name(name);
  v1::Avenue avenue;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.GetAvenue(context, request, &avenue); }));
  return avenue;
}

absl::Status CreateAvenue(Invocation& inv) {
  for (absl::string_view flag : {"body", "kind", "title", "level", "region"}) {
    if (!inv.args.Has(flag)) return UsageError(absl::StrCat("--", flag, ": required"));
  }
  v1::CreateAvenueRequest request;
  v1::Avenue* avenue = request.mutable_avenue();
  CADRE_ASSIGN_OR_RETURN(*avenue->mutable_body(),
                         ResourceName("bodies", inv.args.Get("body"), "--body"));
  std::set<std::string> ignored;
  CADRE_RETURN_IF_ERROR(ApplyAvenueFlags(inv.args, avenue, &ignored));
  request.set_request_id(inv.client.request_id());
  v1::Avenue created;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.CreateAvenue(context, request, &created); }));
  return Show(inv, created);
}

absl::Status GetAvenue(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(std::string name, AvenueOperand(inv));
  CADRE_ASSIGN_OR_RETURN(v1::Avenue avenue, FetchAvenue(inv, name));
  return Show(inv, avenue);
}

absl::Status ListAvenues(Invocation& inv) {
  v1::ListAvenuesRequest request;
  if (inv.args.Has("body")) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_body(),
                           ResourceName("bodies", inv.args.Get("body"), "--body"));
  }
  if (inv.args.Has("body-kind")) {
    CADRE_ASSIGN_OR_RETURN(auto kind, EnumFlag<v1::BodyKind>(inv.args, "body-kind"));
    request.set_body_kind(kind);
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
  v1::ListAvenuesResponse response;
  CADRE_RETURN_IF_ERROR(FetchPages(
      all, request, &response,
      [&](const v1::ListAvenuesRequest& page_request, v1::ListAvenuesResponse* page) {
        return inv.client.Run([&](auto& stub, auto* context) {
          return stub.ListAvenues(context, page_request, page);
        });
      },
      [](v1::ListAvenuesResponse* r) { return r->mutable_avenues(); }));
  if (inv.options.json) return PrintJson(response, inv.out);
  PrintAvenues(response.avenues(), inv.out);
  PrintNextPage(response.next_page_token(), inv.out);
  return absl::OkStatus();
}

absl::Status UpdateAvenue(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(std::string name, AvenueOperand(inv));
  v1::UpdateAvenueRequest request;
  v1::Avenue* avenue = request.mutable_avenue();
  std::set<std::string> paths;
  CADRE_RETURN_IF_ERROR(ApplyAvenueFlags(inv.args, avenue, &paths));
  if (paths.empty()) return UsageError("avenues update: give at least one field to change");
  if (paths.count("time_commitment") > 0 || paths.count("location") > 0) {
    // As for roles: a partial time or location change starts from the stored value.
    CADRE_ASSIGN_OR_RETURN(*avenue, FetchAvenue(inv, name));
    paths.clear();
    CADRE_RETURN_IF_ERROR(ApplyAvenueFlags(inv.args, avenue, &paths));
  } else {
    avenue->clear_etag();
  }
  avenue->set_name(name);
  if (inv.args.Has("etag")) avenue->set_etag(inv.args.Get("etag"));
  for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
  v1::Avenue updated;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.UpdateAvenue(context, request, &updated); }));
  return Show(inv, updated);
}

absl::Status DeleteAvenue(Invocation& inv) {
  v1::DeleteAvenueRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), AvenueOperand(inv));
  request.set_etag(inv.args.Get("etag"));
  v1::DeleteAvenueResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Run(
      [&](auto& stub, auto* context) { return stub.DeleteAvenue(context, request, &response); }));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "deleted " << request.name() << "\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> AvenueCommands() {
  const FlagSpec etag = {"etag", "ETAG", "fail with ABORTED unless the avenue still has this etag"};
  std::vector<FlagSpec> create_flags = {{"body", "BODY", "the body, bodies/CODE (required)"}};
  for (const FlagSpec& flag : AvenueFieldFlags()) create_flags.push_back(flag);
  std::vector<FlagSpec> update_flags = AvenueFieldFlags();
  update_flags.push_back(etag);
  std::vector<FlagSpec> list_flags = {
      {"body", "BODY", "only this body's avenues"},
      {"body-kind", "KIND", "only bodies of this kind"},
      {"region", "REGION", "only this region"},
  };
  for (const FlagSpec& flag : PagingFlags(200)) list_flags.push_back(flag);
  return {
      {"avenues", "create", "", 0, 0, "add a standing avenue into a body", create_flags,
       CreateAvenue, "Required: --body --kind --title --level --region."},
      {"avenues", "get", "AVENUE", 1, 1, "show an avenue (avenues/ID or ID)", {}, GetAvenue},
      {"avenues", "list", "", 0, 0, "list standing avenues", list_flags, ListAvenues},
      {"avenues", "update", "AVENUE", 1, 1, "change the fields given", update_flags, UpdateAvenue},
      {"avenues", "delete", "AVENUE", 1, 1, "delete an avenue", {etag}, DeleteAvenue},
  };
}

}  // namespace cadre::cadrectl
