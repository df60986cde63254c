#include "services/gateway/pages/body_names.h"

#include <grpcpp/client_context.h>

#include <memory>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/synchronization/blocking_counter.h"
#include "services/gateway/domain/search_query.h"

namespace cadre::gateway {
namespace {

struct Lookup {
  grpc::ClientContext context;
  cadre::v1::GetBodyRequest request;
  cadre::v1::Body body;
  grpc::Status status;
};

}  // namespace

BodyNames LookUpBodyNames(const PageDeps& deps, const HttpRequest& request,
                          const google::protobuf::RepeatedPtrField<cadre::v1::Role>& roles) {
  std::vector<std::string> bodies;
  bodies.reserve(roles.size());
  for (const cadre::v1::Role& role : roles) bodies.push_back(role.body());
  return LookUpBodyNames(deps, request, bodies);
}

BodyNames LookUpBodyNames(const PageDeps& deps, const HttpRequest& request,
                          const std::vector<std::string>& bodies) {
  if (deps.upstream->registry() == nullptr) return {};
  // All at once (gRPC's callback API), so that a page waits one round trip and at most
  // one upstream deadline however many bodies it names, not one after the other.
  std::vector<std::unique_ptr<Lookup>> lookups;
  absl::flat_hash_set<std::string> asked;
  for (const std::string& body : bodies) {
    if (!absl::StartsWith(body, "bodies/") || !asked.insert(body).second) continue;
    auto lookup = std::make_unique<Lookup>();
    PrepareContext(deps, request, &lookup->context);
    lookup->request.set_name(body);
    lookups.push_back(std::move(lookup));
  }
  // Safe to destroy once Wait returns, after the last callback's DecrementCount.
  absl::BlockingCounter pending(static_cast<int>(lookups.size()));
  for (const auto& lookup : lookups) {
    Lookup* l = lookup.get();
    deps.upstream->registry()->async()->GetBody(&l->context, &l->request, &l->body,
                                                [l, &pending](grpc::Status status) {
                                                  l->status = std::move(status);
                                                  pending.DecrementCount();
                                                });
  }
  pending.Wait();
  BodyNames names;
  for (const auto& lookup : lookups) {
    if (lookup->status.ok()) names[lookup->request.name()] = lookup->body.display_name();
  }
  return names;
}

std::string BodyNameOf(const BodyNames& names, const std::string& body) {
  auto found = names.find(body);
  return found == names.end() ? BodyCode(body) : found->second;
}

}  // namespace cadre::gateway
