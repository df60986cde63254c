#include "services/gateway/pages/upstream_checks.h"

#include <grpcpp/support/status.h>

namespace cadre::gateway {

bool MatchingConfigured(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  if (deps.upstream->matching() != nullptr) return true;
  RenderUpstreamError(deps, grpc::Status(grpc::StatusCode::UNAVAILABLE, "no matching service"),
                      request, response);
  return false;
}

}  // namespace cadre::gateway
