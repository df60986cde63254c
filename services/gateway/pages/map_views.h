#pragma once

// The pieces of view model the involvement map's pages share (map, region, body, embed):
// a role, an avenue, a breadcrumb. Conventions of these view models:
// - keys in snake_case; every text is in words already (labels.h), every href made here,
//   so a template only places values;
// - a section that may be absent has its own boolean (`has_time`, `is_email`) rather
//   than hanging on whether a string is empty;
// - counts come as numbers (`open_roles`) and as words (`open_roles_text`: "1 open role").

#include <grpcpp/client_context.h>

#include <functional>
#include <string>

#include "cadre/v1/registry.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// One upstream call with a context of its own, prepared for `request` (PrepareContext).
grpc::Status CallUpstream(const PageDeps& deps, const HttpRequest& request,
                          const std::function<grpc::Status(grpc::ClientContext*)>& call);

// {"text": text, "href": href}, one entry of PageFrame.breadcrumbs.
nlohmann::json Crumb(const std::string& text, const std::string& href);

// An open role: title, href (/roles/{id}, or `link_base` + that for a page framed
// elsewhere; has_href false when the name has no id), level, has_time/time, where,
// has_closing/closes ("1 December 2026") and closes_iso (for <time datetime>).
nlohmann::json RoleView(const cadre::v1::RoleSummary& role, const std::string& link_base = "");
nlohmann::json RoleView(const cadre::v1::Role& role, const std::string& link_base = "");

// A standing avenue: title, kind, has_description/description, level, has_time/time,
// where, has_join/join_href/join_address/is_email (how to join: a website or an email).
nlohmann::json AvenueView(const cadre::v1::Avenue& avenue);

// The body's page: /bodies/{code}, or "" when the name carries no body code.
std::string BodyHref(const std::string& body_name);

}  // namespace cadre::gateway
