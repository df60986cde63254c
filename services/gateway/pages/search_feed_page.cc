// GET /search.atom: the newest open roles of a search (the filters of /search; `page` and
// `start` are ignored: a feed reader polls for what is new) as an Atom feed, for feed
// readers and for bodies' and charities' own sites. Every link in it is absolute, made
// from the gateway's configured public address (PageDeps.public_url), never from the
// request's Host header, which a client chooses. Cached by browsers and proxies for five
// minutes: the feed is public and the same for everyone.

#include <grpcpp/client_context.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/atom.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/search_query.h"
#include "services/gateway/pages/body_names.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

constexpr int kFeedSize = 30;  // entries: the newest roles of the search
constexpr char kFeedCacheControl[] = "public, max-age=300";

void BadFeedAddress(const std::vector<SearchFieldError>& errors, HttpResponse* response) {
  response->status = 400;
  response->content_type = "text/plain; charset=utf-8";
  response->body = "This feed's address has a problem:\n";
  for (const SearchFieldError& e : errors) {
    absl::StrAppend(&response->body, "- ", e.field, ": ", e.message, "\n");
  }
}

// The entry's text: the role's own summary, then its facts in one line.
std::string EntrySummary(const cadre::v1::Role& role) {
  std::vector<std::string> facts = {LevelLabel(role.level()),
                                    RegionLabel(role.location().region())};
  if (role.location().mode() != cadre::v1::ATTENDANCE_MODE_UNSPECIFIED) {
    facts.push_back(AttendanceLabel(role.location().mode()));
  }
  const std::string time = TimeLabel(role.time_commitment());
  if (!time.empty()) facts.push_back(time);
  facts.push_back(PaymentLabel(role.support()));
  facts.push_back(absl::StrCat("Closes ", DateTimeLabel(FromTimestamp(role.closing_time()))));
  const std::string line = absl::StrCat(absl::StrJoin(facts, ". "), ".");
  return role.summary().empty() ? line : absl::StrCat(role.summary(), "\n\n", line);
}

AtomFeed BuildFeed(const PageDeps& deps, const ParsedSearch& parsed,
                   const cadre::v1::ListRolesResponse& page, const BodyNames& names) {
  AtomFeed feed;
  feed.id = absl::StrCat(deps.public_url, SearchFeedUrl(parsed.filters));
  feed.self_link = feed.id;
  feed.alternate_link = absl::StrCat(deps.public_url, SearchPageUrl(parsed.filters));
  feed.title = absl::StrCat(DescribeSearch(parsed.request), " \xE2\x80\x93 Cadre");
  absl::Time newest = absl::InfinitePast();
  for (const cadre::v1::Role& role : page.roles()) {
    AtomEntry entry;
    entry.id = absl::StrCat(deps.public_url, RolePath(role.name()));
    entry.link = entry.id;
    entry.title = role.title();
    entry.author = BodyNameOf(names, role.body());
    entry.summary = EntrySummary(role);
    entry.published =
        FromTimestamp(role.has_publish_time() ? role.publish_time() : role.create_time());
    entry.updated = role.has_update_time()
                        ? std::max(entry.published, FromTimestamp(role.update_time()))
                        : entry.published;
    newest = std::max(newest, entry.updated);
    feed.entries.push_back(std::move(entry));
  }
  feed.updated = feed.entries.empty() ? deps.clock->Now() : newest;
  return feed;
}

void ServeFeed(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  QueryParams params = request.query;
  params.erase("page");
  params.erase("start");
  ParsedSearch parsed = ParseSearch(params);
  parsed.request.set_page_size(kFeedSize);
  if (!parsed.ok()) {
    BadFeedAddress(parsed.errors, response);
    return;
  }
  if (deps.upstream->registry() == nullptr) {
    RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no registry"), request,
                        response);
    return;
  }
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  cadre::v1::ListRolesResponse page;
  const grpc::Status status = deps.upstream->registry()->ListRoles(&context, parsed.request, &page);
  if (!status.ok()) {
    absl::optional<SearchFieldError> field;
    if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
      field = SearchErrorFromRegistry(status.error_message());
    }
    if (field.has_value()) {
      BadFeedAddress({*field}, response);
    } else {
      RenderUpstreamError(deps, status, request, response);
    }
    return;
  }
  const BodyNames names = LookUpBodyNames(deps, request, page.roles());
  response->content_type = "application/atom+xml; charset=utf-8";
  response->body = WriteAtom(BuildFeed(deps, parsed, page, names));
  response->SetHeader("Cache-Control", kFeedCacheControl);
}

}  // namespace

void AddSearchFeedPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/search\\.atom", {.name = "search_feed"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeFeed(*deps, request, response);
              });
}

}  // namespace cadre::gateway
