#pragma once

// The pure parts of web sessions: the cookies, the record a session keeps (sealed at rest
// by session_seal.h), the return address after signing in, and the CSRF comparison.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cadre::gateway {

// The session cookie: 32 random bytes, base64url without padding (43 characters).
inline constexpr char kSessionCookie[] = "cadre_session";
// Signed-out forms' CSRF token (sign in, sign up): the same shape, compared with the form's
// "csrf" field (a double-submit cookie: another site can neither read nor set it).
inline constexpr char kFormCookie[] = "cadre_form";
inline constexpr size_t kTokenChars = 43;
inline constexpr size_t kMaxReturnPathChars = 512;

// What a session holds, sealed. Never logged.
struct SessionRecord {
  std::string applicant;  // "applicants/{id}"
  std::string key;        // the applicant's key from SignUp, SignIn or ChangePassword
  std::string csrf;       // the token their forms carry
  absl::Time key_expire;  // the session ends with the key
};

std::string SerializeSessionRecord(const SessionRecord& record);
// DATA_LOSS when `text` is not a record SerializeSessionRecord made.
absl::StatusOr<SessionRecord> ParseSessionRecord(absl::string_view text);

// 32 random bytes as base64url without padding: session cookies and CSRF tokens.
std::string NewToken();
// Whether `value` has a token's shape (43 characters of base64url), checked before it is
// looked up or hashed.
bool IsToken(absl::string_view value);
// Compares a form's token with the expected one in time independent of where they differ.
bool TokensMatch(absl::string_view given, absl::string_view expected);

// The name a cookie goes by: "__Host-" and `name` when `secure` (a browser then takes it
// only from this very host, over HTTPS, for Path=/ and no Domain, so a sibling subdomain
// can neither plant nor overwrite it); `name` itself over plain HTTP (development on
// loopback), where browsers refuse __Host- cookies.
std::string CookieName(absl::string_view name, bool secure);

// The Set-Cookie header value for `name`: HttpOnly, SameSite=Lax, Path=/, Secure when
// `secure`, Expires at `expire` (absl::InfiniteFuture(): a browser-session cookie).
std::string CookieHeader(absl::string_view name, absl::string_view value, absl::Time expire,
                         bool secure);
// The Set-Cookie header value that removes `name`.
std::string ClearCookieHeader(absl::string_view name, bool secure);

// Where to send a person after signing in: `wanted` when it is a local path (one leading
// '/', not "//" nor "/\", no scheme or host, printable URL characters only, up to
// kMaxReturnPathChars), else "/".
std::string SafeReturnPath(absl::string_view wanted);

}  // namespace cadre::gateway
