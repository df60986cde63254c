#include "services/gateway/pages/staff_team_views.h"

#include <grpcpp/client_context.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/time_proto.h"
#include "services/common/logging.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

constexpr size_t kMaxStaffId = 64;

std::string StateWord(cadre::v1::StaffState state) {
  switch (state) {
    case cadre::v1::STAFF_STATE_INVITED:
      return "invited";
    case cadre::v1::STAFF_STATE_ACTIVE:
      return "active";
    case cadre::v1::STAFF_STATE_DEACTIVATED:
      return "deactivated";
    default:
      return "";
  }
}

std::string StateLabel(cadre::v1::StaffState state) {
  switch (state) {
    case cadre::v1::STAFF_STATE_INVITED:
      return "Invited: has not set a password yet";
    case cadre::v1::STAFF_STATE_ACTIVE:
      return "Active";
    case cadre::v1::STAFF_STATE_DEACTIVATED:
      return "Deactivated";
    default:
      return "Unknown";
  }
}

std::string IdOf(const std::string& name) { return name.substr(name.rfind('/') + 1); }

}  // namespace

nlohmann::json StaffMemberView(const cadre::v1::Staff& member) {
  const std::string id = IdOf(member.name());
  return {
      {"name", member.name()},
      {"id", id},
      {"href", absl::StrCat("/staff/team/", id)},
      {"display_name", member.display_name()},
      {"email", member.email()},
      {"role", StaffRoleWord(member.role())},
      {"role_label", StaffRoleLabel(member.role())},
      {"state", StateWord(member.state())},
      {"state_label", StateLabel(member.state())},
      {"invited", member.state() == cadre::v1::STAFF_STATE_INVITED},
      {"active", member.state() == cadre::v1::STAFF_STATE_ACTIVE},
      {"deactivated", member.state() == cadre::v1::STAFF_STATE_DEACTIVATED},
      {"created", member.has_create_time() ? DateLabel(FromTimestamp(member.create_time())) : ""},
      {"last_sign_in", member.has_last_sign_in_time()
                           ? DateTimeLabel(FromTimestamp(member.last_sign_in_time()))
                           : "Never"},
      {"etag", member.etag()}};
}

nlohmann::json StaffRoleRadios(cadre::v1::StaffRole checked) {
  nlohmann::json radios = nlohmann::json::array();
  for (cadre::v1::StaffRole role : {cadre::v1::STAFF_ROLE_VIEWER, cadre::v1::STAFF_ROLE_RECRUITER,
                                    cadre::v1::STAFF_ROLE_MANAGER}) {
    const std::string word = StaffRoleWord(role);
    radios.push_back({{"value", word},
                      {"text", StaffRoleLabel(role)},
                      {"hint", StaffRoleMeaning(role)},
                      // The first radio takes the field's id, for the error summary's link.
                      {"id", radios.empty() ? std::string("role") : absl::StrCat("role-", word)},
                      {"checked", role == checked}});
  }
  return radios;
}

nlohmann::json SetupLinkView(const PageDeps& deps, const cadre::v1::StaffSetupLink& link) {
  return {{"url", absl::StrCat(deps.public_url, "/staff/set-password/", link.setup_token())},
          {"expires", DateTimeLabel(FromTimestamp(link.expire_time()))}};
}

std::optional<std::string> StaffNameFromPath(const StaffAccount& staff, const std::string& id) {
  if (id.empty() || id.size() > kMaxStaffId) return std::nullopt;
  for (char c : id) {
    if (!absl::ascii_isdigit(c) && !absl::ascii_islower(c)) return std::nullopt;
  }
  return absl::StrCat(staff.body, "/staff/", id);
}

std::optional<cadre::v1::Staff> LoadMemberOfPath(const PageDeps& deps, const HttpRequest& request,
                                                 const StaffAccount& staff,
                                                 HttpResponse* response) {
  const std::optional<std::string> name = StaffNameFromPath(staff, request.path_params.at(0));
  if (!name) {
    RenderErrorPage(deps, 404, request, response);
    return std::nullopt;
  }
  cadre::v1::GetStaffRequest get;
  get.set_name(*name);
  cadre::v1::Staff member;
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  const grpc::Status status = deps.upstream->registry()->GetStaff(&context, get, &member);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, staff, response);
    return std::nullopt;
  }
  return member;
}

std::optional<MemberForm> RequireMemberForm(const PageDeps& deps, const HttpRequest& request,
                                            HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff) return std::nullopt;
  std::optional<std::string> name = StaffNameFromPath(*staff, request.path_params.at(0));
  if (!name) {
    RenderErrorPage(deps, 404, request, response);
    return std::nullopt;
  }
  return MemberForm{.staff = *std::move(staff), .member = *std::move(name)};
}

void EndMembersSessions(const PageDeps& deps, const HttpRequest& request,
                        const std::string& member) {
  const absl::Status ended = EndEveryStaffSession(deps, member);
  if (!ended.ok()) {
    // Their keys are revoked all the same: their next upstream call ends the session.
    log::Warn("could not end a staff member's sessions",
              {{"request_id", request.request_id}, {"error", std::string(ended.message())}});
  }
}

}  // namespace cadre::gateway
