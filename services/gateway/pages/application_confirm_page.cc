// The two actions a person confirms on a page of their own before they happen, since
// neither can be undone:
//   GET  /applications/{id}/withdraw?etag=   "Withdraw your application?": a form posting to
//        /applications/{id}/withdraw (application_actions.cc) with the etag the person's
//        application page showed (or, without one, the current one).
//   GET  /applications/{id}/step-down?etag=  "Step down from this role": the reason (3–300
//        characters, told to the organisation) and the placement's etag;
//   POST /applications/{id}/step-down        fields: reason, etag → EndPlacement
//        ENDED_EARLY; then its application page with ?done=stepped-down. A reason too
//        short or too long gives this page again, status 400, with the error.
// An application that can no longer be withdrawn, or a placement no longer active, sends
// the person back to the application's page (303), which says where it stands.

#include <grpcpp/client_context.h>

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "services/common/base/validation.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/pages/application_page.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kMinReason = 3;    // characters (matching's limits on a placement's end reason)
constexpr int kMaxReason = 300;  // characters
constexpr size_t kMaxEtagBytes = 40;

enum class Confirm { kWithdraw, kStepDown };

// The step-down form as sent, when it is being shown again.
struct StepDownForm {
  std::string reason = "";
  std::string etag = "";
  std::string error = "";
};

std::string EtagFrom(const std::string& given, const std::string& current) {
  return !given.empty() && given.size() <= kMaxEtagBytes ? given : current;
}

void RenderConfirm(const PageDeps& deps, const HttpRequest& request, const Account& account,
                   const std::string& id, Confirm what, const StepDownForm* form,
                   HttpResponse* response) {
  const std::string path = absl::StrCat("/applications/", id);
  if (!MatchingConfigured(deps, request, response)) return;
  cadre::v1::Application app;
  grpc::Status status;
  {
    grpc::ClientContext context;
    PrepareContext(deps, request, account, &context);
    cadre::v1::GetApplicationRequest get;
    get.set_name(absl::StrCat("applications/", id));
    status = deps.upstream->matching()->GetApplication(&context, get, &app);
  }
  cadre::v1::Placement placement;
  if (status.ok() && what == Confirm::kStepDown) {
    if (app.placement().empty()) {
      SeeOther(path, response);
      return;
    }
    grpc::ClientContext context;
    PrepareContext(deps, request, account, &context);
    cadre::v1::GetPlacementRequest get;
    get.set_name(app.placement());
    status = deps.upstream->matching()->GetPlacement(&context, get, &placement);
  }
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, account, response);
    return;
  }
  const bool possible = what == Confirm::kWithdraw
                            ? IsLiveApplication(app.state())
                            : placement.state() == cadre::v1::PLACEMENT_STATE_ACTIVE;
  if (!possible) {
    SeeOther(path, response);
    return;
  }
  const std::string given = form != nullptr ? form->etag : request.Query("etag");
  const bool has_error = form != nullptr && !form->error.empty();
  json view = {
      {"role_title", app.role_title()},
      {"application_href", path},
      {"csrf", account.csrf},
      {"withdraw", what == Confirm::kWithdraw},
      {"step_down", what == Confirm::kStepDown},
      {"action", absl::StrCat(path, what == Confirm::kWithdraw ? "/withdraw" : "/step-down")},
      {"etag", EtagFrom(given, what == Confirm::kWithdraw ? app.etag() : placement.etag())},
      {"reason", form != nullptr ? form->reason : ""},
      {"max_reason", kMaxReason},
      {"has_reason_error", has_error},
      {"reason_error", has_error ? form->error : ""},
      {"has_errors", has_error},
      {"errors",
       has_error ? json::array({{{"href", "#reason"}, {"text", form->error}}}) : json::array()},
  };
  const std::string title =
      what == Confirm::kWithdraw ? "Withdraw your application" : "Step down from this role";
  const PageFrame frame{
      .title = absl::StrCat(has_error ? "Error: " : "", title, ": ", app.role_title()),
      .section = "applications",
      .breadcrumbs = json::array({{{"text", "My applications"}, {"href", "/applications"}},
                                  {{"text", app.role_title()}, {"href", path}}}),
      .account = &account,
  };
  RenderPage(deps, request, frame, "application_confirm", view, response);
}

void ServeConfirm(const PageDeps& deps, const HttpRequest& request, Confirm what,
                  HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  const std::string id = ApplicationIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderConfirm(deps, request, *account, id, what, nullptr, response);
}

void StepDown(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value()) return;
  const std::string id = ApplicationIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  StepDownForm form{
      .reason = std::string(absl::StripAsciiWhitespace(
          absl::StrReplaceAll(request.Form("reason"), {{"\r\n", "\n"}}))),
      .etag = request.Form("etag"),
  };
  const int length = IsValidUtf8(form.reason) ? Utf8Length(form.reason) : -1;
  if (length < kMinReason || length > kMaxReason) {
    form.error = form.reason.empty() ? "Enter why you are stepping down"
                                     : "Why you are stepping down must be 3 to 300 characters";
    response->status = 400;
    RenderConfirm(deps, request, *account, id, Confirm::kStepDown, &form, response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::EndPlacementRequest end;
  end.set_name(absl::StrCat("placements/", id));
  end.set_state(cadre::v1::PLACEMENT_STATE_ENDED_EARLY);
  end.set_reason(form.reason);
  if (form.etag.size() <= kMaxEtagBytes) end.set_etag(form.etag);
  cadre::v1::Placement ended;
  const grpc::Status status = deps.upstream->matching()->EndPlacement(&context, end, &ended);
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT &&
      FieldErrorOf(status).field == "reason") {
    form.error = Sentence(absl::StrCat("Why you are stepping down ", FieldErrorOf(status).message));
    response->status = 400;
    RenderConfirm(deps, request, *account, id, Confirm::kStepDown, &form, response);
    return;
  }
  FinishApplicationAction(deps, request, *account, id, status, "stepped-down", response);
}

}  // namespace

void AddApplicationConfirmPages(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/applications/([^/]*)/withdraw", {.name = "application-withdraw"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeConfirm(*deps, request, Confirm::kWithdraw, response);
              });
  door->Route("GET", "/applications/([^/]*)/step-down", {.name = "application-step-down"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeConfirm(*deps, request, Confirm::kStepDown, response);
              });
  door->Route("POST", "/applications/([^/]*)/step-down", {.name = "application-step-down"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                StepDown(*deps, request, response);
              });
}

}  // namespace cadre::gateway
