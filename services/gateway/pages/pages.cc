#include "services/gateway/pages/pages.h"

namespace cadre::gateway {

void AddPublicPages(FrontDoor* door, const PageDeps* deps) {
  AddHomePage(door, deps);
  AddMapPage(door, deps);
  AddMapRegionPage(door, deps);
  AddBodyPage(door, deps);
  AddBodyEmbedPage(door, deps);
  AddSearchPage(door, deps);
  AddSearchFeedPage(door, deps);
  AddRolePage(door, deps);
  AddMenuPage(door, deps);
  AddSignInPage(door, deps);
  AddSignUpPage(door, deps);
  AddSignOutPage(door, deps);
  AddPrivacyPage(door, deps);
  // Roles for you and credentials (issue 9).
  AddForYouPage(door, deps);
  AddCredentialsPage(door, deps);
  // A person's profile (issue 9).
  AddProfilePage(door, deps);
  AddProfileEditPage(door, deps);
  AddEqualityPage(door, deps);
  AddAccountSettingsPages(door, deps);
  AddDataDownloadPage(door, deps);
  AddDeleteAccountPages(door, deps);
  // A person's applications (issue 9).
  AddApplyPage(door, deps);
  AddApplicationsPage(door, deps);
  AddApplicationPage(door, deps);
  AddApplicationActions(door, deps);
  AddApplicationConfirmPages(door, deps);
  // Staff pages (issue 10).
  AddStaffSignInPage(door, deps);
  AddStaffSignOutPage(door, deps);
  AddStaffSetPasswordPage(door, deps);
  AddStaffHomePage(door, deps);
  AddStaffTeamPage(door, deps);
  AddStaffTeamNewPage(door, deps);
  AddStaffTeamMemberPage(door, deps);
  AddStaffTeamDeactivatePage(door, deps);
  AddStaffFiguresPage(door, deps);
  AddStaffRolesPage(door, deps);
  AddStaffRoleFormPages(door, deps);  // before /staff/roles/{id}: "new" is no id
  AddStaffRolePage(door, deps);
  AddStaffRoleActions(door, deps);
  AddStaffPlacementsPages(door, deps);
  AddStaffCredentialsPages(door, deps);
  AddStaffApplicantsPage(door, deps);
  AddStaffApplicationPages(door, deps);
  // Any other path: the 404 page (the front door's error page).
}

}  // namespace cadre::gateway
