#pragma once

// Proto comments as OpenAPI descriptions (CommonMark). protoc keeps each comment line's
// text after the `//`, so lines start with a space and are hard-wrapped at the proto's
// column limit; these functions undo both.

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace cadre::openapi {

// A raw comment as protoc stores it, as one description: one leading space trimmed from
// each line, trailing spaces dropped, the lines of a paragraph joined by single spaces;
// blank lines stay paragraph breaks, and lines that start a list item ("- ", "* ",
// "1. ") or are indented keep their own line. "" for a comment of only blank lines.
std::string FormatComment(absl::string_view raw);

// The leading and trailing comments of the element at `location` (each formatted), as
// paragraphs; detached comments (separated by a blank line) are left out. "" if none.
std::string CommentOf(const google::protobuf::SourceLocation& location);

// CommentOf the descriptor's source location; "" when the descriptor set was built
// without --include_source_info. Works for every descriptor type with GetSourceLocation.
template <typename DescriptorT>
std::string CommentOf(const DescriptorT& descriptor) {
  google::protobuf::SourceLocation location;
  if (!descriptor.GetSourceLocation(&location)) return "";
  return CommentOf(location);
}

// `a` and `b` as two paragraphs; either may be empty.
std::string JoinParagraphs(absl::string_view a, absl::string_view b);

}  // namespace cadre::openapi
