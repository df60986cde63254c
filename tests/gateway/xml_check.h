#pragma once

// A tiny, strict XML reader for tests of what the gateway writes (the Atom feed): it
// refuses anything that is not well-formed XML 1.0 (unbalanced or crossed tags, a bare
// '&' or '<' in text, an unquoted or repeated attribute, an unknown entity, a character
// XML forbids, invalid UTF-8, a second root) and gives the tree back, so that a test can
// read the elements a feed reader would. No DTDs, CDATA or processing instructions other
// than the XML declaration: the gateway writes none.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/base/validation.h"

namespace cadre::testing {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<XmlElement> children;
  std::string text;  // character data directly inside, entities decoded

  std::string Attribute(absl::string_view key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return v;
    }
    return "";
  }
  std::vector<const XmlElement*> Children(absl::string_view child) const {
    std::vector<const XmlElement*> found;
    for (const XmlElement& c : children) {
      if (c.name == child) found.push_back(&c);
    }
    return found;
  }
  // The text of the first child named `child`, or "".
  std::string ChildText(absl::string_view child) const {
    for (const XmlElement& c : children) {
      if (c.name == child) return c.text;
    }
    return "";
  }
};

namespace xml_internal {

class Reader {
 public:
  explicit Reader(absl::string_view xml) : s_(xml) {}

  absl::StatusOr<XmlElement> Document() {
    if (!IsValidUtf8(s_)) return Fail("invalid UTF-8");
    for (unsigned char c : s_) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return Fail("a control character");
    }
    if (s_.substr(0, 5) == "<?xml") {
      const size_t end = s_.find("?>");
      if (end == absl::string_view::npos) return Fail("an unclosed XML declaration");
      i_ = end + 2;
    }
    SkipSpace();
    XmlElement root;
    if (absl::Status s = Element(&root); !s.ok()) return s;
    SkipSpace();
    if (i_ != s_.size()) return Fail("content after the root element");
    return root;
  }

 private:
  absl::Status Fail(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat("not well-formed at byte ", i_, ": ", what));
  }
  void SkipSpace() {
    while (i_ < s_.size() && absl::ascii_isspace(s_[i_])) ++i_;
  }
  static bool NameChar(char c) {
    return absl::ascii_isalnum(c) || c == '_' || c == '-' || c == '.' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
  }
  absl::StatusOr<std::string> Name() {
    const size_t start = i_;
    while (i_ < s_.size() && NameChar(s_[i_])) ++i_;
    if (i_ == start || absl::ascii_isdigit(s_[start]) || s_[start] == '-') {
      return Fail("a missing or bad name");
    }
    return std::string(s_.substr(start, i_ - start));
  }
  // Text up to `stop` ('<' in content, the quote in an attribute), entities decoded.
  absl::StatusOr<std::string> Text(char stop) {
    std::string out;
    while (i_ < s_.size() && s_[i_] != stop) {
      const char c = s_[i_];
      if (c == '<') return Fail("'<' in an attribute value");
      if (c != '&') {
        out.push_back(c);
        ++i_;
        continue;
      }
      const size_t semi = s_.find(';', i_);
      if (semi == absl::string_view::npos || semi - i_ > 10) return Fail("a bare '&'");
      const absl::string_view ref = s_.substr(i_ + 1, semi - i_ - 1);
      static constexpr std::pair<const char*, const char*> kEntities[] = {
          {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}};
      bool known = false;
      for (const auto& [name, value] : kEntities) {
        if (ref == name) {
          out += value;
          known = true;
        }
      }
      uint32_t cp = 0;
      if (!known && ref.size() > 1 && ref[0] == '#') {
        known = ref[1] == 'x' ? absl::SimpleHexAtoi(ref.substr(2), &cp)
                              : absl::SimpleAtoi(ref.substr(1), &cp);
        if (known && (cp < 0x20 && cp != 9 && cp != 10 && cp != 13)) {
          return Fail("a reference to a forbidden character");
        }
        if (known) out += absl::StrCat("&#", cp, ";");  // kept as written: tests compare text
      }
      if (!known) return Fail(absl::StrCat("an unknown entity &", ref, ";"));
      i_ = semi + 1;
    }
    return out;
  }
  absl::Status Element(XmlElement* e) {
    if (i_ >= s_.size() || s_[i_] != '<') return Fail("an element was expected");
    ++i_;
    absl::StatusOr<std::string> name = Name();
    if (!name.ok()) return name.status();
    e->name = *name;
    while (true) {
      SkipSpace();
      if (i_ >= s_.size()) return Fail("an unclosed start tag");
      if (s_.substr(i_, 2) == "/>") {
        i_ += 2;
        return absl::OkStatus();
      }
      if (s_[i_] == '>') {
        ++i_;
        break;
      }
      absl::StatusOr<std::string> key = Name();
      if (!key.ok()) return key.status();
      if (i_ >= s_.size() || s_[i_] != '=') return Fail("an attribute without '='");
      ++i_;
      if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return Fail("an unquoted value");
      const char quote = s_[i_++];
      absl::StatusOr<std::string> value = Text(quote);
      if (!value.ok()) return value.status();
      if (i_ >= s_.size()) return Fail("an unclosed attribute value");
      ++i_;
      if (!e->Attribute(*key).empty()) return Fail("a repeated attribute");
      e->attributes.emplace_back(*key, *value);
    }
    while (true) {
      absl::StatusOr<std::string> text = Text('<');
      if (!text.ok()) return text.status();
      e->text += *text;
      if (i_ >= s_.size()) return Fail(absl::StrCat("<", e->name, "> is never closed"));
      if (s_.substr(i_, 2) == "</") {
        i_ += 2;
        absl::StatusOr<std::string> end = Name();
        if (!end.ok()) return end.status();
        if (*end != e->name) return Fail(absl::StrCat("</", *end, "> closes <", e->name, ">"));
        SkipSpace();
        if (i_ >= s_.size() || s_[i_] != '>') return Fail("an unclosed end tag");
        ++i_;
        return absl::OkStatus();
      }
      XmlElement child;
      if (absl::Status s = Element(&child); !s.ok()) return s;
      e->children.push_back(std::move(child));
    }
  }

  absl::string_view s_;
  size_t i_ = 0;
};

}  // namespace xml_internal

// The root element of `xml`, or INVALID_ARGUMENT saying where it is not well-formed.
inline absl::StatusOr<XmlElement> ParseXml(absl::string_view xml) {
  return xml_internal::Reader(xml).Document();
}

}  // namespace cadre::testing
