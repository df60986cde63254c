#include "services/gateway/pages/account_kit.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/status_macros.h"
#include "services/common/logging.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/pages/session_guard.h"
#include "services/gateway/sessions/session_store.h"

namespace cadre::gateway {
namespace {

std::string FormCookieName(const PageDeps& deps, const HttpRequest& request) {
  return CookieName(kFormCookie, SecureCookies(deps, request));
}

// An applicant's session behind the cookie: nullopt when signed out, or when the session
// is a staff member's (`other_kind` then says so); UNAVAILABLE when the store is down or
// there is none.
absl::StatusOr<std::optional<Account>> Lookup(const PageDeps& deps, const HttpRequest& request,
                                              bool* other_kind = nullptr) {
  CADRE_ASSIGN_OR_RETURN(std::optional<SessionRecord> found, LookUpSession(deps, request));
  if (!found.has_value()) return std::optional<Account>();
  SessionRecord& record = *found;
  if (record.kind != SessionKind::kApplicant) {
    if (other_kind != nullptr) *other_kind = true;
    return std::optional<Account>();
  }
  return std::optional<Account>(Account{.applicant = std::move(record.applicant),
                                        .key = std::move(record.key),
                                        .csrf = std::move(record.csrf),
                                        .cookie = request.Cookie(SessionCookieName(deps, request)),
                                        .secure_cookies = SecureCookies(deps, request),
                                        .key_expire = record.key_expire});
}

constexpr SignInPlace kPersonSignIn{.path = "/sign-in", .post_fallback = "/"};

}  // namespace

std::optional<Account> FindAccount(const PageDeps& deps, const HttpRequest& request) {
  if (request.Cookie(SessionCookieName(deps, request)).empty()) return std::nullopt;  // no Redis
  absl::StatusOr<std::optional<Account>> found = Lookup(deps, request);
  if (!found.ok()) return std::nullopt;
  return *std::move(found);
}

std::optional<Account> RequireAccount(const PageDeps& deps, const HttpRequest& request,
                                      HttpResponse* response) {
  bool staff_session = false;
  absl::StatusOr<std::optional<Account>> found = Lookup(deps, request, &staff_session);
  if (!found.ok()) {
    RenderErrorPage(deps, 503, request, response);
    return std::nullopt;
  }
  if (!found->has_value()) {
    SendToSignIn(deps, request, kPersonSignIn,
                 staff_session ? SessionCookie::kKeep : SessionCookie::kClear, response);
    return std::nullopt;
  }
  return *std::move(found);
}

std::optional<Account> RequireAccountForm(const PageDeps& deps, const HttpRequest& request,
                                          HttpResponse* response) {
  std::optional<Account> account = RequireAccount(deps, request, response);
  if (!account) return std::nullopt;
  if (!TokensMatch(request.Form(kCsrfField), account->csrf)) {
    RenderFormExpired(deps, request, response);
    return std::nullopt;
  }
  return account;
}

std::string SignedOutFormToken(const PageDeps& deps, const HttpRequest& request,
                               HttpResponse* response) {
  std::string token = request.Cookie(FormCookieName(deps, request));
  if (IsToken(token)) return token;
  token = NewToken();
  response->AddHeader("Set-Cookie",
                      CookieHeader(FormCookieName(deps, request), token, absl::InfiniteFuture(),
                                   SecureCookies(deps, request)));
  return token;
}

bool SignedOutFormTokenMatches(const PageDeps& deps, const HttpRequest& request) {
  const std::string cookie = request.Cookie(FormCookieName(deps, request));
  return IsToken(cookie) && TokensMatch(request.Form(kCsrfField), cookie);
}

void RenderFormExpired(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  RenderForbidden(deps, request,
                  "This form has expired or did not come from Cadre, so nothing was changed. "
                  "Go back, reload the page and try again.",
                  response);
}

void PrepareContext(const PageDeps& deps, const HttpRequest& request, const Account& account,
                    grpc::ClientContext* context) {
  deps.upstream->Prepare(context, Caller{.bearer_key = account.key,
                                         .client_address = request.client_address,
                                         .request_id = request.request_id});
}

void RenderAccountUpstreamError(const PageDeps& deps, const grpc::Status& status,
                                const HttpRequest& request, const Account& account,
                                HttpResponse* response) {
  switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED: {
      // The key was refused (expired, revoked: the password changed elsewhere, the
      // account was deleted): the session is of no use any more.
      HttpResponse redirect;
      EndSession(deps, account, &redirect);
      SendToSignIn(deps, request, kPersonSignIn, SessionCookie::kKeep, &redirect);  // cleared above
      *response = std::move(redirect);
      return;
    }
    case grpc::StatusCode::PERMISSION_DENIED:
      RenderForbidden(deps, request, "", response);
      return;
    default:
      RenderUpstreamError(deps, status, request, response);
  }
}

absl::Status StartSession(const PageDeps& deps, const HttpRequest& request,
                          const std::string& applicant, const std::string& key,
                          absl::Time key_expire, HttpResponse* response) {
  return StartSessionFor(
      deps, request,
      SessionRecord{
          .applicant = applicant, .key = key, .csrf = NewToken(), .key_expire = key_expire},
      response);
}

void EndSession(const PageDeps& deps, const Account& account, HttpResponse* response) {
  EndSessionOf(deps, account.cookie, account.applicant, account.secure_cookies, response);
}

absl::Status EndEverySession(const PageDeps& deps, const std::string& applicant) {
  if (deps.sessions == nullptr) return absl::UnavailableError("sessions are not configured");
  return deps.sessions->EndEvery(applicant);
}

void SeeOther(absl::string_view local_path, HttpResponse* response) {
  response->status = 303;
  response->SetHeader("Location", SafeReturnPath(local_path));
  response->content_type = "text/plain; charset=utf-8";
  response->body = "";
}

FieldError FieldErrorOf(const grpc::Status& status) {
  const std::string& message = status.error_message();
  const size_t colon = message.find(": ");
  if (colon == std::string::npos || colon == 0 || colon > 80) return {"", message};
  const std::string field = message.substr(0, colon);
  for (char c : field) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '.' && c != '[' && c != ']') {
      return {"", message};
    }
  }
  return {field, message.substr(colon + 2)};
}

}  // namespace cadre::gateway
