#pragma once

// What the team pages (/staff/team...) share: a member of staff as the view shows them,
// the role radios with each role's meaning, the one-time set-up link, and the member's
// name from the page's address (the body always the signed-in member's own, from their
// key: the registry checks the rest).

#include <optional>
#include <string>

#include "cadre/v1/registry.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/pages/page_kit.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {

// {name, id, href, display_name, email, role, role_label, state, state_label, invited,
// active, deactivated, created, last_sign_in ("Never" when none), etag}.
nlohmann::json StaffMemberView(const cadre::v1::Staff& member);

// The role radios, `checked` checked: [{value, text, hint, id, checked}].
nlohmann::json StaffRoleRadios(cadre::v1::StaffRole checked);

// The set-up link as the page shows it, once: {url, expires}.
nlohmann::json SetupLinkView(const PageDeps& deps, const cadre::v1::StaffSetupLink& link);

// "bodies/{code}/staff/{id}" for the id in the path (`staff`'s own body); nullopt when the
// id is not 1-64 lower-case letters and digits (the page then answers 404).
std::optional<std::string> StaffNameFromPath(const StaffAccount& staff, const std::string& id);

// The member the page's address names (its first path parameter), read with `staff`'s
// key; nullopt with `response` filled: 404 for an id of the wrong shape, else as
// RenderStaffUpstreamError (403 for another body's member, 404 for none).
// For a POST from a member's page: RequireStaffForm (the CSRF token), then the member's
// name the address gives ("bodies/{code}/staff/{id}"); nullopt with `response` filled
// (not signed in, an expired form, 404 for an id of the wrong shape).
struct MemberForm {
  StaffAccount staff;  // who posts it
  std::string member;  // whom it changes
};
std::optional<MemberForm> RequireMemberForm(const PageDeps& deps, const HttpRequest& request,
                                            HttpResponse* response);

// Ends every session of `member` once the registry has revoked their keys (deactivated, a
// new role, a new set-up link); a failure is logged, as their next call ends it anyway.
void EndMembersSessions(const PageDeps& deps, const HttpRequest& request,
                        const std::string& member);

std::optional<cadre::v1::Staff> LoadMemberOfPath(const PageDeps& deps, const HttpRequest& request,
                                                 const StaffAccount& staff, HttpResponse* response);

}  // namespace cadre::gateway
