#include "services/gateway/pages/session_guard.h"

#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/sessions/session_store.h"

namespace cadre::gateway {

std::string ReturnAddressOf(const PageDeps& deps, const HttpRequest& request,
                            const SignInPlace& place) {
  if (request.method == "POST") {
    const std::string referer = request.Header("referer");
    if (!deps.public_url.empty() && absl::StartsWith(referer, deps.public_url + "/")) {
      return SafeReturnPath(referer.substr(deps.public_url.size()));
    }
    return std::string(place.post_fallback);
  }
  std::string address = request.path;
  const char* separator = "?";
  for (const auto& [name, value] : request.query) {
    absl::StrAppend(&address, separator, PercentEncode(name), "=", PercentEncode(value));
    separator = "&";
  }
  return SafeReturnPath(address);
}

void SendToSignIn(const PageDeps& deps, const HttpRequest& request, const SignInPlace& place,
                  SessionCookie cookie, HttpResponse* response) {
  // The Location is made here, not by SeeOther: the return address is already a safe
  // local path, and percent-encoded it may pass SeeOther's length cap.
  response->status = 303;
  response->SetHeader(
      "Location",
      absl::StrCat(place.path, "?return=", PercentEncode(ReturnAddressOf(deps, request, place))));
  response->content_type = "text/plain; charset=utf-8";
  response->body = "";
  const std::string cookie_name = SessionCookieName(deps, request);
  if (cookie == SessionCookie::kClear && !request.Cookie(cookie_name).empty()) {
    response->AddHeader("Set-Cookie", ClearCookieHeader(cookie_name, SecureCookies(deps, request)));
  }
}

void RenderForbidden(const PageDeps& deps, const HttpRequest& request, absl::string_view detail,
                     HttpResponse* response) {
  HttpResponse page;
  page.body = std::string(detail);
  RenderErrorPage(deps, 403, request, &page);
  page.SetHeader("Cache-Control", "private, no-store");
  *response = std::move(page);
}

absl::Status StartSessionFor(const PageDeps& deps, const HttpRequest& request,
                             const SessionRecord& record, HttpResponse* response) {
  if (deps.sessions == nullptr) return absl::UnavailableError("sessions are not configured");
  const std::string cookie_name = SessionCookieName(deps, request);
  const std::string old_cookie = request.Cookie(cookie_name);
  if (!old_cookie.empty()) {
    absl::StatusOr<std::optional<SessionRecord>> old = deps.sessions->Find(old_cookie);
    if (old.ok() && old->has_value()) {
      deps.sessions->End(old_cookie, (*old)->owner()).IgnoreError();  // of either kind
    }
  }
  absl::StatusOr<std::string> cookie = deps.sessions->Create(record);
  if (!cookie.ok()) return cookie.status();
  response->AddHeader("Set-Cookie", CookieHeader(cookie_name, *cookie, record.key_expire,
                                                 SecureCookies(deps, request)));
  return absl::OkStatus();
}

void EndSessionOf(const PageDeps& deps, const std::string& cookie, const std::string& owner,
                  bool secure_cookies, HttpResponse* response) {
  if (deps.sessions != nullptr) {
    absl::Status ended = deps.sessions->End(cookie, owner);
    if (!ended.ok()) {
      // The cookie is cleared below; the record ends with its idle time or the key.
      log::Warn("session end failed", {{"error", std::string(ended.message())}});
    }
  }
  response->AddHeader(
      "Set-Cookie", ClearCookieHeader(CookieName(kSessionCookie, secure_cookies), secure_cookies));
}

}  // namespace cadre::gateway
