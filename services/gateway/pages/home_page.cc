// GET /: what Cadre is, how to get involved, and the ways to the map, the menu and search.
// The two counts come from the registry's map, which holds every open role: read once
// every kCountsFor and kept (reading it for each visitor cost 17 ms of the gateway's CPU
// a page with 10,000 open roles; BENCHMARKS.md). When the registry is down the page
// still works, without them.

#include <grpcpp/client_context.h>

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/pages/pages.h"

namespace cadre::gateway {
namespace {

constexpr absl::Duration kCountsFor = absl::Seconds(30);

// The map's totals as last read. Thread-safe.
class HomeCounts {
 public:
  // The totals in words, read again when older than kCountsFor; "" when the registry
  // cannot say.
  std::string Text(const PageDeps& deps, const HttpRequest& request) {
    const absl::Time now = deps.clock->Now();
    {
      absl::MutexLock lock(&mu_);
      if (!text_.empty() && now - read_at_ < kCountsFor) return text_;
    }
    if (deps.upstream->registry() == nullptr) return "";
    grpc::ClientContext context;
    PrepareContext(deps, request, &context);
    cadre::v1::InvolvementMap map;
    if (!deps.upstream->registry()
             ->GetInvolvementMap(&context, cadre::v1::GetInvolvementMapRequest(), &map)
             .ok()) {
      return "";
    }
    const std::string text = OpenRolesAndWaysInLabel(map.open_roles(), map.avenues());
    absl::MutexLock lock(&mu_);
    text_ = text;
    read_at_ = now;
    return text;
  }

 private:
  absl::Mutex mu_;
  std::string text_ ABSL_GUARDED_BY(mu_);
  absl::Time read_at_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

void AddHomePage(FrontDoor* door, const PageDeps* deps) {
  auto counts = std::make_shared<HomeCounts>();
  door->Route(
      "GET", "/", {.name = "home"},
      [deps, counts](const HttpRequest& request, HttpResponse* response) {
        const std::string totals = counts->Text(*deps, request);
        const nlohmann::json view = {{"has_totals", !totals.empty()}, {"totals_text", totals}};
        RenderPage(*deps, request, {.title = "Help shape NHS services", .section = "home"}, "home",
                   view, response);
      });
}

}  // namespace cadre::gateway
