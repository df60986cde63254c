#pragma once

// What account_kit.h (a person's pages) and staff_kit.h (a body's staff's pages) share
// about guarding a page with a session of one kind: where to come back to after signing
// in, the redirect there, the 403 page, and starting and ending a session. Pages use the
// two kits; only they use this file.

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// Where one kind of session is signed into: its sign-in page, and where a POST whose
// form is not the gateway's own returns to ("/sign-in" and "/"; "/staff/sign-in" and
// "/staff").
struct SignInPlace {
  absl::string_view path;
  absl::string_view post_fallback;
};

// This page's address, for coming back to after signing in: the path and, for a GET, its
// query (re-encoded: HttpRequest holds it decoded). A POST (a form sent after the session
// ended) returns to the page that held the form when the Referer is the gateway's own
// public address, else to `place.post_fallback`: its own path has no page to show.
std::string ReturnAddressOf(const PageDeps& deps, const HttpRequest& request,
                            const SignInPlace& place);

// What SendToSignIn does with the request's session cookie: clear it (it names no session
// any more), or keep it (it holds a session of the other kind, which stays its owner's
// until they sign in here; or the caller has just ended and cleared it).
enum class SessionCookie { kClear, kKeep };

// A page that needs a session of this kind met none: 303 to `place.path` returning here,
// and the request's session cookie (if any) cleared or kept as `cookie` says.
void SendToSignIn(const PageDeps& deps, const HttpRequest& request, const SignInPlace& place,
                  SessionCookie cookie, HttpResponse* response);

// The 403 page saying `detail` ("" for the page's own words), never cached.
void RenderForbidden(const PageDeps& deps, const HttpRequest& request, absl::string_view detail,
                     HttpResponse* response);

// A new session holding `record`, its cookie set on `response` until record.key_expire. A
// session the request's cookie already had (of either kind) is ended first. UNAVAILABLE
// when the session store is down or there is none.
absl::Status StartSessionFor(const PageDeps& deps, const HttpRequest& request,
                             const SessionRecord& record, HttpResponse* response);

// Ends the session behind `cookie` (its record, whose owner is `owner`: the applicant's or
// staff member's name) and clears the cookie on `response`. A store that cannot end it
// is logged: the record then ends with its idle time or its key.
void EndSessionOf(const PageDeps& deps, const std::string& cookie, const std::string& owner,
                  bool secure_cookies, HttpResponse* response);

}  // namespace cadre::gateway
