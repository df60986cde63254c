#pragma once

// What a role's page says about the role, shared by the public role page
// (role_page.cc) and the staff's (staff_role_page.cc): its facts as rows of a summary
// list, and its summary as paragraphs.

#include "absl/strings/string_view.h"
#include "cadre/v1/registry.pb.h"
#include "nlohmann/json.hpp"

namespace cadre::gateway {

// The rows of role.mustache's "About the role" list: [{key, lines: [{text}], several}],
// from the involvement level to the requirements.
nlohmann::json RoleFactsView(const cadre::v1::Role& role);

// Paragraphs of a body's text, split at blank lines: [{text}].
nlohmann::json ParagraphsView(absl::string_view text);

}  // namespace cadre::gateway
