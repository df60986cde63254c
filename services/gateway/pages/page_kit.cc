#include "services/gateway/pages/page_kit.h"

#include <grpcpp/client_context.h>

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/common/logging.h"
#include "services/gateway/http/request_timing.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/staff_kit.h"
#include "services/gateway/sessions/session_store.h"

namespace cadre::gateway {
namespace {

struct ErrorText {
  int status;
  const char* title;
  const char* message;
};

constexpr ErrorText kErrors[] = {
    {400, "There is a problem with your request", "Check what you entered and try again."},
    {403, "You cannot use this page",
     "You are signed in, but this page or action is not yours to see or use."},
    {404, "Page not found",
     "If you typed the web address, check it is correct. If you pasted the web address, "
     "check you copied the entire address. The role or organisation may also have been "
     "removed."},
    {405, "This page cannot be used that way", "Go back and use the page's own links and forms."},
    {413, "What you sent is too large", "Send less and try again."},
    {429, "Too many requests",
     "You have made a lot of requests in a short time. Wait a minute and try again."},
    {500, "Sorry, there is a problem with the service", "Try again later."},
    {503, "Sorry, this part of the service is unavailable",
     "Try again in a few minutes. Other pages may still work."},
};

const ErrorText& TextFor(int status) {
  for (const auto& e : kErrors) {
    if (e.status == status) return e;
  }
  return TextFor(500);
}

// Adds the time from its start to its end to the request's render tally.
class RenderTimer {
 public:
  explicit RenderTimer(absl::Time start) : start_(start) {}
  ~RenderTimer() { CurrentRequestTiming().render += absl::Now() - start_; }
  RenderTimer(const RenderTimer&) = delete;
  RenderTimer& operator=(const RenderTimer&) = delete;

