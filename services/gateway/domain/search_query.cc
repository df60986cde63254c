#include "services/gateway/domain/search_query.h"

#include <utility>

#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "services/common/base/validation.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/map_links.h"

namespace cadre::gateway {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// The gateway's words for each field's problem (the registry's name the API field).
constexpr char kQueryTooLong[] = "Search words must be 200 characters or fewer";
constexpr char kQueryTooManyWords[] = "Enter 8 words or fewer";
constexpr char kQueryNotText[] = "Enter search words as plain text";
constexpr char kLevelWrong[] = "Select an involvement level from the list";
constexpr char kRegionWrong[] = "Select a region from the list";
constexpr char kRemoteWrong[] = "Select whether the role can be done from home";
constexpr char kHoursWrong[] = "Enter hours a month as a whole number from 0 to 200";
constexpr char kTopicWrong[] =
    "Enter a topic using only letters, numbers and hyphens, like mental-health";
constexpr char kTopicTooLong[] = "Topic must be 40 characters or fewer";
constexpr char kKindWrong[] = "Select a kind of organisation from the list";
constexpr char kBodyWrong[] =
    "Enter an organisation's code of 3 to 6 capital letters and digits, like RXF";
constexpr char kPageWrong[] = "This page of results is no longer available. Start the search again";

std::string First(const QueryParams& params, const char* name) {
  auto found = params.find(name);
  return found == params.end() ? std::string() : found->second;
}

// `text` with every invalid UTF-8 sequence replaced by U+FFFD, so that what is shown back
// in the form is always text.
std::string ValidUtf8(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.data() + i, n);
      i += n;
    }
  }
  return out;
}

std::string Trimmed(const QueryParams& params, const char* name) {
  return ValidUtf8(absl::StripAsciiWhitespace(First(params, name)));
}

// The registry's words of a query before it drops its stop words: distinct runs of two or
// more ASCII letters and digits. Counting its stop words too makes this check at most
// stricter than the registry's, never looser.
int CountWords(absl::string_view text) {
  absl::flat_hash_set<std::string> words;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2) words.insert(word);
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
  return static_cast<int>(words.size());
}

bool AllDigits(absl::string_view s) {
  return !s.empty() && absl::c_all_of(s, [](char c) { return absl::ascii_isdigit(c); });
}

// "Mental  Health" → "mental-health": capitals lowered, runs of spaces one hyphen.
std::string NormalTopic(absl::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (absl::ascii_isspace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back('-');
    space = false;
    out.push_back(absl::ascii_tolower(c));
  }
  return out;
}

bool IsPageToken(absl::string_view token) {
  return token.size() <= kMaxPageTokenBytes && absl::c_all_of(token, [](char c) {
           return absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '=';
         });
}

void ReadQuery(ParsedSearch& out, const QueryParams& params) {
  out.filters.q = Trimmed(params, "q");
  const std::string raw = std::string(absl::StripAsciiWhitespace(First(params, "q")));
  if (!IsValidUtf8(raw)) {
    out.errors.push_back({"q", kQueryNotText});
  } else if (Utf8Length(raw) > kMaxSearchCharacters) {
    out.errors.push_back({"q", kQueryTooLong});
  } else if (CountWords(raw) > kMaxSearchWords) {
    out.errors.push_back({"q", kQueryTooManyWords});
  } else {
    out.request.set_query(raw);
  }
}

void ReadChoices(ParsedSearch& out, const QueryParams& params) {
  SearchFilters& f = out.filters;
  f.level = Trimmed(params, "level");
  int level = 0;
  if (!f.level.empty()) {
    if (f.level.size() == 1 && absl::SimpleAtoi(f.level, &level) && level >= 1 && level <= 4) {
      out.request.set_level(static_cast<cadre::v1::InvolvementLevel>(level));
    } else {
      out.errors.push_back({"level", kLevelWrong});
    }
  }
  f.region = absl::AsciiStrToLower(Trimmed(params, "region"));
  if (!f.region.empty()) {
    const cadre::v1::Region region = RegionFromSlug(f.region);
    if (region == cadre::v1::REGION_UNSPECIFIED) {
      out.errors.push_back({"region", kRegionWrong});
    } else {
      out.request.set_region(region);
    }
  }
  f.remote = absl::AsciiStrToLower(Trimmed(params, "remote"));
  if (f.remote == "any") f.remote.clear();
  if (f.remote == "yes" || f.remote == "no") {
    out.request.set_remote(f.remote == "yes");
  } else if (!f.remote.empty()) {
    out.errors.push_back({"remote", kRemoteWrong});
  }
}

