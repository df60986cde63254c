#include "services/gateway/connect/connect_methods.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "google/protobuf/descriptor.pb.h"
// Links the generated descriptors of the services served: a static library's object
// registers its descriptors only if something refers to it (the upstream's stubs do
// today; this keeps it so if they go).
#include "cadre/v1/matching.pb.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::gateway {

bool FindConnectMethod(absl::string_view service, absl::string_view method, ConnectMethod* found) {
  // The package and a service name after it, nothing nested.
  if (!absl::ConsumePrefix(&service, kConnectPackage) || !absl::ConsumePrefix(&service, ".") ||
      service.empty() || absl::StrContains(service, '.')) {
    return false;
  }
  // Referenced so that both files' descriptors are in the generated pool (see above).
  static const bool linked = cadre::v1::GetRoleRequest::descriptor() != nullptr &&
                             cadre::v1::GetMyProfileRequest::descriptor() != nullptr;
  (void)linked;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  const google::protobuf::ServiceDescriptor* s =
      pool->FindServiceByName(absl::StrCat(kConnectPackage, ".", service));
  if (s == nullptr) return false;
  const google::protobuf::MethodDescriptor* m = s->FindMethodByName(std::string(method));
  if (m == nullptr || m->client_streaming() || m->server_streaming()) return false;
  auto* factory = google::protobuf::MessageFactory::generated_factory();
  const google::protobuf::Message* request = factory->GetPrototype(m->input_type());
  const google::protobuf::Message* response = factory->GetPrototype(m->output_type());
  if (request == nullptr || response == nullptr) return false;
  found->descriptor = m;
  found->request_prototype = request;
  found->response_prototype = response;
  found->grpc_path = absl::StrCat("/", s->full_name(), "/", m->name());
  found->no_side_effects =
      m->options().idempotency_level() == google::protobuf::MethodOptions::NO_SIDE_EFFECTS;
  return true;
}

}  // namespace cadre::gateway
