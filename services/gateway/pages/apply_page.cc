// GET /roles/{id}/apply: applying for a role, for a signed-in person. The role (its title,
// organisation and summary, read anonymously), how the person fares against its
// requirements and why it suits them (matching's RecommendRoles for this one role, with
// the person's key), and the form: why they want the role (up to 3,000 characters;
// multipart/form-data, since cpp-httplib refuses url-encoded bodies over 8 KB), the CSRF
// token and a request id made now, so that submitting the same form twice makes one
// application. A live application to the role already (or the role held) is said, with
// a link, instead of the form. A role that is not taking applications is not found here
// (its own page says why).
//
// POST /roles/{id}/apply: SubmitApplication; then 303 to the application's page with its
// banner. A statement that is empty or too long, or a refusal (INVALID_ARGUMENT,
// FAILED_PRECONDITION: the role closed, too many live applications) gives the form again
// with status 400, the error summary and what was typed kept; ALREADY_EXISTS (applied from
// another form) the page with the link to that application, status 409.

#include <grpcpp/client_context.h>

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/time_proto.h"
#include "services/common/base/validation.h"
#include "services/gateway/domain/application_labels.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

constexpr int kMaxStatement = 3000;  // characters (matching's limit)
// The person's applications read to find one to this role: far more than the live ones
// matching allows at once, which are the ones that matter.
constexpr int kApplicationsScanned = 100;

// What the person sent (or an empty form with a fresh request id).
struct ApplyForm {
  std::string statement = "";
  std::string request_id = "";
  json errors = json::array();  // {href, text}
  std::string statement_error = "";
};

// The person's application to `role` that is live or accepted, if any: {href, state...}.
json ExistingApplication(const PageDeps& deps, const HttpRequest& request, const Account& account,
                         const std::string& role, grpc::Status* status) {
  grpc::ClientContext context;
  PrepareContext(deps, request, account, &context);
  cadre::v1::ListApplicationsRequest list;
  list.set_page_size(kApplicationsScanned);
  cadre::v1::ListApplicationsResponse page;
  *status = deps.upstream->matching()->ListApplications(&context, list, &page);
  if (!status->ok()) return nullptr;
  for (const cadre::v1::Application& app : page.applications()) {
    if (app.role() != role) continue;
    if (!IsLiveApplication(app.state()) && app.state() != cadre::v1::APPLICATION_STATE_ACCEPTED) {
      continue;
    }
    json view = {{"href", ApplicationPath(app.name())},
                 {"accepted", app.state() == cadre::v1::APPLICATION_STATE_ACCEPTED}};
    view.update(StateTagView(app.state()));
    return view;
  }
  return nullptr;
}

// The screening and score of this role for the person: {has_match, screening, score, why}.
// RecommendRoles{role} answers NOT_FOUND when the role is not open (set in *status).
json MatchView(const PageDeps& deps, const HttpRequest& request, const Account& account,
               const std::string& role, grpc::Status* status) {
  grpc::ClientContext context;
  PrepareContext(deps, request, account, &context);
  cadre::v1::RecommendRolesRequest recommend;
  recommend.set_role(role);
  recommend.set_include_ineligible(true);
  cadre::v1::RecommendRolesResponse answer;
  *status = deps.upstream->matching()->RecommendRoles(&context, recommend, &answer);
  if (status->ok()) {
    for (const cadre::v1::RoleMatch& match : answer.matches()) {
      if (match.role() != role) continue;
      return {{"has_match", true},
              {"screening", ScreeningView(match.screening())},
              {"score", ScoreView(match.score())},
              {"has_why", !match.why().empty()},
              {"why", Sentence(match.why())}};
    }
  }
  return {{"has_match", false}};
}

