#pragma once

// What gateway_bench sends: the registry's reads over gRPC (load-generator slots that
// parse every answer, as a real client would), the same reads as Connect JSON through
// the gateway, and the gateway's pages, as HTTP requests.

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "bench/http_load.h"
#include "bench/load_generator.h"

namespace cadre::bench {

// The measurements' labels, in the tables and in the runs.
inline constexpr char kGrpcGetRole[] = "gRPC GetRole";
inline constexpr char kJsonGetRole[] = "JSON GetRole";
inline constexpr char kJsonGetRoleIdentity[] = "JSON GetRole, no gzip";
inline constexpr char kGrpcListRoles[] = "gRPC ListRoles";
inline constexpr char kJsonListRoles[] = "JSON ListRoles";
inline constexpr char kJsonListRolesIdentity[] = "JSON ListRoles, no gzip";
inline constexpr char kHomePage[] = "page GET /";
inline constexpr char kRolePage[] = "page GET /roles/{id}";
inline constexpr char kBodyPage[] = "page GET /bodies/{code}";
inline constexpr char kSearchPage[] = "page GET /search";

// The Connect paths of the two reads.
inline constexpr char kGetRolePath[] = "/cadre.v1.Registry/GetRole";
inline constexpr char kListRolesPath[] = "/cadre.v1.Registry/ListRoles";

// GetRole of a role picked uniformly from `names` ("roles/{id}") on every call, parsed
// into a Role. `names` must outlive the slots.
SlotFactory GrpcGetRoleSlots(const std::vector<std::string>* names, absl::Duration deadline);

// ListRoles with `page_size` and no filter (the first page of open roles), parsed.
SlotFactory GrpcListRolesSlots(int page_size, absl::Duration deadline);

// POST /cadre.v1.Registry/GetRole, Content-Type application/json, {"name":"roles/{id}"} of
// a role picked uniformly from `names` on every call.
HttpFill JsonGetRoleFill(const std::vector<std::string>* names);

// POST /cadre.v1.Registry/ListRoles, {"pageSize":N}.
HttpFill JsonListRolesFill(int page_size);

// GET of a path picked uniformly from `paths` on every call.
HttpFill PageFill(std::vector<std::string> paths);

// "/roles/{id}" for each "roles/{id}" of `names` (at most `limit`).
std::vector<std::string> RolePagePaths(const std::vector<std::string>& names, size_t limit);

}  // namespace cadre::bench
