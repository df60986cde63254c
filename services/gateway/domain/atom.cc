#include "services/gateway/domain/atom.h"

#include "absl/strings/str_cat.h"
#include "services/common/base/validation.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// The code point of the valid `n`-byte UTF-8 sequence at s[i].
char32_t CodePoint(absl::string_view s, size_t i, size_t n) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (n == 1) return byte(0);
  char32_t cp = byte(0) & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
  return cp;
}

// Characters XML 1.0 forbids, and the control characters it allows but feed readers
// (and people) have no use for.
bool Dropped(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r') return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

void Element(std::string* out, absl::string_view indent, absl::string_view name,
             absl::string_view text) {
  absl::StrAppend(out, indent, "<", name, ">", XmlEscape(text), "</", name, ">\n");
}

void Link(std::string* out, absl::string_view indent, absl::string_view rel, absl::string_view type,
          absl::string_view href) {
  absl::StrAppend(out, indent, "<link rel=\"", rel, "\"");
  if (!type.empty()) absl::StrAppend(out, " type=\"", type, "\"");
  absl::StrAppend(out, " href=\"", XmlEscape(href), "\"/>\n");
}

}  // namespace

std::string XmlEscape(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const char32_t cp = CodePoint(text, i, n);
    switch (cp) {
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
        out += "&apos;";
        break;
      default:
        if (!Dropped(cp)) out.append(text.data() + i, n);
    }
    i += n;
  }
  return out;
}

std::string WriteAtom(const AtomFeed& feed) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  Element(&out, "  ", "id", feed.id);
  Element(&out, "  ", "title", feed.title);
  Element(&out, "  ", "updated", Rfc3339(feed.updated));
  Link(&out, "  ", "self", "application/atom+xml", feed.self_link);
  Link(&out, "  ", "alternate", "text/html", feed.alternate_link);
  for (const AtomEntry& entry : feed.entries) {
    out += "  <entry>\n";
    Element(&out, "    ", "id", entry.id);
    Element(&out, "    ", "title", entry.title);
    Link(&out, "    ", "alternate", "text/html", entry.link);
    Element(&out, "    ", "updated", Rfc3339(entry.updated));
    Element(&out, "    ", "published", Rfc3339(entry.published));
    absl::StrAppend(&out, "    <author>\n");
    Element(&out, "      ", "name", entry.author);
    absl::StrAppend(&out, "    </author>\n");
    Element(&out, "    ", "summary", entry.summary);
    out += "  </entry>\n";
  }
  out += "</feed>\n";
  return out;
}

}  // namespace cadre::gateway
