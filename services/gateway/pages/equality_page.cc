// GET and POST /profile/equality: the equality monitoring questions on a page of their
// own, clearly optional: each question has "Prefer not to say" and "No answer". The POST
// replaces every answer (SetMyEqualityMonitoring); its "Remove all my answers" button
// (action=clear) sends them all unanswered. Then /profile?done=equality (or
// equality-removed). The answers are never shown to an organisation.

#include <grpcpp/client_context.h>

#include "absl/strings/strip.h"
#include "services/gateway/domain/equality_form.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/profile_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

json QuestionsView(const cadre::v1::EqualityMonitoring& answers,
                   const std::vector<FormError>& errors) {
  json questions = json::array();
  for (const EqualityQuestionForm& q : EqualityQuestionForms(answers)) {
    json options = json::array();
    for (const EqualityAnswer& a : q.answers) {
      options.push_back({{"id", a.id},
                         {"value", a.value},
                         {"label", a.label},
                         {"checked", a.checked},
                         {"divider", a.divider_before}});
    }
    json question = FieldView(q.field, "", errors);
    question.update({{"field", q.field},
                     {"legend", q.legend},
                     {"has_hint", !q.hint.empty()},
                     {"hint", q.hint},
                     {"options", options}});
    questions.push_back(std::move(question));
  }
  return questions;
}

void Render(const PageDeps& deps, const HttpRequest& request, const Account& account,
            const cadre::v1::EqualityMonitoring& answers, const std::vector<FormError>& errors,
            HttpResponse* response) {
  json view = {{"csrf", account.csrf},
               {"questions", QuestionsView(answers, errors)},
               {"answered", EqualityAnswered(answers)}};
  view.update(ErrorSummaryView(errors));
  RenderPage(deps, request, ProfileFrame("Equality monitoring", account, !errors.empty()),
             "equality", view, response);
}

void ServeEquality(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::EqualityMonitoring answers;
  const grpc::Status status = deps.upstream->matching()->GetMyEqualityMonitoring(
      &context, cadre::v1::GetMyEqualityMonitoringRequest(), &answers);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  Render(deps, request, *account, answers, {}, response);
}

void SaveEquality(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  const bool clear = request.Form("action") == "clear";
  ParsedEquality parsed;
  if (!clear) parsed = ParseEqualityForm(request.form);
  if (!parsed.errors.empty()) {
    response->status = 400;
    Render(deps, request, *account, parsed.monitoring, parsed.errors, response);
    return;
  }
  cadre::v1::SetMyEqualityMonitoringRequest set;
  *set.mutable_monitoring() = parsed.monitoring;  // all unanswered when clearing
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::EqualityMonitoring saved;
  const grpc::Status status =
      deps.upstream->matching()->SetMyEqualityMonitoring(&context, set, &saved);
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    const FormError error = UpstreamFormError(
        status,
        [](absl::string_view f) {
          absl::ConsumePrefix(&f, "monitoring.");
          return std::string(f);
        },
        [](absl::string_view) { return std::string("Your answer"); });
    response->status = 400;
    Render(deps, request, *account, parsed.monitoring, {error}, response);
    return;
  }
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  SeeOther(clear || EqualityAnswered(saved) == 0 ? "/profile?done=equality-removed"
                                                 : "/profile?done=equality",
           response);
}

}  // namespace

void AddEqualityPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/profile/equality", {.name = "profile_equality"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeEquality(*deps, request, response);
              });
  door->Route("POST", "/profile/equality", {.name = "profile_equality"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SaveEquality(*deps, request, response);
              });
}

}  // namespace cadre::gateway
