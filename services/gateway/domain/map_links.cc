#include "services/gateway/domain/map_links.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace cadre::gateway {
namespace {

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// An address Body.contact_email and Avenue.how_to_join accept: one '@', something
// before it, a dot in the domain, and no spaces, quotes or angle brackets (which have no
// place in a mailto: link).
bool LooksLikeEmail(absl::string_view s) {
  const size_t at = s.find('@');
  if (at == absl::string_view::npos || at == 0 || s.find('@', at + 1) != absl::string_view::npos) {
    return false;
  }
  const absl::string_view domain = s.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == absl::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  for (char c : s) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '<' ||
        c == '>' || c == '?' || c == '#' || c == '/' || c == ':') {
      return false;
    }
  }
  return true;
}

}  // namespace

bool IsBodyCode(absl::string_view code) {
  absl::string_view digits = code;
  if (absl::ConsumePrefix(&digits, "CDR") && AllDigits(digits) &&
      digits.size() <= static_cast<size_t>(kMaxIssuedCodeDigits)) {
    return true;
  }
  if (code.size() < 3 || code.size() > 6) return false;
  for (char c : code) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

std::string BodyCodeOf(absl::string_view name) {
  absl::string_view code = name;
  if (!absl::ConsumePrefix(&code, "bodies/") || !IsBodyCode(code)) return "";
  return std::string(code);
}

std::string RoleIdOf(absl::string_view name) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, "roles/") || !AllDigits(id)) return "";
  return std::string(id);
}

bool IsHttpsUrl(absl::string_view url) {
  absl::string_view rest = url;
  if (!absl::ConsumePrefix(&rest, "https://") || rest.empty() || rest[0] == '/') return false;
  for (char c : url) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) ||
        absl::ascii_iscntrl(static_cast<unsigned char>(c)) || c == '"' || c == '<' || c == '>') {
      return false;
    }
  }
  return true;
}

absl::optional<JoinLink> JoinLinkOf(absl::string_view how_to_join) {
  const absl::string_view how = absl::StripAsciiWhitespace(how_to_join);
  if (IsHttpsUrl(how)) return JoinLink{.href = std::string(how), .address = std::string(how)};
  if (LooksLikeEmail(how)) {
    return JoinLink{
        .href = absl::StrCat("mailto:", how), .address = std::string(how), .email = true};
  }
  return absl::nullopt;
}

std::string EscapeHtmlAttribute(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EmbedSnippet(absl::string_view public_url, absl::string_view code,
                         absl::string_view body_name) {
  return absl::StrCat(
      "<iframe src=\"", EscapeHtmlAttribute(absl::StrCat(public_url, "/bodies/", code, "/embed")),
      "\" title=\"", EscapeHtmlAttribute(absl::StrCat("Patient leader roles at ", body_name)),
      "\" width=\"100%\" height=\"480\" loading=\"lazy\"></iframe>");
}

}  // namespace cadre::gateway
