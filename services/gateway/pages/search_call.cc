#include "services/gateway/pages/search_call.h"

#include <grpcpp/client_context.h>

namespace cadre::gateway {

SearchAnswer SearchRoles(const PageDeps& deps, const HttpRequest& request,
                         const cadre::v1::ListRolesRequest& search) {
  SearchAnswer answer;
  if (deps.upstream->registry() == nullptr) {
    answer.status = grpc::Status(grpc::StatusCode::UNAVAILABLE, "no registry");
    return answer;
  }
  grpc::ClientContext context;
  PrepareContext(deps, request, &context);
  answer.status = deps.upstream->registry()->ListRoles(&context, search, &answer.page);
  if (answer.status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    answer.field_error = SearchErrorFromRegistry(answer.status.error_message());
  }
  return answer;
}

}  // namespace cadre::gateway
