// profile_form.h's tags, slugs and words: how the form reads and shows tags, the
// attendance and interest kinds' values, and dates in words.

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/gateway/domain/profile_form.h"

namespace cadre::gateway {

using cadre::v1::DeclaredInterest;

ParsedTags ParseTags(absl::string_view typed, absl::string_view label) {
  ParsedTags parsed;
  std::set<std::string> seen;
  for (absl::string_view piece : absl::StrSplit(typed, ',')) {
    std::string tag;
    bool gap = false;
    for (char c : absl::StripAsciiWhitespace(piece)) {
      if (c == ' ' || c == '_' || c == '\t' || c == '-') {
        gap = true;
        continue;
      }
      if (gap && !tag.empty()) tag.push_back('-');
      gap = false;
      tag.push_back(absl::ascii_tolower(c));
    }
    if (tag.empty() || !seen.insert(tag).second) continue;
    const bool letters = std::all_of(tag.begin(), tag.end(), [](char c) {
      return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '-';
    });
    if (!letters) {
      parsed.error = absl::StrCat(label, ": \"", std::string(absl::StripAsciiWhitespace(piece)),
                                  "\" can only use letters a to z, numbers, spaces and hyphens");
      return parsed;
    }
    if (tag.size() > kProfileMaxTagLength) {
      parsed.error =
          absl::StrCat(label, ": each one must be ", kProfileMaxTagLength, " characters or fewer");
      return parsed;
    }
    parsed.tags.push_back(std::move(tag));
  }
  if (parsed.tags.size() > static_cast<size_t>(kProfileMaxTags)) {
    parsed.error = absl::StrCat(label, ": enter ", kProfileMaxTags, " or fewer");
  }
  return parsed;
}

std::string JoinTags(const google::protobuf::RepeatedPtrField<std::string>& tags) {
  return absl::StrJoin(tags, ", ");
}

std::string AttendanceSlug(cadre::v1::AttendanceMode mode) {
  switch (mode) {
    case cadre::v1::ATTENDANCE_MODE_IN_PERSON:
      return "in-person";
    case cadre::v1::ATTENDANCE_MODE_REMOTE:
      return "remote";
    case cadre::v1::ATTENDANCE_MODE_HYBRID:
      return "hybrid";
    default:
      return "";
  }
}

cadre::v1::AttendanceMode AttendanceFromSlug(absl::string_view slug) {
  if (slug == "in-person") return cadre::v1::ATTENDANCE_MODE_IN_PERSON;
  if (slug == "remote") return cadre::v1::ATTENDANCE_MODE_REMOTE;
  if (slug == "hybrid") return cadre::v1::ATTENDANCE_MODE_HYBRID;
  return cadre::v1::ATTENDANCE_MODE_UNSPECIFIED;
}

std::string InterestKindSlug(DeclaredInterest::Kind kind) {
  switch (kind) {
    case DeclaredInterest::KIND_WORKS_FOR:
      return "works-for";
    case DeclaredInterest::KIND_CONFLICT:
      return "conflict";
    default:
      return "";
  }
}

DeclaredInterest::Kind InterestKindFromSlug(absl::string_view slug) {
  if (slug == "works-for") return DeclaredInterest::KIND_WORKS_FOR;
  if (slug == "conflict") return DeclaredInterest::KIND_CONFLICT;
  return DeclaredInterest::KIND_UNSPECIFIED;
}

std::string InterestKindLabel(DeclaredInterest::Kind kind) {
  switch (kind) {
    case DeclaredInterest::KIND_WORKS_FOR:
      return "I work for it or am contracted to it";
    case DeclaredInterest::KIND_CONFLICT:
      return "Another conflict of interest";
    default:
      return "Not stated";
  }
}

std::string CalendarDateLabel(const cadre::v1::Date& date) {
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  if (date.month() < 1 || date.month() > 12 || date.day() < 1) return "";
  return absl::StrCat(date.day(), " ", kMonths[date.month() - 1], " ", date.year());
}

}  // namespace cadre::gateway
