#include "services/common/base/credential_names.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/base/validation.h"

namespace cadre {
namespace {

constexpr absl::string_view kModulePrefix = "modules/";
constexpr absl::string_view kDbsPrefix = "dbs-";

}  // namespace

int DbsLevel(absl::string_view name) {
  if (name == "dbs-basic") return 1;
  if (name == "dbs-standard") return 2;
  if (name == "dbs-enhanced") return 3;
  return 0;
}

bool ParseCredentialForm(absl::string_view name, CredentialForm* form) {
  if (DbsLevel(name) > 0) {
    *form = CredentialForm::kDbs;
    return true;
  }
  if (absl::StartsWith(name, kModulePrefix)) {
    if (!IsSlug(name.substr(kModulePrefix.size()), 1, 64)) return false;
    *form = CredentialForm::kModule;
    return true;
  }
  if (absl::StartsWith(name, kDbsPrefix) || name.empty() || name[0] < 'a' || name[0] > 'z') {
    return false;
  }
  if (!IsSlug(name, 3, 40)) return false;
  *form = CredentialForm::kAccreditation;
  return true;
}

bool IsCredentialName(absl::string_view name) {
  CredentialForm form;
  return ParseCredentialForm(name, &form);
}

bool CredentialSatisfies(absl::string_view held, absl::string_view required) {
  if (held == required) return true;
  const int required_level = DbsLevel(required);
  return required_level > 0 && DbsLevel(held) >= required_level;
}

absl::Status CheckCredentialName(absl::string_view name, absl::string_view field) {
  if (IsCredentialName(name)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field,
                   ": a credential is dbs-basic, dbs-standard, dbs-enhanced, modules/{id} or an "
                   "accreditation of 3-40 characters of a-z, 0-9 and '-' starting with a letter"));
}

}  // namespace cadre
