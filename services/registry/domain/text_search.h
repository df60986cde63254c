#pragma once

// Words for search: lower-cased runs of ASCII letters and digits (other bytes, including
// UTF-8 letters, split words), at least two characters, common English stop words left
// out. Used both to index a role's title and summary and to read a query, so that the
// two always agree.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cadre::registry {

// Distinct words of `text`, in order of first appearance.
std::vector<std::string> IndexWords(absl::string_view text);

// The words of a query (same rules as IndexWords).
std::vector<std::string> QueryWords(absl::string_view query);

}  // namespace cadre::registry
