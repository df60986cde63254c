#pragma once

// What a page for a signed-in person uses: who is asking (the session behind the
// browser's cookie), the sign-in a page needs, the CSRF check every form's POST makes,
// and upstream calls made with the person's own key.
//
// A person's pages follow one shape:
//   GET  — RequireAccount; call the services with PrepareContext(deps, request, *account,
//          &context); on failure RenderAccountUpstreamError; else RenderPage with
//          frame.account = &*account. Every form in the template carries
//          <input type="hidden" name="csrf" value="{{csrf}}"> (view["csrf"] =
//          account->csrf).
//   POST — RequireAccountForm (which checks the CSRF token); call; on INVALID_ARGUMENT
//          render the form again (status 400) with an error summary naming the field
//          (FieldErrorOf); on success SeeOther to the page to show next, with
//          "?done=<what>" for its success banner (a word, never personal data).

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// A signed-in person, from their session. Never logged; the key never rendered.
struct Account {
  std::string applicant;        // "applicants/{id}"
  std::string key;              // their applicant key: upstream calls only
  std::string csrf;             // the token each of their forms carries (field "csrf")
  std::string cookie;           // the session cookie's value, to end this session
  bool secure_cookies = false;  // cookies are set Secure (TLS, or an https public URL)
  absl::Time key_expire = absl::UnixEpoch();  // when the key (and so the session) expires
};

inline constexpr char kCsrfField[] = "csrf";

// The session behind the request's cookie, or nullopt: no cookie, unknown or expired, or
// the session store unavailable (the person then looks signed out on public pages).
std::optional<Account> FindAccount(const PageDeps& deps, const HttpRequest& request);

// For a page that needs signing in: the account; or nullopt with `response` filled:
// signed out → 303 to /sign-in?return=<this path and query, for a GET> (a POST returns
// to the path alone); the session store unavailable → the 503 page.
std::optional<Account> RequireAccount(const PageDeps& deps, const HttpRequest& request,
                                      HttpResponse* response);

// For a POST from a signed-in person's form: RequireAccount, then the form's "csrf" field
// must equal the session's token, else the 403 page ("this form has expired": nothing
// was changed).
std::optional<Account> RequireAccountForm(const PageDeps& deps, const HttpRequest& request,
                                          HttpResponse* response);

// The context for an upstream call made for `account` (their key as the bearer, the
// browser's address through the gateway's forwarder key, the request id, the deadline).
void PrepareContext(const PageDeps& deps, const HttpRequest& request, const Account& account,
                    grpc::ClientContext* context);

// An upstream failure on a signed-in page: UNAUTHENTICATED (the key was refused: expired
// or revoked) → the session is deleted, the cookie cleared and 303 to sign in, returning
// here; PERMISSION_DENIED → the 403 page; anything else as RenderUpstreamError.
void RenderAccountUpstreamError(const PageDeps& deps, const grpc::Status& status,
                                const HttpRequest& request, const Account& account,
                                HttpResponse* response);

// Signing in: a new session holding `key` (from SignUp, SignIn or ChangePassword) for
// `applicant` until `key_expire`, its cookie set on `response` (HttpOnly, SameSite=Lax,
// Secure under TLS, expiring with the key). A session the request already had is ended
// first (a new session at each sign-in). UNAVAILABLE when the session store is down.
absl::Status StartSession(const PageDeps& deps, const HttpRequest& request,
                          const std::string& applicant, const std::string& key,
                          absl::Time key_expire, HttpResponse* response);

// Ends `account`'s session (the store's record and the browser's cookie). The key itself
// is revoked by the caller (matching's SignOut) when it should be.
void EndSession(const PageDeps& deps, const Account& account, HttpResponse* response);

// Ends every session of `applicant` at once (deleting the account, changing the password),
// in every gateway replica: they share the store. UNAVAILABLE when the store is down.
absl::Status EndEverySession(const PageDeps& deps, const std::string& applicant);

// Signed-out forms (sign in, sign up) carry a CSRF token too: the browser's form cookie
// (set on `response` when it had none), which the POST's "csrf" field must equal.
std::string SignedOutFormToken(const PageDeps& deps, const HttpRequest& request,
                               HttpResponse* response);
bool SignedOutFormTokenMatches(const PageDeps& deps, const HttpRequest& request);

// The 403 page for a form posted without its token: nothing was changed.
void RenderFormExpired(const PageDeps& deps, const HttpRequest& request, HttpResponse* response);

// 303 See Other to a local path (after a POST, so that reloading does not post again).
void SeeOther(absl::string_view local_path, HttpResponse* response);

// The field an INVALID_ARGUMENT (or FAILED_PRECONDITION) message names, and the rest:
// "profile.display_name: must be 2-80 characters" → {"profile.display_name", "must be
// 2-80 characters"}; a message naming no field → {"", the message}.
struct FieldError {
  std::string field;
  std::string message;
};
FieldError FieldErrorOf(const grpc::Status& status);

}  // namespace cadre::gateway
