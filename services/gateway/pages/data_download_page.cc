// POST /profile/download: everything Cadre holds about the person (ExportMyData: their
// profile, equality answers, credentials, applications, placements and keys' records) as
// a JSON file to save: application/json, Content-Disposition attachment
// ("cadre-my-data.json"), Cache-Control no-store.
//
// A POST form carrying the CSRF token (on /profile), not a GET link, because a GET would
// let any other site start it: the session cookie is SameSite=Lax, which browsers send on
// a top-level GET navigation from anywhere, so a link or redirect elsewhere could drop a
// file of the person's whole record into their downloads unasked. GETs are also fetched
// by link previews, prefetchers and scanners, and each export makes every service read
// and assemble the person's records. The token proves the request came from the person's
// own page.

#include <grpcpp/client_context.h>

#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/profile_kit.h"

namespace cadre::gateway {
namespace {

void Download(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  const std::optional<Account> account = RequireAccountForm(deps, request, response);
  if (!account.has_value() || !MatchingConfigured(deps, request, response)) return;
  grpc::ClientContext context;
  PrepareContext(deps, request, *account, &context);
  cadre::v1::ExportMyDataResponse exported;
  const grpc::Status status = deps.upstream->matching()->ExportMyData(
      &context, cadre::v1::ExportMyDataRequest(), &exported);
  if (!status.ok()) {
    RenderAccountUpstreamError(deps, status, request, *account, response);
    return;
  }
  response->status = 200;
  response->content_type = "application/json";
  response->body = std::move(*exported.mutable_json());
  response->SetHeader("Content-Disposition", "attachment; filename=\"cadre-my-data.json\"");
  response->SetHeader("Cache-Control", "no-store");
}

}  // namespace

void AddDataDownloadPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("POST", "/profile/download", {.name = "profile_download"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Download(*deps, request, response);
              });
}

}  // namespace cadre::gateway
