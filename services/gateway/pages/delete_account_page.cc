// GET and POST /profile/delete, and GET /account-deleted. The page says plainly what
// deleting the account removes and what it cannot; the POST needs the "I understand" box
// ticked (EraseApplicant takes no password: the signed-in session and the form's CSRF
// token are the proof, and the box guards against a slip). Then EraseApplicant (which
// also revokes every key), every session of the person ended in every gateway replica,
// this browser's cookie cleared, and /account-deleted, a public page, says it is done.

#include <grpcpp/client_context.h>

#include "services/common/logging.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/profile_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr char kConfirmField[] = "confirm";

void Render(const PageDeps& deps, const HttpRequest& request, const Account& account,
            const std::vector<FormError>& errors, HttpResponse* response) {
  json view = {{"csrf", account.csrf}, {"confirm", FieldView(kConfirmField, "", errors)}};
  view.update(ErrorSummaryView(errors));
  RenderPage(deps, request, ProfileFrame("Delete your account", account, !errors.empty()),
             "delete_account", view, response);
}

void ServeDelete(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  Render(deps, request, *account, {}, response);
}

void Delete(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  if (request.Form(kConfirmField) != "yes") {
    response->status = 400;
    Render(
        deps, request, *account,
        {{kConfirmField, "Tick the box to confirm you understand what deleting your account does"}},
        response);
    return;
  }
  cadre::v1::EraseApplicantRequest erase;
  erase.set_applicant(account->applicant);
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::EraseApplicantResponse erased;
  const grpc::Status status = deps.upstream->matching()->EraseApplicant(&context, erase, &erased);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  // The account is gone and its keys revoked: its other sessions could do nothing, and
  // ending them now signs those browsers out at once.
  if (const absl::Status ended = EndEverySession(deps, account->applicant); !ended.ok()) {
    log::Warn("sessions not ended after erasure",
              {{"request_id", request.request_id}, {"error", std::string(ended.message())}});
  }
  EndSession(deps, *account, response);
  SeeOther("/account-deleted", response);
}

void ServeDeleted(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const PageFrame frame{.title = "Your account has been deleted"};
  RenderPage(deps, request, frame, "account_deleted", json::object(), response);
}

}  // namespace

void AddDeleteAccountPages(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/profile/delete", {.name = "profile_delete"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeDelete(*deps, request, response);
              });
  door->Route("POST", "/profile/delete", {.name = "profile_delete"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Delete(*deps, request, response);
              });
  door->Route("GET", "/account-deleted", {.name = "account_deleted"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeDeleted(*deps, request, response);
              });
}

}  // namespace cadre::gateway
