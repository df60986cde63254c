#pragma once

// List calls page by page: one page, or with --all every page up to the last.

#include "absl/status/status.h"
#include "services/common/status_macros.h"

namespace cadre::cadrectl {

// Calls `call(request, &page)` and appends each page's items (`items(&response)` gives
// the repeated field) to `*result`, whose next_page_token is the last page's. With
// `all`, follows next_page_token until it is empty. Returns the first failed call's
// status, or INTERNAL if the server hands back the token it was given (which would
// loop for ever).
template <typename Request, typename Response, typename Call, typename Items>
absl::Status FetchPages(bool all, Request request, Response* result, Call call, Items items) {
  while (true) {
    Response page;
    CADRE_RETURN_IF_ERROR(call(request, &page));
    items(result)->MergeFrom(*items(&page));
    result->set_next_page_token(page.next_page_token());
    if (!all || page.next_page_token().empty()) return absl::OkStatus();
    if (page.next_page_token() == request.page_token()) {
      return absl::InternalError("the registry returned the same page token twice");
    }
    request.set_page_token(page.next_page_token());
  }
}

}  // namespace cadre::cadrectl
