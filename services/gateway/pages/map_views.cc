#include "services/gateway/pages/map_views.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/map_links.h"

namespace cadre::gateway {
namespace {

// What every role view holds, from either message.
nlohmann::json RoleBase(const std::string& name, const std::string& title,
                        cadre::v1::InvolvementLevel level, const cadre::v1::TimeCommitment& time,
                        const google::protobuf::Timestamp* closing, const std::string& link_base) {
  const std::string id = RoleIdOf(name);
  const std::string time_text = TimeLabel(time);
  nlohmann::json view = {
      {"title", title},
      {"has_href", !id.empty()},
      {"href", id.empty() ? "" : absl::StrCat(link_base, "/roles/", id)},
      {"level", LevelLabel(level)},
      {"has_time", !time_text.empty()},
      {"time", time_text},
      {"has_closing", closing != nullptr},
  };
  if (closing != nullptr) {
    view["closes"] = DateLabel(FromTimestamp(*closing));
    view["closes_iso"] = Rfc3339(FromTimestamp(*closing));
  }
  return view;
}

// "Leeds (in person)", "London (hybrid: in person and remote)", "Oxford" when the mode is
// not stated; the region's name when there is no place.
std::string WhereLabel(const cadre::v1::Location& where) {
  const std::string place = where.place().empty() ? RegionLabel(where.region()) : where.place();
  if (where.mode() == cadre::v1::ATTENDANCE_MODE_UNSPECIFIED) return place;
  std::string mode = AttendanceLabel(where.mode());
  mode[0] = absl::ascii_tolower(mode[0]);
  return absl::StrCat(place, " (", mode, ")");
}

}  // namespace

grpc::Status CallUpstream(const PageDeps& deps, const HttpRequest& request,
                          const std::function<grpc::Status(grpc::ClientContext*)>& call) {
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  return call(&context);
}

nlohmann::json Crumb(const std::string& text, const std::string& href) {
  return {{"text", text}, {"href", href}};
}

nlohmann::json RoleView(const cadre::v1::RoleSummary& role, const std::string& link_base) {
  nlohmann::json view =
      RoleBase(role.name(), role.title(), role.level(), role.time_commitment(),
               role.has_closing_time() ? &role.closing_time() : nullptr, link_base);
  view["where"] = role.remote() ? absl::StrCat(RegionLabel(role.region()), " (remote or hybrid)")
                                : RegionLabel(role.region());
  return view;
}

nlohmann::json RoleView(const cadre::v1::Role& role, const std::string& link_base) {
  nlohmann::json view =
      RoleBase(role.name(), role.title(), role.level(), role.time_commitment(),
               role.has_closing_time() ? &role.closing_time() : nullptr, link_base);
  view["where"] = WhereLabel(role.location());
  return view;
}

nlohmann::json AvenueView(const cadre::v1::Avenue& avenue) {
  const std::string time_text = TimeLabel(avenue.time_commitment());
  nlohmann::json view = {
      {"title", avenue.title()},
      {"kind", AvenueKindLabel(avenue.kind())},
      {"has_description", !avenue.description().empty()},
      {"description", avenue.description()},
      {"level", LevelLabel(avenue.level())},
      {"has_time", !time_text.empty()},
      {"time", time_text},
      {"where", WhereLabel(avenue.location())},
      {"has_join", false},
  };
  if (absl::optional<JoinLink> join = JoinLinkOf(avenue.how_to_join())) {
    view["has_join"] = true;
    view["join_href"] = join->href;
    view["join_address"] = join->address;
    view["is_email"] = join->email;
  }
  return view;
}

std::string BodyHref(const std::string& body_name) {
  const std::string code = BodyCodeOf(body_name);
  return code.empty() ? "" : absl::StrCat("/bodies/", code);
}

}  // namespace cadre::gateway
