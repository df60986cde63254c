#include "bench/gateway_calls.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cadre/v1/registry.grpc.pb.h"

namespace cadre::bench {
namespace {

using cadre::v1::GetRoleRequest;
using cadre::v1::ListRolesRequest;
using cadre::v1::ListRolesResponse;
using cadre::v1::Role;
using Stub = cadre::v1::Registry::Stub;

HttpCall JsonPost(const char* path, std::string body) {
  HttpCall call;
  call.method = "POST";
  call.path = path;
  call.body = std::move(body);
  call.content_type = "application/json";
  return call;
}

}  // namespace

SlotFactory GrpcGetRoleSlots(const std::vector<std::string>* names, absl::Duration deadline) {
  auto fill = [names](std::mt19937_64& rng, GetRoleRequest* request) {
    request->set_name((*names)[rng() % names->size()]);
  };
  return [fill, deadline](const std::shared_ptr<grpc::Channel>& channel) {
    return std::make_unique<TypedCallSlot<GetRoleRequest, Role>>(
        channel, &Stub::PrepareAsyncGetRole, fill, deadline);
  };
}

SlotFactory GrpcListRolesSlots(int page_size, absl::Duration deadline) {
  auto fill = [page_size](std::mt19937_64& /*rng*/, ListRolesRequest* request) {
    request->set_page_size(page_size);
  };
  return [fill, deadline](const std::shared_ptr<grpc::Channel>& channel) {
    return std::make_unique<TypedCallSlot<ListRolesRequest, ListRolesResponse>>(
        channel, &Stub::PrepareAsyncListRoles, fill, deadline);
  };
}

HttpFill JsonGetRoleFill(const std::vector<std::string>* names) {
  return [names](std::mt19937_64& rng, HttpCall* call) {
    *call = JsonPost(kGetRolePath,
                     absl::StrCat("{\"name\":\"", (*names)[rng() % names->size()], "\"}"));
  };
}

HttpFill JsonListRolesFill(int page_size) {
  const std::string body = absl::StrCat("{\"pageSize\":", page_size, "}");
  return
      [body](std::mt19937_64& /*rng*/, HttpCall* call) { *call = JsonPost(kListRolesPath, body); };
}

HttpFill PageFill(std::vector<std::string> paths) {
  return [paths = std::move(paths)](std::mt19937_64& rng, HttpCall* call) {
    call->method = "GET";
    call->path = paths[rng() % paths.size()];
  };
}

std::vector<std::string> RolePagePaths(const std::vector<std::string>& names, size_t limit) {
  std::vector<std::string> paths;
  for (size_t i = 0; i < names.size() && i < limit; ++i) {
    paths.push_back(absl::StrCat("/", names[i]));
  }
  return paths;
}

}  // namespace cadre::bench