 private:
  absl::Time start_;
};

void Fallback(HttpResponse* response, int status) {
  response->status = status;
  response->content_type = "text/plain; charset=utf-8";
  response->body = TextFor(status).title;
}

}  // namespace

bool SecureCookies(const PageDeps& deps, const HttpRequest& request) {
  // Behind a proxy that ends TLS the gateway itself speaks HTTP: the public address says.
  return request.tls || absl::StartsWith(deps.public_url, "https://");
}

std::string SessionCookieName(const PageDeps& deps, const HttpRequest& request) {
  return CookieName(kSessionCookie, SecureCookies(deps, request));
}

absl::StatusOr<std::optional<SessionRecord>> LookUpSession(const PageDeps& deps,
                                                           const HttpRequest& request) {
  if (deps.sessions == nullptr) return absl::UnavailableError("sessions are not configured");
  const std::string cookie = request.Cookie(SessionCookieName(deps, request));
  if (cookie.empty()) return std::optional<SessionRecord>();
  const absl::Time start = absl::Now();
  absl::StatusOr<std::optional<SessionRecord>> found = deps.sessions->Find(cookie);
  CurrentRequestTiming().session += absl::Now() - start;
  if (!found.ok()) {
    log::Warn("session lookup failed", {{"request_id", request.request_id},
                                        {"error", std::string(found.status().message())}});
    return absl::UnavailableError("sessions are unavailable");
  }
  return found;
}

Caller CallerOf(const HttpRequest& request) {
  return Caller{
      .bearer_key = "", .client_address = request.client_address, .request_id = request.request_id};
}

void PrepareContext(const PageDeps& deps, const HttpRequest& request,
                    grpc::ClientContext* context) {
  deps.upstream->Prepare(context, CallerOf(request));
}

void RenderPage(const PageDeps& deps, const HttpRequest& request, const PageFrame& frame,
                absl::string_view template_name, const nlohmann::json& view,
                HttpResponse* response) {
  // A public page shows who is signed in too (a person or a member of a body's staff):
  // the session is looked up only when the browser sent its cookie.
  std::optional<SessionRecord> found;
  const bool look_up = frame.account == nullptr && frame.staff == nullptr && !frame.embed &&
                       !request.Cookie(SessionCookieName(deps, request)).empty();
  if (look_up) {
    absl::StatusOr<std::optional<SessionRecord>> session = LookUpSession(deps, request);
    if (session.ok()) found = *std::move(session);
  }
  std::string account_csrf = frame.account != nullptr ? frame.account->csrf : "";
  std::optional<StaffAccount> found_staff;
  const StaffAccount* staff = frame.staff;
  if (found && found->kind == SessionKind::kApplicant) account_csrf = found->csrf;
  if (found && found->kind == SessionKind::kStaff) {
    found_staff = StaffAccountOf(deps, request, *std::move(found),
                                 request.Cookie(SessionCookieName(deps, request)));
    staff = &*found_staff;
  }
  RenderTimer timer(absl::Now());
  absl::StatusOr<std::string> content = deps.templates->Render(template_name, view);
  if (!content.ok()) {
    log::Error("page did not render", {{"request_id", request.request_id},
                                       {"error", std::string(content.status().message())}});
    RenderErrorPage(deps, 500, request, response);
    return;
  }
  nlohmann::json layout = {
      {"title", frame.title},
      {"content", *content},
      {"embed", frame.embed},
      {"breadcrumbs", frame.breadcrumbs},
      {"has_breadcrumbs", !frame.breadcrumbs.empty()},
      {"feed_url", frame.feed_url},
      {"css_url", deps.assets->UrlOf("nhsuk-frontend.min.css")},
      {"cadre_css_url", deps.assets->UrlOf("cadre.css")},
      {"js_url", deps.assets->UrlOf("cadre.js")},
      {absl::StrCat("nav_", frame.section.empty()
                                ? "none"
                                : absl::StrReplaceAll(frame.section, {{"-", "_"}})),
       true},
  };
  if (!frame.breadcrumbs.empty()) layout["parent"] = frame.breadcrumbs.back();
  if (staff != nullptr) {
    layout["staff"] = StaffView(*staff);
    // A staff page shows the body's own data and the member's name: theirs alone.
    response->SetHeader("Cache-Control", "private, no-store");
  } else if (!account_csrf.empty()) {
    layout["account"] = {{"csrf", account_csrf}};
    // A page with a person's name or data on it is theirs alone.
    response->SetHeader("Cache-Control", "private, no-store");
  } else {
    layout["signed_out"] = true;
  }
  if (frame.noindex) {
    layout["noindex"] = true;
    response->SetHeader("X-Robots-Tag", "noindex");
    response->SetHeader("Referrer-Policy", "no-referrer");
  }
  absl::StatusOr<std::string> html = deps.templates->Render("layout", layout);
  if (!html.ok()) {
    log::Error("layout did not render", {{"request_id", request.request_id},
                                         {"error", std::string(html.status().message())}});
    Fallback(response, 500);
    return;
  }
  response->content_type = "text/html; charset=utf-8";
  response->body = *std::move(html);
}

void RenderErrorPage(const PageDeps& deps, int status, const HttpRequest& request,
                     HttpResponse* response) {
  const ErrorText& text = TextFor(status);
  response->status = status;
  const nlohmann::json view = {{"title", text.title},
                               {"message", text.message},
                               {"status", status},
                               {"detail", response->body}};
  absl::StatusOr<std::string> content = deps.templates->Render("error", view);
  if (!content.ok()) {
    Fallback(response, status);
    return;
  }
  const nlohmann::json layout = {
      {"title", text.title},
      {"content", *content},
      {"css_url", deps.assets->UrlOf("nhsuk-frontend.min.css")},
      {"cadre_css_url", deps.assets->UrlOf("cadre.css")},
      {"js_url", deps.assets->UrlOf("cadre.js")},
  };
  absl::StatusOr<std::string> html = deps.templates->Render("layout", layout);
  if (!html.ok()) {
    Fallback(response, status);
    return;
  }
  response->content_type = "text/html; charset=utf-8";
  response->body = *std::move(html);
  response->status = status;
  (void)request;
}

void RenderUpstreamError(const PageDeps& deps, const grpc::Status& status,
                         const HttpRequest& request, HttpResponse* response) {
  int http = 500;
  switch (status.error_code()) {
    case grpc::StatusCode::NOT_FOUND:
      http = 404;
      break;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      http = 400;
      break;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      http = 429;
      break;
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      http = 503;
      break;
    default:
      log::Error("upstream call failed", {{"request_id", request.request_id},
                                          {"code", absl::StrCat(status.error_code())},
                                          {"error", status.error_message()}});
  }
  HttpResponse page;
  // A 400 shows the service's message (it names the field and is safe for callers).
  if (http == 400) page.body = status.error_message();
  RenderErrorPage(deps, http, request, &page);
  *response = std::move(page);
}

}  // namespace cadre::gateway
