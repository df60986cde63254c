#pragma once

// List calls page by page: --page-size and --page-token, then one page, or with --all
// every page up to the last.

#include <ostream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "services/common/base/status_macros.h"
#include "tools/cadrectl/args.h"
#include "tools/cadrectl/client.h"
#include "tools/cadrectl/command.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {

// --page-size (1–`max_page`: 50, 100 or 200), --page-token, --all.
std::vector<FlagSpec> PagingFlags(int max_page);

// Sets the request's page_size from --page-size (usage error outside 1–`max_page`) and
// its page_token from --page-token. --all is read by ListPages.
template <typename Request>
absl::Status ReadPaging(const ParsedArgs& args, int max_page, Request* request) {
  CADRE_RETURN_IF_ERROR(
      OptionalInt(args, "page-size", 1, max_page, request, &Request::set_page_size));
  request->set_page_token(args.Get("page-token"));
  return absl::OkStatus();
}

// Calls `method` and appends each page's items (the repeated field `items` returns) to
// `*result`, whose next_page_token is the last page's (and previous_page_token, for a
// listing that has one, the first page's). With `all`, follows
// next_page_token until it is empty. Returns the first failed call's status, or
// INTERNAL if the server hands back the token it was given (which would loop for ever).
template <typename AnyStub, typename Request, typename Response, typename Item>
absl::Status FetchPages(Client& client, StubMethod<AnyStub, Request, Response> method,
                        Request request, bool all, Repeated<Item>* (Response::*items)(),
                        Response* result) {
  [[maybe_unused]] bool first = true;
  while (true) {
    Response page;
    CADRE_RETURN_IF_ERROR(client.Call(method, request, &page));
    (result->*items)()->MergeFrom(*(page.*items)());
    result->set_next_page_token(page.next_page_token());
    if constexpr (requires { page.previous_page_token(); }) {
      if (first) result->set_previous_page_token(page.previous_page_token());
      first = false;
    }
    if (!all || page.next_page_token().empty()) return absl::OkStatus();
    if (page.next_page_token() == request.page_token()) {
      return absl::InternalError("the service returned the same page token twice");
    }
    request.set_page_token(page.next_page_token());
  }
}

// Lists one page, or every page with --all, and prints the response as JSON with
// --json; otherwise the items with `print` and how to get the next page, e.g.
// `ListPages(inv, request, &Stub::ListRoles, &ListRolesResponse::mutable_roles,
// PrintRoles)`. Usage error for a bad --all, the status of a failed call otherwise.
template <typename AnyStub, typename Request, typename Response, typename Item>
absl::Status ListPages(Invocation& inv, const Request& request,
                       StubMethod<AnyStub, Request, Response> method,
                       Repeated<Item>* (Response::*items)(),
                       void (*print)(const Repeated<Item>&, std::ostream&)) {
  bool all = false;
  if (inv.args.Has("all")) {
    CADRE_ASSIGN_OR_RETURN(all, BoolFlag(inv.args, "all"));
  }
  Response response;
  CADRE_RETURN_IF_ERROR(FetchPages(inv.client, method, request, all, items, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  print(*(response.*items)(), inv.out);
  if constexpr (requires { response.previous_page_token(); }) {
    PrintNextPage(response.next_page_token(), inv.out, response.previous_page_token());
  } else {
    PrintNextPage(response.next_page_token(), inv.out);
  }
  return absl::OkStatus();
}

// As FetchPages, for responses that carry more than their items and the token (counts,
// totals) and state those for the whole listing on every page: `*result` is the last
// page, holding every page's items.
template <typename AnyStub, typename Request, typename Response, typename Item>
absl::Status FetchPagesWithTotals(Client& client, StubMethod<AnyStub, Request, Response> method,
                                  Request request, bool all, Repeated<Item>* (Response::*items)(),
                                  Response* result) {
  Repeated<Item> collected;
  while (true) {
    Response page;
    CADRE_RETURN_IF_ERROR(client.Call(method, request, &page));
    collected.MergeFrom(*(page.*items)());
    if (!all || page.next_page_token().empty()) {
      *result = std::move(page);
      (result->*items)()->Swap(&collected);
      return absl::OkStatus();
    }
    if (page.next_page_token() == request.page_token()) {
      return absl::InternalError("the service returned the same page token twice");
    }
    request.set_page_token(page.next_page_token());
  }
}

// As ListPages, with FetchPagesWithTotals, and `print` shows the whole response (its
// items and totals), e.g. `ListPagesWithTotals(inv, request, &MatchingStub::ListApplications,
// &ListApplicationsResponse::mutable_applications, PrintApplications)`.
template <typename AnyStub, typename Request, typename Response, typename Item>
absl::Status ListPagesWithTotals(Invocation& inv, const Request& request,
                                 StubMethod<AnyStub, Request, Response> method,
                                 Repeated<Item>* (Response::*items)(),
                                 void (*print)(const Response&, std::ostream&)) {
  bool all = false;
  if (inv.args.Has("all")) {
    CADRE_ASSIGN_OR_RETURN(all, BoolFlag(inv.args, "all"));
  }
  Response response;
  CADRE_RETURN_IF_ERROR(FetchPagesWithTotals(inv.client, method, request, all, items, &response));
  if (inv.options.json) return PrintJson(response, inv.out);
  print(response, inv.out);
  PrintNextPage(response.next_page_token(), inv.out);
  return absl::OkStatus();
}

}  // namespace cadre::cadrectl