void ReadHoursTopicKind(ParsedSearch& out, const QueryParams& params) {
  SearchFilters& f = out.filters;
  f.hours = Trimmed(params, "hours");
  int hours = 0;
  if (!f.hours.empty()) {
    if (AllDigits(f.hours) && f.hours.size() <= 3 && absl::SimpleAtoi(f.hours, &hours) &&
        hours <= kMaxHoursFilter) {
      f.hours = absl::StrCat(hours);  // "004" → "4"
      out.request.set_max_hours_per_month(hours);
    } else {
      out.errors.push_back({"hours", kHoursWrong});
    }
  }
  f.topic = Trimmed(params, "topic");
  if (!f.topic.empty()) {
    const std::string topic = NormalTopic(f.topic);
    if (topic.size() > kMaxTopicLength) {
      out.errors.push_back({"topic", kTopicTooLong});
    } else if (!IsSlug(topic, 1, kMaxTopicLength)) {
      out.errors.push_back({"topic", kTopicWrong});
    } else {
      f.topic = topic;
      out.request.set_topic(topic);
    }
  }
  f.kind = absl::AsciiStrToLower(Trimmed(params, "kind"));
  if (!f.kind.empty()) {
    const cadre::v1::BodyKind kind = BodyKindFromSlug(f.kind);
    if (kind == cadre::v1::BODY_KIND_UNSPECIFIED) {
      out.errors.push_back({"kind", kKindWrong});
    } else {
      out.request.set_body_kind(kind);
    }
  }
  f.body = absl::AsciiStrToUpper(Trimmed(params, "body"));
  if (!f.body.empty()) {
    if (IsBodyCode(f.body)) {
      out.request.set_body(absl::StrCat("bodies/", f.body));
    } else {
      out.errors.push_back({"body", kBodyWrong});
    }
  }
}

void ReadPage(ParsedSearch& out, const QueryParams& params) {
  const std::string token = First(params, "page");
  if (token.empty()) return;
  if (!IsPageToken(token)) {
    out.errors.push_back({"page", kPageWrong});
    return;
  }
  out.page_token = token;
  out.request.set_page_token(token);
  int64_t start = 0;
  const std::string text = First(params, "start");
  if (AllDigits(text) && absl::SimpleAtoi(text, &start) && start >= 1 && start <= kMaxStart) {
    out.start = start;
  }
}

std::string KindPhrase(cadre::v1::BodyKind kind) {
  switch (kind) {
    case cadre::v1::BODY_KIND_NHS_ENGLAND:
      return "at NHS England";
    case cadre::v1::BODY_KIND_ICB:
      return "at integrated care boards";
    case cadre::v1::BODY_KIND_TRUST:
      return "at NHS trusts";
    case cadre::v1::BODY_KIND_LOCAL_HEALTHWATCH:
      return "at local Healthwatch";
    case cadre::v1::BODY_KIND_REGULATOR:
      return "at regulators";
    case cadre::v1::BODY_KIND_NICE:
      return "at NICE";
    case cadre::v1::BODY_KIND_LEADERSHIP_ACADEMY:
      return "at the NHS Leadership Academy";
    case cadre::v1::BODY_KIND_CHARITY:
      return "at charities and training providers";
    default:
      return "at other organisations";
  }
}

}  // namespace

ParsedSearch ParseSearch(const QueryParams& params) {
  ParsedSearch out;
  out.request.set_page_size(kSearchPageSize);
  ReadQuery(out, params);
  ReadChoices(out, params);
  ReadHoursTopicKind(out, params);
  ReadPage(out, params);
  return out;
}

absl::optional<SearchFieldError> SearchErrorFromRegistry(absl::string_view message) {
  const size_t colon = message.find(": ");
  if (colon == absl::string_view::npos) return absl::nullopt;
  const absl::string_view field = message.substr(0, colon);
  if (field == "query") {
    return SearchFieldError{
        "q", absl::StrContains(message, "words") ? kQueryTooManyWords : kQueryTooLong};
  }
  struct FieldName {
    const char* registry;  // the API's field
    const char* form;      // the query parameter
    const char* message;
  };
  static constexpr FieldName kFields[] = {
      {"level", "level", kLevelWrong},    {"region", "region", kRegionWrong},
      {"remote", "remote", kRemoteWrong}, {"max_hours_per_month", "hours", kHoursWrong},
      {"topic", "topic", kTopicWrong},    {"body_kind", "kind", kKindWrong},
      {"body", "body", kBodyWrong},       {"page_token", "page", kPageWrong},
  };
  for (const FieldName& name : kFields) {
    if (field == name.registry) return SearchFieldError{name.form, name.message};
  }
  return absl::nullopt;
}

