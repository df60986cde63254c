#pragma once

// The search of open roles as the web gateway's address bar holds it: reading the query
// string of /search and /search.atom into a ListRolesRequest (with an error a field for
// anything wrong, so that the form can say what to fix), and building the links back
// (next and previous pages, the feed) that keep the filters. Pure: no gRPC, no HTTP.
//
// Query parameters (each read once; a repeat is ignored, as are unknown names):
//   q       words that must all appear in a role's title or summary: up to 200
//           characters and 8 words
//   level   involvement level, 1–4
//   region  a region slug ("london", RegionSlug)
//   remote  "yes" (remote or hybrid), "no" (in person only), "any" or empty (either)
//   hours   hours a month at most, a whole number 0–200
//   topic   one tag of a-z, 0-9 and '-' ("mental-health"; capitals and spaces are read as
//           "Mental health" → "mental-health")
//   kind    a body kind slug ("icb", BodyKindSlug)
//   body    one organisation's code ("RXF"; the body page's link to all its open roles)
//   page    the registry's opaque page token (next or previous page)
//   start   the position of the page's first role in the listing (1 on the first page),
//           only to say "Showing roles 21 to 40"; a bad value reads as 1

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::gateway {

inline constexpr int kSearchPageSize = 20;        // roles a page of /search
inline constexpr int kMaxSearchCharacters = 200;  // q, Unicode characters (the registry's)
inline constexpr int kMaxSearchWords = 8;         // q, words (the registry's limit)
inline constexpr int kMaxHoursFilter = 200;       // hours a month (the registry's limit)
inline constexpr size_t kMaxTopicLength = 40;     // a tag, characters
// The longest page token passed on to the registry, bytes. Its tokens are far shorter;
// this only keeps a mangled address from being forwarded.
inline constexpr size_t kMaxPageTokenBytes = 512;
inline constexpr int64_t kMaxStart = 1000000;  // `start` above this reads as 1

using QueryParams = std::multimap<std::string, std::string>;

// The filters as text, as they go in the form and in links: what the visitor typed
// (trimmed; slugs lower-cased) so that a wrong value is shown back as typed.
struct SearchFilters {
  std::string q = "";
  std::string level = "";
  std::string region = "";
  std::string remote = "";  // "yes", "no" or "" (either; "any" reads as "")
  std::string hours = "";
  std::string topic = "";
  std::string kind = "";
  std::string body = "";  // an organisation's code, upper case
};

// One thing wrong with the search, for the error summary and the field's message.
struct SearchFieldError {
  std::string field;    // the query parameter and the form field's id: "hours"
  std::string message;  // what to do, in the NHS.UK style: "Enter hours a month ..."
};

struct ParsedSearch {
  SearchFilters filters;
  std::string page_token;  // as given, or ""
  int64_t start = 1;       // 1 unless a page token came with a good `start`
  // The registry's request for one page of kSearchPageSize, filled in as far as the
  // filters are valid.
  cadre::v1::ListRolesRequest request;
  std::vector<SearchFieldError> errors;  // in the form's order; empty when valid

  bool ok() const { return errors.empty(); }
};

// Reads /search's query string. Never fails: what is wrong is in `errors`.
ParsedSearch ParseSearch(const QueryParams& params);

// The form field a registry INVALID_ARGUMENT message names ("max_hours_per_month: must
// be from 0 to 200" → hours) with the gateway's own message for it; nullopt when the
// message names no field of the form (the page then shows the general error page).
absl::optional<SearchFieldError> SearchErrorFromRegistry(absl::string_view message);

// Percent-encoding of one query component (RFC 3986: everything but A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(absl::string_view text);

// "q=diabetes&level=3": the filters that are set, in a fixed order, percent-encoded;
// "" when none is.
std::string FilterQueryString(const SearchFilters& filters);
// "/search?q=diabetes&page=TOKEN&start=21": the search page with `filters`, and the page
// when `page_token` is not empty.
std::string SearchPageUrl(const SearchFilters& filters, absl::string_view page_token = "",
                          int64_t start = 1);
// "/search.atom?q=diabetes": the feed of the same search.
std::string SearchFeedUrl(const SearchFilters& filters);

// The search in words, for the feed's title: "Open roles matching “board”, at level 3,
// in London". Reads the request's filters (the parsed ones).
std::string DescribeSearch(const cadre::v1::ListRolesRequest& request);

// A role's page and a body's page from their resource names: "roles/42" → "/roles/42",
// "bodies/RXF" → "/bodies/RXF" ("" for a name of another shape).
std::string RolePath(absl::string_view role_name);
std::string BodyPath(absl::string_view body_name);
// The code of "bodies/RXF" ("RXF"), or the name itself when it has another shape.
std::string BodyCode(absl::string_view body_name);

// The role id in /roles/{id}: 1 to 19 decimal digits without a leading zero, at most
// INT64_MAX; nullopt otherwise (the page is then not found, without asking the registry).
absl::optional<int64_t> RoleIdFromPath(absl::string_view id);

}  // namespace cadre::gateway
