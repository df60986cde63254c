#pragma once

// What every page handler uses: its dependencies, the layout around its template, the
// error pages, and the way an upstream failure becomes one. A page is then one handler
// (pages/<name>_page.cc: call the services, build a view model), one template
// (templates/<name>.mustache) and one line in pages.cc.

#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "services/common/base/clock.h"
#include "services/gateway/domain/web_session.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/http/static_assets.h"
#include "services/gateway/render/templates.h"
#include "services/gateway/upstream/upstream.h"

namespace cadre::gateway {

class SessionStore;
struct Account;
struct StaffAccount;

struct PageDeps {
  const Upstream* upstream = nullptr;
  const Templates* templates = nullptr;
  const StaticAssets* assets = nullptr;
  const Clock* clock = nullptr;
  // The gateway's public address without a trailing slash ("https://cadre.nhs.uk"), for
  // absolute links (Atom feeds, the embed snippet); never taken from the Host header.
  std::string public_url;
  // Web sessions (sessions/session_store.h); null: nobody can sign in (the person's pages
  // answer 503).
  SessionStore* sessions = nullptr;
  // The privacy notice sign-ups agree to (/privacy shows it): matching's current one.
  std::string privacy_notice_version = "2026-11";
};

// How a page sits in the layout.
struct PageFrame {
  std::string title = "";  // the <title> and, unless the template has its own, the h1
  // "home", "map", "menu", "search", and for a signed-in person "applications",
  // "for-you", "credentials", "profile": the header's navigation item to mark current.
  std::string section = "";
  // A page made to be framed (a body's embed): the bare layout, no header or footer.
  bool embed = false;
  // Breadcrumbs above the h1: {{"text", "Map"}, {"href", "/map"}} each; the last one is the
  // parent page.
  nlohmann::json breadcrumbs = nlohmann::json::array();
  // <link rel="alternate" type="application/atom+xml"> of the page, if it has a feed.
  std::string feed_url = "";
  // The signed-in person the page is for (account_kit.h): the header then shows their
  // links and the sign-out button, and the page is private (Cache-Control: no-store).
  // Null on a public page: the layout looks the session up itself when the browser sent a
  // session cookie.
  const Account* account = nullptr;
  // The signed-in member of a body's staff a staff page is for (staff_kit.h): the header
  // then shows the body's name, the member's name and role, the staff navigation and the
  // sign-out button; private as above. A public page seen in a staff session shows the
  // same header.
  const StaffAccount* staff = nullptr;
  // A page search engines must not index, nor browsers tell other sites about (a page
  // whose address holds a secret, such as a set-up link): <meta name="robots"
  // content="noindex">, <meta name="referrer" content="no-referrer"> and the headers
  // X-Robots-Tag: noindex and Referrer-Policy: no-referrer.
  bool noindex = false;
};

// Renders `template_name` with `view`, then the layout around it; 200 text/html unless
// `response->status` was set. A template error renders the 500 page.
void RenderPage(const PageDeps& deps, const HttpRequest& request, const PageFrame& frame,
                absl::string_view template_name, const nlohmann::json& view,
                HttpResponse* response);

// The error page for `status` (400, 404, 405, 413, 429, 500, 503), in the layout.
void RenderErrorPage(const PageDeps& deps, int status, const HttpRequest& request,
                     HttpResponse* response);

// An upstream call that failed, as a page: NOT_FOUND → 404; INVALID_ARGUMENT,
// FAILED_PRECONDITION, OUT_OF_RANGE → 400 (with the service's message, which names the
// field); RESOURCE_EXHAUSTED → 429; UNAVAILABLE, DEADLINE_EXCEEDED → 503 (the page says
// that part of the service is down; other pages still work); anything else → 500,
// logged with the request id.
void RenderUpstreamError(const PageDeps& deps, const grpc::Status& status,
                         const HttpRequest& request, HttpResponse* response);

// Sessions' cookies: Secure (and __Host- prefixed) under TLS or behind an https public
// address (a proxy that ends TLS); the session cookie's name accordingly.
bool SecureCookies(const PageDeps& deps, const HttpRequest& request);
std::string SessionCookieName(const PageDeps& deps, const HttpRequest& request);

// The session behind the request's cookie, of either kind (account_kit.h's FindAccount
// and staff_kit.h's FindStaff each take only their own): nullopt when the browser sent
// no cookie or its session is unknown or over; UNAVAILABLE when the store is down or
// there is none.
absl::StatusOr<std::optional<SessionRecord>> LookUpSession(const PageDeps& deps,
                                                           const HttpRequest& request);

// Who a public page's upstream calls are made for: anonymous (no key), with the browser's
// address and the request id. A signed-in person's pages use account_kit.h's
// PrepareContext, which carries their key.
Caller CallerOf(const HttpRequest& request);

// A grpc::ClientContext prepared for `request`'s caller with the upstream deadline.
void PrepareContext(const PageDeps& deps, const HttpRequest& request, grpc::ClientContext* context);

}  // namespace cadre::gateway