std::string PercentEncode(absl::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string FilterQueryString(const SearchFilters& f) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"q", &f.q},         {"level", &f.level}, {"region", &f.region}, {"remote", &f.remote},
      {"hours", &f.hours}, {"topic", &f.topic}, {"kind", &f.kind},     {"body", &f.body},
  };
  std::vector<std::string> parts;
  for (const auto& [name, value] : fields) {
    if (!value->empty()) parts.push_back(absl::StrCat(name, "=", PercentEncode(*value)));
  }
  return absl::StrJoin(parts, "&");
}

std::string SearchPageUrl(const SearchFilters& filters, absl::string_view page_token,
                          int64_t start) {
  std::string query = FilterQueryString(filters);
  if (!page_token.empty()) {
    absl::StrAppend(&query, query.empty() ? "" : "&", "page=", PercentEncode(page_token));
    if (start > 1) absl::StrAppend(&query, "&start=", start);
  }
  return query.empty() ? "/search" : absl::StrCat("/search?", query);
}

std::string SearchFeedUrl(const SearchFilters& filters) {
  const std::string query = FilterQueryString(filters);
  return query.empty() ? "/search.atom" : absl::StrCat("/search.atom?", query);
}

std::string DescribeSearch(const cadre::v1::ListRolesRequest& r) {
  std::vector<std::string> parts;
  if (!r.query().empty())
    parts.push_back(absl::StrCat("matching \xE2\x80\x9C", r.query(), "\xE2\x80\x9D"));
  if (r.level() != cadre::v1::INVOLVEMENT_LEVEL_UNSPECIFIED) {
    parts.push_back(absl::StrCat("at level ", static_cast<int>(r.level())));
  }
  if (r.region() == cadre::v1::REGION_NATIONAL) {
    parts.push_back("across England");
  } else if (r.region() != cadre::v1::REGION_UNSPECIFIED) {
    parts.push_back(absl::StrCat("in ", RegionLabel(r.region())));
  }
  if (r.has_remote()) parts.push_back(r.remote() ? "remote or hybrid" : "in person only");
  if (r.has_max_hours_per_month()) {
    parts.push_back(
        absl::StrCat("up to ", CountLabel(r.max_hours_per_month(), "hour", "hours"), " a month"));
  }
  if (!r.topic().empty()) parts.push_back(absl::StrCat("about ", TagLabel(r.topic())));
  if (r.body_kind() != cadre::v1::BODY_KIND_UNSPECIFIED) parts.push_back(KindPhrase(r.body_kind()));
  if (!r.body().empty()) parts.push_back(absl::StrCat("at ", BodyCode(r.body())));
  if (parts.empty()) return "Open roles";
  return absl::StrCat("Open roles ", absl::StrJoin(parts, ", "));
}

std::string RolePath(absl::string_view role_name) {
  absl::string_view id = role_name;
  if (!absl::ConsumePrefix(&id, "roles/") || !RoleIdFromPath(id).has_value()) return "";
  return absl::StrCat("/roles/", id);
}

std::string BodyCode(absl::string_view body_name) {
  absl::string_view code = body_name;
  absl::ConsumePrefix(&code, "bodies/");
  return std::string(code);
}

std::string BodyPath(absl::string_view body_name) {
  // Only a code the body page itself accepts (map_links.h) is linked.
  const std::string code = BodyCodeOf(body_name);
  return code.empty() ? "" : absl::StrCat("/bodies/", code);
}

absl::optional<int64_t> RoleIdFromPath(absl::string_view id) {
  if (id.empty() || id.size() > 19 || id[0] == '0' || !AllDigits(id)) return absl::nullopt;
  int64_t value = 0;
  // SimpleAtoi fails past INT64_MAX, which 19 digits can reach.
  if (!absl::SimpleAtoi(id, &value)) return absl::nullopt;
  return value;
}

}  // namespace cadre::gateway
