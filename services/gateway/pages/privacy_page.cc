// GET /privacy: the privacy notice sign-ups agree to, with its version (the one matching
// holds current, --privacy_notice_version).

#include "services/gateway/pages/pages.h"

namespace cadre::gateway {

void AddPrivacyPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/privacy", {.name = "privacy"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                RenderPage(*deps, request, PageFrame{.title = "Privacy notice"}, "privacy",
                           {{"version", deps->privacy_notice_version}}, response);
              });
}

}  // namespace cadre::gateway
