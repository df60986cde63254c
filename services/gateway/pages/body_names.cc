#include "services/gateway/pages/body_names.h"

#include <grpcpp/client_context.h>

#include "absl/container/flat_hash_set.h"
#include "services/gateway/domain/search_query.h"

namespace cadre::gateway {

BodyNames LookUpBodyNames(const PageDeps& deps, const HttpRequest& request,
                          const google::protobuf::RepeatedPtrField<cadre::v1::Role>& roles) {
  BodyNames names;
  absl::flat_hash_set<std::string> asked;
  for (const cadre::v1::Role& role : roles) {
    if (!asked.insert(role.body()).second) continue;
    grpc::ClientContext context;
    PrepareContext(deps, request, &context);
    cadre::v1::GetBodyRequest get;
    get.set_name(role.body());
    cadre::v1::Body body;
    if (deps.upstream->registry()->GetBody(&context, get, &body).ok()) {
      names[role.body()] = body.display_name();
    }
  }
  return names;
}

std::string BodyNameOf(const BodyNames& names, const std::string& body) {
  auto found = names.find(body);
  return found == names.end() ? BodyCode(body) : found->second;
}

}  // namespace cadre::gateway
