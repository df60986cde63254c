// RegistryService: the read handlers, answered from the in-memory view.

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/page_token.h"
#include "services/common/base/status_macros.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/involvement_map.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/text_search.h"
#include "services/registry/domain/validation.h"
#include "services/registry/registry_service.h"

namespace cadre::registry {
namespace {

absl::StatusOr<int64_t> NumericCursor(absl::string_view token, const std::string& fingerprint) {
  CADRE_ASSIGN_OR_RETURN(std::string cursor, DecodePageToken(token, fingerprint));
  int64_t id = 0;
  if (!absl::SimpleAtoi(cursor, &id) || id < 0) {
    return InvalidField("page_token", "is not a token this service made");
  }
  return id;
}

RoleQuery ToQuery(const cadre::v1::ListRolesRequest& r) {
  RoleQuery q;
  if (!r.body().empty()) q.body_code = std::string(BodyCodeOf(r.body()));
  q.body_kind = r.body_kind();
  q.level = r.level();
  q.rung = r.rung();
  q.region = r.region();
  if (r.has_remote()) q.remote = r.remote();
  if (r.has_max_hours_per_month()) q.max_hours_per_month = r.max_hours_per_month();
  q.topic = r.topic();
  q.expertise = r.expertise();
  q.state = r.state() == cadre::v1::ROLE_STATE_UNSPECIFIED ? cadre::v1::ROLE_STATE_OPEN : r.state();
  if (r.has_closing_after()) {
    q.closing_after = absl::FromUnixNanos(
        google::protobuf::util::TimeUtil::TimestampToNanoseconds(r.closing_after()));
  }
  q.words = QueryWords(r.query());
  return q;
}

}  // namespace

using Reactor = RegistryService::Reactor;

bool RegistryService::MayRead(const Principal& p, const cadre::v1::Role& role) {
  return role.state() == cadre::v1::ROLE_STATE_OPEN || p.is_admin() ||
         p.is_body(BodyCodeOf(role.body()));
}

Reactor* RegistryService::GetBody(Ctx* c, const cadre::v1::GetBodyRequest* req,
                                  cadre::v1::Body* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(req->name(), "name"));
    BodyPtr body = d_.catalog->FindBody(code);
    if (body == nullptr) return NotFound(req->name());
    *resp = *body;
    return absl::OkStatus();
  });
}

Reactor* RegistryService::ListBodies(Ctx* c, const cadre::v1::ListBodiesRequest* req,
                                     cadre::v1::ListBodiesResponse* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    if (req->kind() != 0 && !cadre::v1::BodyKind_IsValid(req->kind())) {
      return InvalidField("kind", absl::StrCat("unknown value ", req->kind()));
    }
    if (req->region() != 0 && !cadre::v1::Region_IsValid(req->region())) {
      return InvalidField("region", absl::StrCat("unknown value ", req->region()));
    }
    CADRE_ASSIGN_OR_RETURN(int size, EffectivePageSize(req->page_size(), kDefaultPage, kMaxPage));
    const std::string fingerprint = FilterFingerprint(*req);
    std::string after;
    if (!req->page_token().empty()) {
      CADRE_ASSIGN_OR_RETURN(after, DecodePageToken(req->page_token(), fingerprint));
    }
    auto bodies = d_.catalog->ListBodies(req->kind(), req->region(), after, size);
    const bool more = static_cast<int>(bodies.size()) > size;
    if (more) bodies.pop_back();
    for (const auto& body : bodies) *resp->add_bodies() = *body;
    if (more) resp->set_next_page_token(EncodePageToken(bodies.back()->ods_code(), fingerprint));
    return absl::OkStatus();
  });
}

Reactor* RegistryService::GetRole(Ctx* c, const cadre::v1::GetRoleRequest* req,
                                  cadre::v1::Role* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(int64_t id, ParseRoleName(req->name(), "name"));
    RolePtr role = d_.catalog->FindRole(id);
    // A role the caller may not see is reported as absent, not as forbidden.
    if (role == nullptr || !MayRead(p, *role)) return NotFound(req->name());
    *resp = *role;
    return absl::OkStatus();
  });
}

Reactor* RegistryService::ListRoles(Ctx* c, const cadre::v1::ListRolesRequest* req,
                                    cadre::v1::ListRolesResponse* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(ValidateListRoles(*req));
    CADRE_ASSIGN_OR_RETURN(int size,
                           EffectivePageSize(req->page_size(), kDefaultRolePage, kMaxRolePage));
    RoleQuery query = ToQuery(*req);
    if (query.state != cadre::v1::ROLE_STATE_OPEN && !p.is_admin() &&
        !(p.kind == PrincipalKind::kBody && p.is_body(query.body_code))) {
      return absl::PermissionDeniedError(
          "roles that are not open can be listed only by their own body (set body to "
          "yours) or an admin");
    }
    const std::string fingerprint = FilterFingerprint(*req);
    absl::optional<int64_t> after;
    if (!req->page_token().empty()) {
      CADRE_ASSIGN_OR_RETURN(after, NumericCursor(req->page_token(), fingerprint));
    }
    RolePage page = d_.catalog->QueryRoles(query, after, size);
    resp->mutable_roles()->Reserve(static_cast<int>(page.roles.size()));
    for (const auto& role : page.roles) *resp->add_roles() = *role;
    if (page.next_after_id) {
      resp->set_next_page_token(EncodePageToken(absl::StrCat(*page.next_after_id), fingerprint));
    }
    return absl::OkStatus();
  });
}

