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

// Whose a session is: an applicant's (issue 9) or a member of a body's staff (issue 10).
// A page for one kind never takes a session of the other.
enum class SessionKind { kApplicant, kStaff };

// What a session holds, sealed. Never logged.
struct SessionRecord {
  SessionKind kind = SessionKind::kApplicant;
  std::string applicant = "";  // "applicants/{id}" (an applicant's session; else empty)
  // The key from SignUp, SignIn or ChangePassword (an applicant's), or from SignInStaff
  // or SetStaffPassword (a staff member's).
  std::string key = "";
  std::string csrf = "";                      // the token their forms carry
  absl::Time key_expire = absl::UnixEpoch();  // the session ends with the key
  // A staff session's member (else all empty):
  std::string staff = "";              // "bodies/{code}/staff/{id}"
  std::string body_code = "";          // "{code}", as the staff name has it
  std::string staff_role = "";         // "manager" | "recruiter" | "viewer"
  std::string display_name = "";       // the member's, 1-256 bytes of UTF-8
  std::string body_display_name = "";  // the body's, for the header (its code when unknown)

  // The session's owner: `applicant` or `staff`, as the kind says.
  const std::string& owner() const { return kind == SessionKind::kStaff ? staff : applicant; }
};

// Version "v2" (its kind on the second line); "v1" records, from before staff sessions,
// still parse (as an applicant's).
std::string SerializeSessionRecord(const SessionRecord& record);
// DATA_LOSS when `text` is not a record SerializeSessionRecord made (of either version),
// or a staff record's parts do not agree (the staff name not of its body, a role unknown).
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
