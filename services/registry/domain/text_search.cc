#include "services/registry/domain/text_search.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"

namespace cadre::registry {
namespace {

constexpr size_t kMaxWordLength = 40;

bool IsStopWord(absl::string_view w) {
  static const auto* const kStop = new absl::flat_hash_set<absl::string_view>{
      "a",   "an", "and",  "are",  "as",  "at",   "be",  "by",   "for", "from",
      "has", "in", "is",   "it",   "of",  "on",   "or",  "our",  "the", "this",
      "to",  "we", "will", "with", "you", "your", "who", "that", "its", "into"};
  return kStop->contains(w);
}

}  // namespace

std::vector<std::string> IndexWords(absl::string_view text) {
  std::vector<std::string> words;
  absl::flat_hash_set<std::string> seen;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 && word.size() <= kMaxWordLength && !IsStopWord(word) &&
        seen.insert(word).second) {
      words.push_back(word);
    }
    word.clear();
  };
  for (char c : text) {
    if (absl::ascii_isalnum(c)) {
      word.push_back(absl::ascii_tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::vector<std::string> QueryWords(absl::string_view query) { return IndexWords(query); }

}  // namespace cadre::registry
