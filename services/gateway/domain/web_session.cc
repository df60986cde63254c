#include "services/gateway/domain/web_session.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace cadre::gateway {
namespace {

constexpr size_t kTokenBytes = 32;
constexpr char kRecordVersion[] = "v2";
constexpr char kLegacyRecordVersion[] = "v1";  // applicants' only, before issue 10
constexpr char kApplicantKind[] = "applicant";
constexpr char kStaffKind[] = "staff";
constexpr size_t kMaxRecordField = 256;

bool IsBase64UrlChar(char c) { return absl::ascii_isalnum(c) || c == '-' || c == '_'; }

// RFC 3986's characters of a path and query (unreserved, sub-delims, ':', '@', '/', '?',
// '%'): anything else (spaces, quotes, '\', control characters, non-ASCII) is refused
// rather than escaped, since the gateway's own links never carry them.
bool IsUrlChar(char c) {
  return absl::ascii_isalnum(c) || absl::StrContains("-._~!$&'()*+,;=:@/?%", c);
}

}  // namespace

std::string SerializeSessionRecord(const SessionRecord& record) {
  // Lines: names, keys and tokens are ASCII words; the display names (free text) are
  // base64url, so that no field can hold a newline.
  std::vector<std::string> lines = {
      kRecordVersion, record.kind == SessionKind::kStaff ? kStaffKind : kApplicantKind,
      record.owner(), record.key,
      record.csrf,    absl::StrCat(absl::ToUnixSeconds(record.key_expire))};
  if (record.kind == SessionKind::kStaff) {
    lines.push_back(record.body_code);
    lines.push_back(record.staff_role);
    lines.push_back(absl::WebSafeBase64Escape(record.display_name));
    lines.push_back(absl::WebSafeBase64Escape(record.body_display_name));
  }
  return absl::StrJoin(lines, "\n");
}

absl::StatusOr<SessionRecord> ParseSessionRecord(absl::string_view text) {
  const absl::Status other_shape = absl::DataLossError("session record has another shape");
  const std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  if (lines.empty()) return other_shape;
  // v1: version, applicant, key, csrf, expiry. v2: version, kind, owner, key, csrf,
  // expiry, and for staff: body code, role, display name, body's display name.
  size_t at = 1;
  SessionKind kind = SessionKind::kApplicant;
  if (lines[0] == kLegacyRecordVersion) {
    if (lines.size() != 5) return other_shape;
  } else if (lines[0] == kRecordVersion && lines.size() >= 2 && lines[1] == kApplicantKind) {
    if (lines.size() != 6) return other_shape;
    at = 2;
  } else if (lines[0] == kRecordVersion && lines.size() >= 2 && lines[1] == kStaffKind) {
    if (lines.size() != 10) return other_shape;
    kind = SessionKind::kStaff;
    at = 2;
  } else {
    return other_shape;
  }
  int64_t expire = 0;
  if (!absl::SimpleAtoi(lines[at + 3], &expire)) return other_shape;
  for (size_t i = at; i < at + 3; ++i) {
    if (lines[i].empty() || lines[i].size() > kMaxRecordField) return other_shape;
  }
  SessionRecord record{.kind = kind,
                       .key = std::string(lines[at + 1]),
                       .csrf = std::string(lines[at + 2]),
                       .key_expire = absl::FromUnixSeconds(expire)};
  if (kind == SessionKind::kApplicant) {
    record.applicant = std::string(lines[at]);
    return record;
  }
  record.staff = std::string(lines[at]);
  record.body_code = std::string(lines[6]);
  record.staff_role = std::string(lines[7]);
  if (!absl::WebSafeBase64Unescape(lines[8], &record.display_name) ||
      !absl::WebSafeBase64Unescape(lines[9], &record.body_display_name)) {
    return other_shape;
  }
  const bool role_known = record.staff_role == "manager" || record.staff_role == "recruiter" ||
                          record.staff_role == "viewer";
  if (record.body_code.empty() || record.body_code.size() > kMaxRecordField || !role_known ||
      record.display_name.empty() || record.display_name.size() > kMaxRecordField ||
      record.body_display_name.size() > kMaxRecordField ||
      !absl::StartsWith(record.staff, absl::StrCat("bodies/", record.body_code, "/staff/"))) {
    return other_shape;
  }
  return record;
}

std::string NewToken() {
  unsigned char bytes[kTokenBytes];
  // A machine that cannot give random bytes cannot make sessions safely: stop.
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();
  return absl::WebSafeBase64Escape(
      absl::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

bool IsToken(absl::string_view value) {
  if (value.size() != kTokenChars) return false;
  for (char c : value) {
    if (!IsBase64UrlChar(c)) return false;
  }
  return true;
}

bool TokensMatch(absl::string_view given, absl::string_view expected) {
  if (expected.empty() || given.size() != expected.size()) return false;
  return CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
}

std::string CookieName(absl::string_view name, bool secure) {
  return secure ? absl::StrCat("__Host-", name) : std::string(name);
}

std::string CookieHeader(absl::string_view name, absl::string_view value, absl::Time expire,
                         bool secure) {
  std::string header = absl::StrCat(name, "=", value, "; Path=/; HttpOnly; SameSite=Lax");
  if (expire != absl::InfiniteFuture()) {
    absl::StrAppend(&header, "; Expires=",
                    absl::FormatTime("%a, %d %b %Y %H:%M:%S GMT", expire, absl::UTCTimeZone()));
  }
  if (secure) absl::StrAppend(&header, "; Secure");
  return header;
}

std::string ClearCookieHeader(absl::string_view name, bool secure) {
  std::string header = absl::StrCat(name, "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  if (secure) absl::StrAppend(&header, "; Secure");
  return header;
}

std::string SafeReturnPath(absl::string_view wanted) {
  if (wanted.empty() || wanted.size() > kMaxReturnPathChars || wanted[0] != '/') return "/";
  // "//host" and "/\host" are another site to a browser.
  if (wanted.size() > 1 && (wanted[1] == '/' || wanted[1] == '\\')) return "/";
  for (char c : wanted) {
    if (!IsUrlChar(c)) return "/";
  }
  return std::string(wanted);
}

}  // namespace cadre::gateway
