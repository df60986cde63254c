#include "services/matching/domain/voice.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace cadre::matching {
namespace {

bool IsWordChar(char c) { return absl::ascii_isalnum(c) || c == '\''; }

// The body's word for `word` ("you", "Your"...), or "" when it is not one to change.
absl::string_view BodyWord(absl::string_view word) {
  if (word == "you") return "they";
  if (word == "You") return "They";
  if (word == "your") return "their";
  if (word == "Your") return "Their";
  return "";
}

}  // namespace

std::string InBodyVoice(absl::string_view applicant_text) {
  std::string out;
  out.reserve(applicant_text.size() + 16);
  size_t i = 0;
  while (i < applicant_text.size()) {
    if (!IsWordChar(applicant_text[i])) {
      out.push_back(applicant_text[i++]);
      continue;
    }
    size_t end = i;
    while (end < applicant_text.size() && IsWordChar(applicant_text[end])) ++end;
    const absl::string_view word = applicant_text.substr(i, end - i);
    const absl::string_view body = BodyWord(word);
    absl::StrAppend(&out, body.empty() ? word : body);
    i = end;
  }
  return out;
}

}  // namespace cadre::matching