void RenderApply(const PageDeps& deps, const HttpRequest& request, const Account& account,
                 int64_t id, const ApplyForm& form, HttpResponse* response) {
  const std::string role_name = absl::StrCat("roles/", id);
  if (deps.upstream->registry() == nullptr || deps.upstream->matching() == nullptr) {
    RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no upstream"), request,
                        response);
    return;
  }
  cadre::v1::Role role;
  {
    grpc::ClientContext context;
    PrepareContext(deps, request, &context);  // a public read
    cadre::v1::GetRoleRequest get;
    get.set_name(role_name);
    const grpc::Status status = deps.upstream->registry()->GetRole(&context, get, &role);
    if (!status.ok()) {
      RenderUpstreamError(deps, status, request, response);
      return;
    }
  }
  if (!role.accepting_applications()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  grpc::Status status;
  json match = MatchView(deps, request, account, role_name, &status);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    RenderAccountUpstreamError(deps, status, request, account, response);
    return;
  }
  json existing = ExistingApplication(deps, request, account, role_name, &status);
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    RenderAccountUpstreamError(deps, status, request, account, response);
    return;
  }
  const BodyNames names = LookUpBodyNamesOf(deps, request, {role.body()});
  json view = {
      {"title", role.title()},
      {"summary", Paragraphs(role.summary())},
      {"body_name", BodyNameOf(names, role.body())},
      {"role_href", RolePath(role.name())},
      {"action", absl::StrCat(RolePath(role.name()), "/apply")},
      {"closes", DateTimeLabel(FromTimestamp(role.closing_time()))},
      {"has_existing", !existing.is_null()},
      {"existing", existing},
      {"csrf", account.csrf},
      {"statement", form.statement},
      {"request_id", form.request_id},
      {"max_statement", kMaxStatement},
      {"has_statement_error", !form.statement_error.empty()},
      {"statement_error", form.statement_error},
      {"errors", form.errors},
      {"has_errors", !form.errors.empty()},
  };
  view.update(match);
  const PageFrame frame{
      .title = absl::StrCat(form.errors.empty() ? "" : "Error: ", "Apply: ", role.title()),
      .section = "applications",
      .breadcrumbs = json::array({{{"text", "Home"}, {"href", "/"}},
                                  {{"text", role.title()}, {"href", RolePath(role.name())}}}),
      .account = &account,
  };
  RenderPage(deps, request, frame, "apply", view, response);
}

std::optional<int64_t> RoleIdOf(const HttpRequest& request) {
  const absl::optional<int64_t> id =
      request.path_params.empty() ? absl::nullopt : RoleIdFromPath(request.path_params[0]);
  if (!id.has_value()) return std::nullopt;
  return *id;
}

void ServeApplyForm(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account.has_value()) return;
  const std::optional<int64_t> id = RoleIdOf(request);
  if (!id.has_value()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RenderApply(deps, request, *account, *id, ApplyForm{.request_id = NewApplicationRequestId()},
              response);
}

// The form again with one error, at the statement.
void RenderWithError(const PageDeps& deps, const HttpRequest& request, const Account& account,
                     int64_t id, ApplyForm form, int status, const std::string& message,
                     HttpResponse* response) {
  form.statement_error = message;
  form.errors.push_back({{"href", "#statement"}, {"text", message}});
  response->status = status;
  RenderApply(deps, request, account, id, form, response);
}

void SubmitApply(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value()) return;
  const std::optional<int64_t> id = RoleIdOf(request);
  if (!id.has_value()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  ApplyForm form;
  // Browsers send a textarea's line breaks as CRLF; matching counts characters.
  form.statement = absl::StrReplaceAll(request.Form("statement"), {{"\r\n", "\n"}});
  form.request_id = request.Form("request_id");
  if (!IsRequestId(form.request_id)) form.request_id = NewApplicationRequestId();
  if (absl::StripAsciiWhitespace(form.statement).empty()) {
    RenderWithError(deps, request, *account, *id, std::move(form), 400,
                    "Enter why you want this role", response);
    return;
  }
  if (!IsValidUtf8(form.statement) || Utf8Length(form.statement) > kMaxStatement) {
    RenderWithError(deps, request, *account, *id, std::move(form), 400,
                    "Why you want this role must be 3,000 characters or fewer", response);
    return;
  }
  if (!MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::SubmitApplicationRequest submit;
  submit.set_role(absl::StrCat("roles/", *id));
  submit.set_statement(form.statement);
  submit.set_request_id(form.request_id);
  cadre::v1::Application application;
  const grpc::Status status =
      deps.upstream->matching()->SubmitApplication(&context, submit, &application);
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      SeeOther(absl::StrCat(ApplicationPath(application.name()), "?done=submitted"), response);
      return;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
      RenderWithError(deps, request, *account, *id, std::move(form), 400,
                      Sentence(FieldErrorOf(status).message), response);
      return;
    case grpc::StatusCode::ALREADY_EXISTS:
      form.errors.push_back(
          {{"href", "#existing"}, {"text", "You already have an application to this role"}});
      response->status = 409;
      RenderApply(deps, request, *account, *id, form, response);
      return;
    default:
      RenderAccountUpstreamError(deps, status, request, *account, response);
  }
}

}  // namespace

void AddApplyPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/roles/([^/]*)/apply", {.name = "apply"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeApplyForm(*deps, request, response);
              });
  door->Route("POST", "/roles/([^/]*)/apply", {.name = "apply"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                SubmitApply(*deps, request, response);
              });
}

}  // namespace cadre::gateway
