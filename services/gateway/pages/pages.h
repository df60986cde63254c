#pragma once

// Every page of the gateway, registered on the front door. Adding a page: write
// pages/<name>_page.cc with an Add<Name>Page function (its handler), its template in
// templates/, declare the function here, call it in pages.cc, and add its browser test.

#include "services/gateway/http/front_door.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// `deps` must outlive the front door.
void AddPublicPages(FrontDoor* door, const PageDeps* deps);

// One a page (pages/<name>_page.cc).
void AddHomePage(FrontDoor* door, const PageDeps* deps);
// The involvement map: /map, /map/{region}, /bodies/{code}, /bodies/{code}/embed.
void AddMapPage(FrontDoor* door, const PageDeps* deps);
void AddMapRegionPage(FrontDoor* door, const PageDeps* deps);
void AddBodyPage(FrontDoor* door, const PageDeps* deps);
void AddBodyEmbedPage(FrontDoor* door, const PageDeps* deps);

// Search, roles and the menu (issue 8).
void AddSearchPage(FrontDoor* door, const PageDeps* deps);      // /search
void AddSearchFeedPage(FrontDoor* door, const PageDeps* deps);  // /search.atom
void AddRolePage(FrontDoor* door, const PageDeps* deps);        // /roles/{id}
void AddMenuPage(FrontDoor* door, const PageDeps* deps);        // /menu

// Accounts (issue 9): /sign-in, /sign-up, /sign-out and /signed-out, /privacy.
void AddSignInPage(FrontDoor* door, const PageDeps* deps);
void AddSignUpPage(FrontDoor* door, const PageDeps* deps);
void AddSignOutPage(FrontDoor* door, const PageDeps* deps);
void AddPrivacyPage(FrontDoor* door, const PageDeps* deps);

// Roles for you and credentials (issue 9): a signed-in person's own.
void AddForYouPage(FrontDoor* door, const PageDeps* deps);       // /for-you
void AddCredentialsPage(FrontDoor* door, const PageDeps* deps);  // /credentials

// A person's profile (issue 9): each needs signing in, but /account-deleted.
void AddProfilePage(FrontDoor* door, const PageDeps* deps);           // /profile
void AddProfileEditPage(FrontDoor* door, const PageDeps* deps);       // /profile/edit
void AddEqualityPage(FrontDoor* door, const PageDeps* deps);          // /profile/equality
void AddAccountSettingsPages(FrontDoor* door, const PageDeps* deps);  // /profile/email, /password
void AddDataDownloadPage(FrontDoor* door, const PageDeps* deps);      // POST /profile/download
// /profile/delete and /account-deleted.
void AddDeleteAccountPages(FrontDoor* door, const PageDeps* deps);

// A person's applications (issue 9): signed in, their own only.
void AddApplyPage(FrontDoor* door, const PageDeps* deps);         // /roles/{id}/apply
void AddApplicationsPage(FrontDoor* door, const PageDeps* deps);  // /applications
void AddApplicationPage(FrontDoor* door, const PageDeps* deps);   // /applications/{id}
// POST /applications/{id}/withdraw, /accept, /decline, /payment.
void AddApplicationActions(FrontDoor* door, const PageDeps* deps);
// GET /applications/{id}/withdraw, /step-down (confirmations); POST .../step-down.
void AddApplicationConfirmPages(FrontDoor* door, const PageDeps* deps);

// Staff pages (issue 10): a body's staff, signed in as staff (staff_kit.h).
// /staff/sign-in; POST /staff/sign-out and /staff/signed-out; /staff/set-password/{token}.
void AddStaffSignInPage(FrontDoor* door, const PageDeps* deps);
void AddStaffSignOutPage(FrontDoor* door, const PageDeps* deps);
void AddStaffSetPasswordPage(FrontDoor* door, const PageDeps* deps);
void AddStaffHomePage(FrontDoor* door, const PageDeps* deps);  // /staff
// The body's staff, for its managers: /staff/team, /staff/team/new, /staff/team/{id}
// (POST .../role, .../setup-link), /staff/team/{id}/deactivate.
void AddStaffTeamPage(FrontDoor* door, const PageDeps* deps);
void AddStaffTeamNewPage(FrontDoor* door, const PageDeps* deps);
void AddStaffTeamMemberPage(FrontDoor* door, const PageDeps* deps);
void AddStaffTeamDeactivatePage(FrontDoor* door, const PageDeps* deps);
void AddStaffFiguresPage(FrontDoor* door, const PageDeps* deps);  // /staff/figures
// A body's roles: /staff/roles, /staff/roles/{id}, /staff/roles/new and .../edit;
// POST /staff/roles/{id}/publish, /close, and GET and POST /staff/roles/{id}/cancel.
void AddStaffRolesPage(FrontDoor* door, const PageDeps* deps);
void AddStaffRolePage(FrontDoor* door, const PageDeps* deps);
void AddStaffRoleFormPages(FrontDoor* door, const PageDeps* deps);
void AddStaffRoleActions(FrontDoor* door, const PageDeps* deps);
// A body's placements and the credentials it grants (issue 10):
// /staff/placements, /staff/placements/{id} with .../complete and .../end-early.
void AddStaffPlacementsPages(FrontDoor* door, const PageDeps* deps);
// /staff/credentials, POST /staff/credentials/grant, /staff/credentials/{id}/{n}/revoke.
void AddStaffCredentialsPages(FrontDoor* door, const PageDeps* deps);
// A role's applicants, ranked: /staff/roles/{id}/applicants. One application and its
// moves: /staff/applications/{id}, POST /staff/applications/{id}/move.
void AddStaffApplicantsPage(FrontDoor* door, const PageDeps* deps);
void AddStaffApplicationPages(FrontDoor* door, const PageDeps* deps);

}  // namespace cadre::gateway