Reactor* RegistryService::GetAvenue(Ctx* c, const cadre::v1::GetAvenueRequest* req,
                                    cadre::v1::Avenue* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(int64_t id, ParseAvenueName(req->name(), "name"));
    AvenuePtr avenue = d_.catalog->FindAvenue(id);
    if (avenue == nullptr) return NotFound(req->name());
    *resp = *avenue;
    return absl::OkStatus();
  });
}

Reactor* RegistryService::ListAvenues(Ctx* c, const cadre::v1::ListAvenuesRequest* req,
                                      cadre::v1::ListAvenuesResponse* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    std::string code;
    if (!req->body().empty()) {
      CADRE_ASSIGN_OR_RETURN(code, ParseBodyName(req->body(), "body"));
    }
    if (req->body_kind() != 0 && !cadre::v1::BodyKind_IsValid(req->body_kind())) {
      return InvalidField("body_kind", absl::StrCat("unknown value ", req->body_kind()));
    }
    if (req->region() != 0 && !cadre::v1::Region_IsValid(req->region())) {
      return InvalidField("region", absl::StrCat("unknown value ", req->region()));
    }
    CADRE_ASSIGN_OR_RETURN(int size, EffectivePageSize(req->page_size(), kDefaultPage, kMaxPage));
    const std::string fingerprint = FilterFingerprint(*req);
    int64_t after = 0;
    if (!req->page_token().empty()) {
      CADRE_ASSIGN_OR_RETURN(after, NumericCursor(req->page_token(), fingerprint));
    }
    auto avenues = d_.catalog->ListAvenues(code, req->body_kind(), req->region(), after, size);
    const bool more = static_cast<int>(avenues.size()) > size;
    if (more) avenues.pop_back();
    for (const auto& avenue : avenues) *resp->add_avenues() = *avenue;
    if (more) {
      resp->set_next_page_token(
          EncodePageToken(absl::StrCat(NumericId(avenues.back()->name())), fingerprint));
    }
    return absl::OkStatus();
  });
}

Reactor* RegistryService::ListRoleTypes(Ctx* c, const cadre::v1::ListRoleTypesRequest* req,
                                        cadre::v1::ListRoleTypesResponse* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    if (req->level() != 0 && !cadre::v1::InvolvementLevel_IsValid(req->level())) {
      return InvalidField("level", absl::StrCat("unknown value ", req->level()));
    }
    for (const auto& t : d_.catalog->ListRoleTypes(req->level())) *resp->add_role_types() = *t;
    return absl::OkStatus();
  });
}

Reactor* RegistryService::GetInvolvementMap(Ctx* c, const cadre::v1::GetInvolvementMapRequest* req,
                                            cadre::v1::InvolvementMap* resp) {
  return Serve(c, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    if (req->body_kind() != 0 && !cadre::v1::BodyKind_IsValid(req->body_kind())) {
      return InvalidField("body_kind", absl::StrCat("unknown value ", req->body_kind()));
    }
    if (req->region() != 0 && !cadre::v1::Region_IsValid(req->region())) {
      return InvalidField("region", absl::StrCat("unknown value ", req->region()));
    }
    if (req->level() != 0 && !cadre::v1::InvolvementLevel_IsValid(req->level())) {
      return InvalidField("level", absl::StrCat("unknown value ", req->level()));
    }
    // Keyed by the three validated filters only: at most 10 × 9 × 5 entries.
    const std::string key = absl::StrCat(req->body_kind(), ":", req->region(), ":", req->level());
    const int64_t generation = d_.catalog->generation();
    {
      absl::MutexLock lock(&map_mu_);
      auto it = map_cache_.find(key);
      if (it != map_cache_.end() && it->second.first == generation) {
        *resp = *it->second.second;
        return absl::OkStatus();
      }
    }
    auto map = std::make_shared<const cadre::v1::InvolvementMap>(
        BuildInvolvementMap(d_.catalog->SnapshotForMap(), *req));
    *resp = *map;
    absl::MutexLock lock(&map_mu_);
    map_cache_[key] = {generation, std::move(map)};
    return absl::OkStatus();
  });
}

}  // namespace cadre::registry
