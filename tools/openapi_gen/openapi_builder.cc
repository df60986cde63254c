#include "tools/openapi_gen/openapi_builder.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "services/common/base/status_macros.h"
#include "tools/openapi_gen/comments.h"
#include "tools/openapi_gen/connect.h"
#include "tools/openapi_gen/descriptor_set.h"
#include "tools/openapi_gen/schemas.h"

namespace cadre::openapi {
namespace {

using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;
using Json = nlohmann::ordered_json;

bool IsUnary(const MethodDescriptor& method) {
  return !method.client_streaming() && !method.server_streaming();
}

bool HasNoSideEffects(const MethodDescriptor& method) {
  return method.options().idempotency_level() == google::protobuf::MethodOptions::NO_SIDE_EFFECTS;
}

std::string InfoDescription(const std::vector<const ServiceDescriptor*>& services) {
  std::vector<std::string> names;
  names.reserve(services.size());
  for (const ServiceDescriptor* service : services) names.push_back(service->full_name());
  return absl::StrCat(
      "The gRPC services ", absl::StrJoin(names, ", "),
      " in the Connect protocol's unary JSON form (https://connectrpc.com/docs/protocol). "
      "Every unary RPC is `POST /<package>.<Service>/<Method>` with the request message "
      "as JSON (`Content-Type: application/json`), answered 200 with the response "
      "message as JSON; RPCs without side effects may also be called by GET, the request "
      "in the query. Any other status is an error whose body is a ConnectError. Streaming "
      "RPCs are not served.\n\n"
      "Messages are in Protobuf's canonical JSON mapping: lowerCamelCase field names, "
      "enums by name, 64-bit integers as decimal strings, Timestamps as RFC 3339 strings, "
      "FieldMasks as comma-separated lowerCamelCase paths. A field at its default value "
      "(0, \"\", false, the first enum value, an empty list) may be left out of a "
      "response, and left out of a request means that default.\n\n"
      "Send `Authorization: Bearer <key>` where an RPC needs a key; public reads need "
      "none.");
}

Json Components() {
  Json components = Json::object();
  components["schemas"] = Json::object();
  components["parameters"] = SharedGetParameters();
  components["securitySchemes"] = {
      {"bearer",
       {{"type", "http"},
        {"scheme", "bearer"},
        {"description",
         "An API key, as `Authorization: Bearer <key>`. Optional: public reads need none; "
         "each operation says who may call it."}}},
  };
  return components;
}

// What every operation of `method` shares; `suffix` keeps the GET's operationId apart.
Json OperationBase(const ServiceDescriptor& service, const MethodDescriptor& method,
                   absl::string_view suffix) {
  Json operation = {
      {"tags", Json::array({service.name()})},
      {"operationId", absl::StrCat(service.name(), "_", method.name(), suffix)},
  };
  // No summary: the protos' method comments often head a group of methods ("Bodies.",
  // "Admin only."), so no sentence of one is a safe summary of the method alone.
  const std::string description = CommentOf(method);
  if (!description.empty()) operation["description"] = description;
  if (method.options().deprecated()) operation["deprecated"] = true;
  // {} first: no key is a valid way to call every operation (the service decides).
  operation["security"] = Json::array({Json::object(), {{"bearer", Json::array()}}});
  return operation;
}

Json ParameterRef(absl::string_view name) {
  return Json{{"$ref", absl::StrCat("#/components/parameters/", name)}};
}

// The path item of one unary method: post, and get when it has no side effects.
absl::StatusOr<Json> PathItem(const ServiceDescriptor& service, const MethodDescriptor& method,
                              const std::string& package, SchemaBuilder* schemas) {
  CADRE_ASSIGN_OR_RETURN(Json request, schemas->RefTo(*method.input_type()));
  CADRE_ASSIGN_OR_RETURN(Json response, schemas->RefTo(*method.output_type()));

  Json post = OperationBase(service, method, "");
  post["requestBody"] = {
      {"required", true},
      {"content", {{"application/json", {{"schema", request}}}}},
  };
  post["responses"] = UnaryResponses(response);
  Json item = {{"post", std::move(post)}};

  if (HasNoSideEffects(method)) {
    Json get = OperationBase(service, method, "_get");
    get["parameters"] = Json::array({
        MessageParameter(SchemaName(method.input_type()->full_name(), package)),
        ParameterRef(kEncodingParameter),
        ParameterRef(kBase64Parameter),
        ParameterRef(kConnectParameter),
    });
    get["responses"] = UnaryResponses(response);
    item["get"] = std::move(get);
  }
  return item;
}

}  // namespace

absl::StatusOr<Json> BuildOpenApi(const google::protobuf::FileDescriptorSet& set,
                                  const OpenApiOptions& options) {
  google::protobuf::DescriptorPool pool;
  CADRE_RETURN_IF_ERROR(BuildPool(set, &pool));

  // Files in the set's order, services as declared: a stable order for the paths.
  std::vector<const ServiceDescriptor*> services;
  for (const auto& file_proto : set.file()) {
    const google::protobuf::FileDescriptor* file = pool.FindFileByName(file_proto.name());
    if (file->package() != options.package) continue;
    for (int i = 0; i < file->service_count(); ++i) services.push_back(file->service(i));
  }
  if (services.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no service in package \"", options.package, "\" in the descriptor set"));
  }

  Json document = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", options.title},
        {"description", InfoDescription(services)},
        {"version", options.version}}},
      {"servers", Json::array({{{"url", "/"}}})},
      {"tags", Json::array()},
      {"paths", Json::object()},
  };
  SchemaBuilder schemas(options.package);
  for (const ServiceDescriptor* service : services) {
    Json tag = {{"name", service->name()}};
    const std::string description = CommentOf(*service);
    if (!description.empty()) tag["description"] = description;
    document["tags"].push_back(std::move(tag));

    for (int i = 0; i < service->method_count(); ++i) {
      const MethodDescriptor& method = *service->method(i);
      if (!IsUnary(method)) continue;
      const std::string path = absl::StrCat("/", service->full_name(), "/", method.name());
      CADRE_ASSIGN_OR_RETURN(document["paths"][path],
                             PathItem(*service, method, options.package, &schemas));
    }
  }

  if (schemas.schemas().count(std::string(kConnectErrorSchema)) > 0 ||
      schemas.schemas().count(std::string(kConnectErrorDetailSchema)) > 0) {
    return absl::InvalidArgumentError(absl::StrCat("a message named ", kConnectErrorSchema, " or ",
                                                   kConnectErrorDetailSchema,
                                                   " would hide the Connect error's schema"));
  }
  Json components = Components();
  for (const auto& [name, schema] : schemas.schemas()) components["schemas"][name] = schema;
  components["schemas"][std::string(kConnectErrorSchema)] = ConnectErrorSchema();
  components["schemas"][std::string(kConnectErrorDetailSchema)] = ConnectErrorDetailSchema();
  document["components"] = std::move(components);
  return document;
}

std::string Serialize(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace cadre::openapi
