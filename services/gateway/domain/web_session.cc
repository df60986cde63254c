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
constexpr char kRecordVersion[] = "v1";
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
  // Lines: none of the fields can hold a newline (names, keys and tokens are ASCII words).
  return absl::StrJoin({std::string(kRecordVersion), record.applicant, record.key, record.csrf,
                        absl::StrCat(absl::ToUnixSeconds(record.key_expire))},
                       "\n");
}

absl::StatusOr<SessionRecord> ParseSessionRecord(absl::string_view text) {
  const std::vector<absl::string_view> lines = absl::StrSplit(text, '\n');
  int64_t expire = 0;
  if (lines.size() != 5 || lines[0] != kRecordVersion || !absl::SimpleAtoi(lines[4], &expire)) {
    return absl::DataLossError("session record has another shape");
  }
  for (size_t i = 1; i < 4; ++i) {
    if (lines[i].empty() || lines[i].size() > kMaxRecordField) {
      return absl::DataLossError("session record has another shape");
    }
  }
  return SessionRecord{.applicant = std::string(lines[1]),
                       .key = std::string(lines[2]),
                       .csrf = std::string(lines[3]),
                       .key_expire = absl::FromUnixSeconds(expire)};
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
