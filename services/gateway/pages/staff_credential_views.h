#pragma once

// What a body's staff pages for credentials (issue 10) share: the credentials page with
// its look-up and grant forms (for the grant's POST to render again with what was
// typed), and the revoke confirmation's routes.

#include <string>
#include <vector>

#include "services/gateway/domain/staff_forms.h"
#include "services/gateway/http/front_door.h"
#include "services/gateway/http/http_types.h"
#include "services/gateway/pages/page_kit.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {

// "/staff/credentials?applicant=<id>" (id "": the page with no one looked up).
std::string StaffCredentialsPath(const std::string& applicant_id);

// GET /staff/credentials for `staff`: the look-up form; for `applicant_id` (a valid id,
// or "" for no one) the credentials the staff member's body granted them; the grant form
// (recruiters and managers) with `typed` (null: empty but for the Cadre ID looked up) and
// `errors` against its fields, and a fresh request id. The status is the caller's to set
// first. `list_applicant` false: do not list (the id named no one).
void RenderStaffCredentialsPage(const PageDeps& deps, const HttpRequest& request,
                                const StaffAccount& staff, const std::string& applicant_id,
                                bool list_applicant, const CredentialGrantValues* typed,
                                const std::vector<StaffFormError>& errors, HttpResponse* response);

// GET and POST /staff/credentials/{applicant id}/{n}/revoke
// (staff_credential_revoke_page.cc); AddStaffCredentialsPages (pages.h) adds them with
// the credentials page.
void AddStaffCredentialRevokeRoutes(FrontDoor* door, const PageDeps* deps);

}  // namespace cadre::gateway
