// RegistryService: the read handlers, answered from the in-memory view.

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/types/optional.h"
#include "google/protobuf/util/time_util.h"
#include "services/common/base/page_token.h"
#include "services/common/base/status_macros.h"
#include "services/registry/domain/closing.h"
#include "services/registry/domain/errors.h"
#include "services/registry/domain/names.h"
#include "services/registry/domain/policy.h"
#include "services/registry/domain/text_search.h"
#include "services/registry/domain/validation.h"
#include "services/registry/domain/wire.h"
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

// A ListRoles token's cursor: "<id>" reads on past role `id` (the next page: older roles;
// every token made before previous pages existed is one), "p<id>" reads back before it
// (the previous page: newer roles). Both are bound to the filters by the fingerprint.
constexpr absl::string_view kPreviousMarker = "p";

struct RoleCursor {
  int64_t id = 0;
  bool previous = false;  // true: the page before `id`
};

// The cursor, or INVALID_ARGUMENT naming page_token (DecodePageToken's cases, or a cursor
// that is neither form).
absl::StatusOr<RoleCursor> RoleCursorOf(absl::string_view token, const std::string& fingerprint) {
  CADRE_ASSIGN_OR_RETURN(std::string text, DecodePageToken(token, fingerprint));
  RoleCursor cursor;
  absl::string_view id = text;
  cursor.previous = absl::ConsumePrefix(&id, kPreviousMarker);
  if (!absl::SimpleAtoi(id, &cursor.id) || cursor.id < 0) {
    return InvalidField("page_token", "is not a token this service made");
  }
  return cursor;
}

std::string RoleToken(const absl::optional<int64_t>& id, bool previous,
                      const std::string& fingerprint) {
  if (!id) return std::string();
  return EncodePageToken(absl::StrCat(previous ? kPreviousMarker : "", *id), fingerprint);
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

void RegistryService::GetBody(UnaryCall* call, const cadre::v1::GetBodyRequest* req,
                              cadre::v1::Body* resp) {
  Serve(call, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(std::string code, ParseBodyName(req->name(), "name"));
    BodyPtr body = d_.catalog->FindBody(code);
    if (body == nullptr) return NotFound(req->name());
    *resp = *body;
    return absl::OkStatus();
  });
}

void RegistryService::ListBodies(UnaryCall* call, const cadre::v1::ListBodiesRequest* req,
                                 cadre::v1::ListBodiesResponse* resp) {
  Serve(call, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_RETURN_IF_ERROR(ValidateListBodies(*req));
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

// GetRole, ListRoles and GetInvolvementMap answer with the bytes the view keeps (the
// response message stays empty): no role is serialised on a read. accepting_applications
// is computed from the clock at the time of the read: the view's bytes have it false, and
// a role that accepts gets the field's three bytes added (domain/wire.h), which for
// GetRole copies the role's bytes once.
void RegistryService::GetRole(UnaryCall* call, const cadre::v1::GetRoleRequest* req,
                              cadre::v1::Role* /*resp*/) {
  Serve(call, Mode::kRead, [=, this](const Principal& p) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(int64_t id, ParseRoleName(req->name(), "name"));
    RoleAndWire found = d_.catalog->FindRoleAndWire(id);
    // A role the caller may not see is reported as absent, not as forbidden.
    if (found.role == nullptr || !MayRead(p, *found.role)) return NotFound(req->name());
    if (AcceptingApplications(*found.role, d_.clock->Now())) {
      call->SetResponseBytes(WithAcceptingApplications(*found.wire));
    } else {
      call->SetResponseBytes(std::move(found.wire));
    }
    return absl::OkStatus();
  });
}

void RegistryService::ListRoles(UnaryCall* call, const cadre::v1::ListRolesRequest* req,
                                cadre::v1::ListRolesResponse* /*resp*/) {
  Serve(call, Mode::kRead, [=, this](const Principal& p) -> absl::Status {
    CADRE_RETURN_IF_ERROR(ValidateListRoles(*req));
    CADRE_ASSIGN_OR_RETURN(int size,
                           EffectivePageSize(req->page_size(), kDefaultRolePage, kMaxRolePage));
    RoleQuery query = ToQuery(*req);
    CADRE_RETURN_IF_ERROR(CheckListRolesAccess(p, query));
    const absl::Time now = d_.clock->Now();
    // A public listing shows only roles that take applications now.
    if (!ListsRolesPastClosing(p, query)) query.accepting_at = now;
    const std::string fingerprint = FilterFingerprint(*req);
    absl::optional<RoleCursor> cursor;
    if (!req->page_token().empty()) {
      CADRE_ASSIGN_OR_RETURN(cursor, RoleCursorOf(req->page_token(), fingerprint));
    }
    const RolePage page =
        cursor && cursor->previous
            ? d_.catalog->QueryRolesBefore(query, cursor->id, size)
            : d_.catalog->QueryRoles(
                  query, cursor ? absl::make_optional(cursor->id) : absl::nullopt, size);
    std::vector<bool> accepting;
    accepting.reserve(page.roles.size());
    for (const RolePtr& role : page.roles) accepting.push_back(AcceptingApplications(*role, now));
    call->SetResponseBytes(EncodeListRolesPage(
        page.wire, RoleToken(page.next_after_id, false, fingerprint), page.view_position, accepting,
        RoleToken(page.previous_before_id, true, fingerprint)));
    return absl::OkStatus();
  });
}

void RegistryService::GetAvenue(UnaryCall* call, const cadre::v1::GetAvenueRequest* req,
                                cadre::v1::Avenue* resp) {
  Serve(call, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_ASSIGN_OR_RETURN(int64_t id, ParseAvenueName(req->name(), "name"));
    AvenuePtr avenue = d_.catalog->FindAvenue(id);
    if (avenue == nullptr) return NotFound(req->name());
    *resp = *avenue;
    return absl::OkStatus();
  });
}

void RegistryService::ListAvenues(UnaryCall* call, const cadre::v1::ListAvenuesRequest* req,
                                  cadre::v1::ListAvenuesResponse* resp) {
  Serve(call, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_RETURN_IF_ERROR(ValidateListAvenues(*req));
    const std::string code(BodyCodeOf(req->body()));
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

void RegistryService::ListRoleTypes(UnaryCall* call, const cadre::v1::ListRoleTypesRequest* req,
                                    cadre::v1::ListRoleTypesResponse* resp) {
  Serve(call, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_RETURN_IF_ERROR(ValidateListRoleTypes(*req));
    for (const auto& t : d_.catalog->ListRoleTypes(req->level())) *resp->add_role_types() = *t;
    return absl::OkStatus();
  });
}

void RegistryService::GetInvolvementMap(UnaryCall* call,
                                        const cadre::v1::GetInvolvementMapRequest* req,
                                        cadre::v1::InvolvementMap* /*resp*/) {
  Serve(call, Mode::kRead, [=, this](const Principal&) -> absl::Status {
    CADRE_RETURN_IF_ERROR(ValidateGetInvolvementMap(*req));
    call->SetResponseBytes(map_cache_.Get(*req, d_.clock->Now()));
    return absl::OkStatus();
  });
}

}  // namespace cadre::registry
