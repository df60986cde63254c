// avenues create | get | list | update | delete.

#include <set>

#include "cadre/v1/registry.pb.h"
#include "services/common/base/status_macros.h"
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

absl::StatusOr<std::string> AvenueOperand(const Invocation& inv) {
  return ResourceName("avenues", inv.args.positionals[0], "AVENUE");
}

std::vector<FlagSpec> AvenueFieldFlags() {
  return WithFlags(
      {
          {"kind", "KIND",
           "patient-panel, patient-participation-group, lay-member-committee, "
           "healthwatch-volunteering, reader-panel or other"},
          {"title", "TEXT", "3-120 characters"},
          {"description", "TEXT", "up to 2000 characters"},
          {"how-to-join", "URL|EMAIL", "an https:// address or an email address"},
          {"level", "1-4", "involvement level"},
          {"expertise", "TAGS", "expertise sought, comma-separated tags"},
      },
      TimeAndLocationFlags());
}

// The update-mask path of each flag of AvenueFieldFlags() but the time and location ones.
constexpr MaskPath kAvenueMask[] = {
    {"kind", "kind"},
    {"title", "title"},
    {"description", "description"},
    {"how-to-join", "how_to_join"},
    {"level", "level"},
    {"expertise", "expertise_sought"},
};

// Sets each field whose flag is present and adds its update-mask path to `paths`.
absl::Status ApplyAvenueFlags(const ParsedArgs& args, v1::Avenue* avenue,
                              std::set<std::string>* paths) {
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "kind", avenue, &v1::Avenue::set_kind));
  if (args.Has("title")) avenue->set_title(args.Get("title"));
  if (args.Has("description")) avenue->set_description(args.Get("description"));
  if (args.Has("how-to-join")) avenue->set_how_to_join(args.Get("how-to-join"));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "level", avenue, &v1::Avenue::set_level));
  if (args.Has("expertise")) {
    avenue->clear_expertise_sought();
    for (const std::string& tag : ListFlag(args, "expertise")) avenue->add_expertise_sought(tag);
  }
  CADRE_RETURN_IF_ERROR(ApplyTimeFlags(args, avenue->mutable_time_commitment()));
  CADRE_RETURN_IF_ERROR(ApplyLocationFlags(args, avenue->mutable_location()));
  for (std::string& path : GivenPaths(args, kAvenueMask)) paths->insert(std::move(path));
  if (AnyGiven(args, TimeFlags())) paths->insert("time_commitment");
  if (AnyGiven(args, LocationFlags())) paths->insert("location");
  return absl::OkStatus();
}

absl::StatusOr<v1::Avenue> FetchAvenue(Invocation& inv, const std::string& name) {
  v1::GetAvenueRequest request;
  request.set_name(name);
  v1::Avenue avenue;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::GetAvenue, request, &avenue));
  return avenue;
}

absl::Status CreateAvenue(Invocation& inv) {
  CADRE_RETURN_IF_ERROR(RequireFlags(inv.args, {"body", "kind", "title", "level", "region"}));
  v1::CreateAvenueRequest request;
  v1::Avenue* avenue = request.mutable_avenue();
  CADRE_ASSIGN_OR_RETURN(*avenue->mutable_body(),
                         ResourceName("bodies", inv.args.Get("body"), "--body"));
  std::set<std::string> ignored;
  CADRE_RETURN_IF_ERROR(ApplyAvenueFlags(inv.args, avenue, &ignored));
  request.set_request_id(inv.client.request_id());
  v1::Avenue created;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::CreateAvenue, request, &created));
  return Show(inv, created, PrintAvenue);
}

absl::Status GetAvenue(Invocation& inv) {
  CADRE_ASSIGN_OR_RETURN(std::string name, AvenueOperand(inv));
  CADRE_ASSIGN_OR_RETURN(v1::Avenue avenue, FetchAvenue(inv, name));
  return Show(inv, avenue, PrintAvenue);
}

absl::Status ListAvenues(Invocation& inv) {
  using v1::ListAvenuesRequest;
  ListAvenuesRequest request;
  if (inv.args.Has("body")) {
    CADRE_ASSIGN_OR_RETURN(*request.mutable_body(),
                           ResourceName("bodies", inv.args.Get("body"), "--body"));
  }
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(inv.args, "body-kind", &request, &ListAvenuesRequest::set_body_kind));
  CADRE_RETURN_IF_ERROR(
      OptionalEnum(inv.args, "region", &request, &ListAvenuesRequest::set_region));
  CADRE_RETURN_IF_ERROR(ReadPaging(inv.args, 200, &request));
  return ListPages(inv, request, &Stub::ListAvenues, &v1::ListAvenuesResponse::mutable_avenues,
                   PrintAvenues);
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
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::UpdateAvenue, request, &updated));
  return Show(inv, updated, PrintAvenue);
}

absl::Status DeleteAvenue(Invocation& inv) {
  v1::DeleteAvenueRequest request;
  CADRE_ASSIGN_OR_RETURN(*request.mutable_name(), AvenueOperand(inv));
  request.set_etag(inv.args.Get("etag"));
  v1::DeleteAvenueResponse response;
  CADRE_RETURN_IF_ERROR(inv.client.Call(&Stub::DeleteAvenue, request, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  inv.out << "deleted " << request.name() << "\n";
  return absl::OkStatus();
}

}  // namespace

std::vector<Command> AvenueCommands() {
  const FlagSpec etag = {"etag", "ETAG", "fail with ABORTED unless the avenue still has this etag"};
  const std::vector<FlagSpec> create_flags =
      WithFlags({{"body", "BODY", "the body, bodies/CODE (required)"}}, AvenueFieldFlags());
  const std::vector<FlagSpec> update_flags = WithFlags(AvenueFieldFlags(), {etag});
  const std::vector<FlagSpec> list_flags = WithFlags(
      {
          {"body", "BODY", "only this body's avenues"},
          {"body-kind", "KIND", "only bodies of this kind"},
          {"region", "REGION", "only this region"},
      },
      PagingFlags(200));
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
