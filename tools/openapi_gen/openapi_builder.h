#pragma once

// The OpenAPI 3.0.3 description of the JSON API the gateway serves: every unary RPC of
// every service of one package, in the Connect protocol's unary form
// (`POST /<package>.<Service>/<Method>`, and GET for NO_SIDE_EFFECTS RPCs), with the
// messages in Protobuf's canonical JSON mapping. Streaming RPCs are left out: the
// gateway does not serve them.

#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.pb.h"
#include "nlohmann/json.hpp"

namespace cadre::openapi {

struct OpenApiOptions {
  std::string package = "cadre.v1";  // the services of this package, and only those
  std::string title = "Cadre JSON API";
  std::string version = "v1";  // info.version
};

// The document for the services of `options.package` in `set`, which must hold every
// file they import (protoc --include_imports); comments become descriptions when the set
// has source info (--include_source_info). Keys are in a fixed order (paths by service
// and method as declared, schemas by name and the
// Connect error's last), so the same set gives the same document.
// INVALID_ARGUMENT: the set does not build (see BuildPool), the package has no service,
// two types would share a schema name, or a message
// would be named ConnectError or ConnectErrorDetail.
absl::StatusOr<nlohmann::ordered_json> BuildOpenApi(const google::protobuf::FileDescriptorSet& set,
                                                    const OpenApiOptions& options);

// The document as openapi.json holds it: 2-space indent, UTF-8, a newline at the end.
// Bytes that are not UTF-8 (in a comment) become U+FFFD.
std::string Serialize(const nlohmann::ordered_json& document);

}  // namespace cadre::openapi
