#include "tools/cadrectl/paging.h"

namespace cadre::cadrectl {

std::vector<FlagSpec> PagingFlags(int max_page) {
  // FlagSpec holds views, so the help text is one of a few literals.
  const absl::string_view size_help = max_page == 50    ? "results a page, 1-50"
                                      : max_page == 100 ? "results a page, 1-100"
                                                        : "results a page, 1-200";
  return {{"page-size", "N", size_help},
          {"page-token", "TOKEN", "the page a previous call's more: (or back:) token names"},
          {"all", "", "follow next_page_token to the last page"}};
}

}  // namespace cadre::cadrectl
