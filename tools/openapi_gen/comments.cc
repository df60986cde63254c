#include "tools/openapi_gen/comments.h"

#include <cctype>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace cadre::openapi {
namespace {

// A line that Markdown would not run into the line before it: a list item or an
// indented (code) line.
bool StartsOwnLine(absl::string_view line) {
  if (line.empty()) return false;
  if (line[0] == ' ' || line[0] == '\t') return true;
  if (absl::StartsWith(line, "- ") || absl::StartsWith(line, "* ") ||
      absl::StartsWith(line, "+ ")) {
    return true;
  }
  size_t digits = 0;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) {
    ++digits;
  }
  return digits > 0 && absl::StartsWith(line.substr(digits), ". ");
}

}  // namespace

std::string FormatComment(absl::string_view raw) {
  std::string out;
  bool paragraph_break = false;  // a blank line since the last text line
  for (absl::string_view line : absl::StrSplit(raw, '\n')) {
    if (absl::StartsWith(line, " ")) line.remove_prefix(1);
    line = absl::StripTrailingAsciiWhitespace(line);
    if (line.empty()) {
      paragraph_break = true;
      continue;
    }
    if (!out.empty()) {
      if (paragraph_break) {
        out += "\n\n";
      } else if (StartsOwnLine(line)) {
        out += "\n";
      } else {
        out += " ";
      }
    }
    paragraph_break = false;
    absl::StrAppend(&out, line);
  }
  return out;
}

std::string JoinParagraphs(absl::string_view a, absl::string_view b) {
  if (a.empty()) return std::string(b);
  if (b.empty()) return std::string(a);
  return absl::StrCat(a, "\n\n", b);
}

std::string CommentOf(const google::protobuf::SourceLocation& location) {
  return JoinParagraphs(FormatComment(location.leading_comments),
                        FormatComment(location.trailing_comments));
}

}  // namespace cadre::openapi
