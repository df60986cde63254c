// The state changes of a body's role, from its staff page, each a POST with the CSRF
// token and the etag of the role the page showed, each returning to the role's page
// (303) with the banner of what was done:
//   POST /staff/roles/{id}/publish  fields: etag          → PublishRole    (?done=published)
//   POST /staff/roles/{id}/close    fields: etag, reason  → CloseRole CLOSED (?done=closed)
//   GET  /staff/roles/{id}/cancel?etag=  "Cancel this role?": the reason and the etag;
//   POST /staff/roles/{id}/cancel   fields: etag, reason  → CloseRole CANCELLED
//                                                                          (?done=cancelled)
// A role changed since (ABORTED) returns with ?done=changed. A move the registry refuses
// (FAILED_PRECONDITION: publishing past the closing date, a state that no longer allows
// it; INVALID_ARGUMENT) gives the page again, status 400, its reason in the error
// summary, the reason typed kept. PERMISSION_DENIED (a viewer's form posted by hand,
// another body's role) is the 403 page: nothing changed.

#include <grpcpp/client_context.h>

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/role_form.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_role_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

enum class Move { kPublish, kClose, kCancel };

// The etag field, or "" (no check) when it is not one the registry could have made.
std::string EtagOf(const std::string& etag) {
  return etag.size() <= kRoleMaxTokenBytes ? etag : "";
}

std::string ReasonOf(const HttpRequest& request) {
  return std::string(absl::StripAsciiWhitespace(request.Form("reason")));
}

std::string ReasonError(const std::string& reason) {
  if (CharacterCount(reason) <= kRoleMaxReason) return "";
  return absl::StrCat("The reason must be ", kRoleMaxReason, " characters or fewer");
}

// The cancel confirmation, with what was typed and an error when there is one.
void RenderConfirm(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                   const std::string& id, const std::string& etag, const std::string& reason,
                   const std::string& error, HttpResponse* response) {
  if (!StaffRegistryConfigured(deps, request, response)) return;
  cadre::v1::Role role;
  const grpc::Status status = GetBodyRole(deps, request, staff, id, &role);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, staff, response);
    return;
  }
  const std::string path = StaffRolePath(role.name());
  if (role.state() != cadre::v1::ROLE_STATE_DRAFT && role.state() != cadre::v1::ROLE_STATE_OPEN) {
    SeeOther(path, response);  // its page says where it stands
    return;
  }
  json errors = json::array();
  if (!error.empty()) errors.push_back({{"href", "#reason"}, {"text", error}});
  const json view = {
      {"staff", StaffView(staff)},
      {"csrf", staff.csrf},
      {"etag", etag.empty() ? role.etag() : etag},
      {"title", role.title()},
      {"draft", role.state() == cadre::v1::ROLE_STATE_DRAFT},
      {"action", absl::StrCat(path, "/cancel")},
      {"role_href", path},
      {"reason", reason},
      {"has_reason_error", !error.empty()},
      {"reason_error", error},
      {"max_reason", kRoleMaxReason},
      {"errors", errors},
      {"has_errors", !errors.empty()},
  };
  RenderPage(deps, request,
             StaffRolesFrame("Cancel this role?", staff, !error.empty(), role.title(), path),
             "staff_role_confirm", view, response);
}

void ServeCancelConfirm(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffRoleIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderConfirm(deps, request, *staff, id, EtagOf(request.Query("etag")), "", "", response);
}

// A refused move shown again: the cancel confirmation or the role's page.
void RenderRefused(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                   const std::string& id, Move move, const std::string& error,
                   HttpResponse* response) {
  response->status = 400;
  if (move == Move::kCancel) {
    RenderConfirm(deps, request, staff, id, EtagOf(request.Form("etag")), ReasonOf(request), error,
                  response);
    return;
  }
  StaffRoleFormState state;
  state.errors.push_back(
      {{"href", move == Move::kClose ? "#close-reason" : "#status"}, {"text", error}});
  if (move == Move::kClose) state.close_reason = ReasonOf(request);
  RenderStaffRolePage(deps, request, staff, id, state, response);
}

void Act(const PageDeps& deps, const HttpRequest& request, Move move, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff.has_value()) return;
  const std::string id = StaffRoleIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (!StaffRegistryConfigured(deps, request, response)) return;
  const std::string name = absl::StrCat("roles/", id);
  const std::string etag = EtagOf(request.Form("etag"));
  const std::string reason = ReasonOf(request);
  if (move != Move::kPublish && !ReasonError(reason).empty()) {
    RenderRefused(deps, request, *staff, id, move, ReasonError(reason), response);
    return;
  }
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, *staff, &context);
  cadre::v1::Role changed;
  grpc::Status status;
  std::string done;
  if (move == Move::kPublish) {
    cadre::v1::PublishRoleRequest publish;
    publish.set_name(name);
    publish.set_etag(etag);
    status = deps.upstream->registry()->PublishRole(&context, publish, &changed);
    done = "published";
  } else {
    cadre::v1::CloseRoleRequest close;
    close.set_name(name);
    close.set_state(move == Move::kClose ? cadre::v1::ROLE_STATE_CLOSED
                                         : cadre::v1::ROLE_STATE_CANCELLED);
    close.set_reason(reason);
    close.set_etag(etag);
    status = deps.upstream->registry()->CloseRole(&context, close, &changed);
    done = move == Move::kClose ? "closed" : "cancelled";
  }
  const std::string path = StaffRolePath(id);
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      SeeOther(absl::StrCat(path, "?done=", done), response);
      return;
    case grpc::StatusCode::ABORTED:
      SeeOther(absl::StrCat(path, "?done=changed"), response);
      return;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
      RenderRefused(deps, request, *staff, id, move, Sentence(FieldErrorOf(status).message),
                    response);
      return;
    default:
      RenderStaffUpstreamError(deps, status, request, *staff, response);
  }
}

}  // namespace

void AddStaffRoleActions(FrontDoor* door, const PageDeps* deps) {
  door->Route("POST", "/staff/roles/([0-9]+)/publish", {.name = "staff-role-publish"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Act(*deps, request, Move::kPublish, response);
              });
  door->Route("POST", "/staff/roles/([0-9]+)/close", {.name = "staff-role-close"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Act(*deps, request, Move::kClose, response);
              });
  door->Route("GET", "/staff/roles/([0-9]+)/cancel", {.name = "staff-role-cancel"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeCancelConfirm(*deps, request, response);
              });
  door->Route("POST", "/staff/roles/([0-9]+)/cancel", {.name = "staff-role-cancel"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Act(*deps, request, Move::kCancel, response);
              });
}

}  // namespace cadre::gateway
