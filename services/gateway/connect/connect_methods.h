#pragma once

// The RPCs the Connect routes serve, found by name in the descriptors of the protos the
// gateway links (google::protobuf::DescriptorPool::generated_pool()), so that a method
// added to a .proto is served with no code here. Only unary methods of the services
// under kConnectPackage are served: streaming methods have no Connect unary form.
//
// Thread-safe: the generated pool and factory are; nothing here changes after start-up.

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

namespace cadre::gateway {

// The package whose services are served ("cadre.v1.Registry", "cadre.v1.Matching", ...).
inline constexpr absl::string_view kConnectPackage = "cadre.v1";

struct ConnectMethod {
  const google::protobuf::MethodDescriptor* descriptor = nullptr;
  // Default instances of the request and response types, for New().
  const google::protobuf::Message* request_prototype = nullptr;
  const google::protobuf::Message* response_prototype = nullptr;
  std::string grpc_path;  // "/cadre.v1.Registry/GetRole"
  // `option idempotency_level = NO_SIDE_EFFECTS`: a read, which GET may call.
  bool no_side_effects = false;
};

// The unary method `method` ("GetRole") of `service` ("cadre.v1.Registry"), or false
// (and `*found` untouched) when there is no such service in kConnectPackage, no such
// method, or the method streams.
bool FindConnectMethod(absl::string_view service, absl::string_view method, ConnectMethod* found);

}  // namespace cadre::gateway
