// The POST forms of an application's page, each with the CSRF token and each returning to
// the page (303) with the banner of what was done:
//   POST /applications/{id}/withdraw  fields: etag   → WITHDRAWN    (?done=withdrawn)
//   POST /applications/{id}/accept    fields: etag   → ACCEPTED     (?done=accepted)
//   POST /applications/{id}/decline   fields: etag   → DECLINED     (?done=declined)
//   POST /applications/{id}/payment   fields: payment (take-payment, expenses-only,
//                                     decline-payment) → SetPaymentChoice (?done=payment)
// The etag is the one the person's page showed, so that a move made on what they no
// longer see is refused (ABORTED: the page again, "it changed"). Withdrawing is confirmed
// first on its own page (application_confirm_page.cc), whose form posts here.

#include <grpcpp/client_context.h>

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/pages/application_page.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxEtagBytes = 40;  // matching's limit; a longer one is not ours

// The etag field, or "" (no check) when it is not one matching could have made.
std::string EtagOf(const HttpRequest& request) {
  std::string etag = request.Form("etag");
  return etag.size() <= kMaxEtagBytes ? etag : "";
}

// Runs `act` with a prepared context for the signed-in person's form on /applications/{id}/...
template <typename Act>
void WithApplicationForm(const PageDeps& deps, const HttpRequest& request, HttpResponse* response,
                         Act act) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value()) return;
  const std::string id = ApplicationIdOf(request);
  if (id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  act(*account, id, &context);
}

void Move(const PageDeps& deps, const HttpRequest& request, cadre::v1::ApplicationState to,
          const std::string& done, HttpResponse* response) {
  WithApplicationForm(
      deps, request, response,
      [&](const Account& account, const std::string& id, grpc::ClientContext* context) {
        cadre::v1::MoveApplicationRequest move;
        move.set_name(absl::StrCat("applications/", id));
        move.set_state(to);
        move.set_etag(EtagOf(request));
        cadre::v1::Application moved;
        const grpc::Status status =
            deps.upstream->matching()->MoveApplication(context, move, &moved);
        FinishApplicationAction(deps, request, account, id, status, done, response);
      });
}

void ChoosePayment(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  WithApplicationForm(
      deps, request, response,
      [&](const Account& account, const std::string& id, grpc::ClientContext* context) {
        const cadre::v1::PaymentChoice choice = PaymentChoiceFromValue(request.Form("payment"));
        if (choice == cadre::v1::PAYMENT_CHOICE_UNSPECIFIED) {
          response->status = 400;
          RenderApplicationPage(
              deps, request, account, id,
              json::array({{{"href", "#payment"}, {"text", "Select how you want to be paid"}}}),
              response);
          return;
        }
        cadre::v1::SetPaymentChoiceRequest set;
        set.set_name(absl::StrCat("placements/", id));
        set.set_choice(choice);
        cadre::v1::Placement placement;
        const grpc::Status status =
            deps.upstream->matching()->SetPaymentChoice(context, set, &placement);
        FinishApplicationAction(deps, request, account, id, status, "payment", response);
      });
}

}  // namespace

void FinishApplicationAction(const PageDeps& deps, const HttpRequest& request,
                             const Account& account, const std::string& id,
                             const grpc::Status& status, const std::string& done,
                             HttpResponse* response) {
  const std::string path = absl::StrCat("/applications/", id);
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      SeeOther(absl::StrCat(path, "?done=", done), response);
      return;
    case grpc::StatusCode::ABORTED:
      SeeOther(absl::StrCat(path, "?done=changed"), response);
      return;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
      response->status = 400;
      RenderApplicationPage(
          deps, request, account, id,
          json::array({{{"href", "#status"}, {"text", Sentence(FieldErrorOf(status).message)}}}),
          response);
      return;
    default:
      RenderAccountUpstreamError(deps, status, request, account, response);
  }
}

void AddApplicationActions(FrontDoor* door, const PageDeps* deps) {
  door->Route("POST", "/applications/([^/]*)/withdraw", {.name = "application-withdraw"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Move(*deps, request, cadre::v1::APPLICATION_STATE_WITHDRAWN, "withdrawn", response);
              });
  door->Route("POST", "/applications/([^/]*)/accept", {.name = "application-accept"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Move(*deps, request, cadre::v1::APPLICATION_STATE_ACCEPTED, "accepted", response);
              });
  door->Route("POST", "/applications/([^/]*)/decline", {.name = "application-decline"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Move(*deps, request, cadre::v1::APPLICATION_STATE_DECLINED, "declined", response);
              });
  door->Route("POST", "/applications/([^/]*)/payment", {.name = "application-payment"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ChoosePayment(*deps, request, response);
              });
}

}  // namespace cadre::gateway
