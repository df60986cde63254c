#include "services/registry/domain/staff_validation.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/common/base/field_mask.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "services/registry/domain/limits.h"
#include "services/registry/domain/names.h"

namespace cadre::registry {
namespace {

// Printable ASCII without the space: controls, spaces and non-ASCII are refused, so an
// address cannot smuggle a header line into an email.
bool IsAddressChar(char c) { return c > ' ' && c <= '~'; }

bool IsBase64UrlChar(char c) { return absl::ascii_isalnum(c) || c == '-' || c == '_'; }

// ListStaff's order: display name case folded, then id.
std::string SortKey(const cadre::v1::Staff& staff) {
  return absl::AsciiStrToLower(staff.display_name());
}
absl::string_view IdOf(const cadre::v1::Staff& staff) {
  const absl::string_view name = staff.name();
  const size_t slash = name.rfind('/');
  return slash == absl::string_view::npos ? name : name.substr(slash + 1);
}

// The cursor of a page ending at `staff`: the hex of its sort key, '.', its id (hex has
// no '|', which page tokens use between their parts).
std::string CursorOf(const cadre::v1::Staff& staff) {
  return absl::StrCat(absl::BytesToHexString(SortKey(staff)), ".", IdOf(staff));
}

}  // namespace

std::string StaffName(absl::string_view body_code, absl::string_view id) {
  return absl::StrCat("bodies/", body_code, "/staff/", id);
}

bool IsStaffId(absl::string_view id) {
  return id.size() == kStaffIdLength && absl::c_all_of(id, [](char c) {
           return absl::ascii_isdigit(c) || (c >= 'a' && c <= 'f');
         });
}

absl::StatusOr<StaffNameParts> ParseStaffName(absl::string_view name, absl::string_view field) {
  if (name.empty()) return InvalidField(field, "is required");
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "bodies" || !IsBodyCode(parts[1]) || parts[2] != "staff" ||
      !IsStaffId(parts[3])) {
    return InvalidField(field, "must be bodies/{code}/staff/{id}, the id 16 lower-case hex digits");
  }
  return StaffNameParts{std::string(parts[1]), std::string(parts[3])};
}

absl::StatusOr<std::string> NormaliseStaffEmail(absl::string_view email, absl::string_view field) {
  std::string address = absl::AsciiStrToLower(absl::StripAsciiWhitespace(email));
  if (address.empty()) return InvalidField(field, "is required");
  if (address.size() > kMaxStaffEmail) {
    return InvalidField(field, absl::StrCat("must be at most ", kMaxStaffEmail, " characters"));
  }
  if (!absl::c_all_of(address, IsAddressChar)) {
    return InvalidField(field, "must be an email address of printable ASCII without spaces");
  }
  const size_t at = address.find('@');
  if (at == std::string::npos || address.find('@', at + 1) != std::string::npos) {
    return InvalidField(field, "must be an email address with exactly one '@'");
  }
  const absl::string_view local = absl::string_view(address).substr(0, at);
  const absl::string_view domain = absl::string_view(address).substr(at + 1);
  if (local.empty() || local.size() > kMaxStaffEmailLocal) {
    return InvalidField(
        field, absl::StrCat("must have 1 to ", kMaxStaffEmailLocal, " characters before the '@'"));
  }
  if (!absl::StrContains(domain, '.') || domain.front() == '.' || domain.back() == '.' ||
      absl::StrContains(domain, "..")) {
    return InvalidField(field, "must have a domain such as trust.nhs.uk after the '@'");
  }
  return address;
}

absl::Status CheckStaffDisplayName(absl::string_view display_name, absl::string_view field) {
  if (display_name.empty()) return InvalidField(field, "is required");
  CADRE_RETURN_IF_ERROR(CheckLength(display_name, kMinStaffName, kMaxStaffName, field));
  if (absl::c_any_of(display_name, [](char c) { return absl::ascii_iscntrl(c); })) {
    return InvalidField(field, "must not hold control characters");
  }
  if (absl::StripAsciiWhitespace(display_name) != display_name) {
    return InvalidField(field, "must not begin or end with spaces");
  }
  return absl::OkStatus();
}

absl::StatusOr<cadre::v1::Staff> ValidateNewStaff(const cadre::v1::Staff& staff,
                                                  absl::string_view prefix) {
  cadre::v1::Staff out;
  out.set_display_name(std::string(absl::StripAsciiWhitespace(staff.display_name())));
  CADRE_RETURN_IF_ERROR(
      CheckStaffDisplayName(out.display_name(), FieldPath(prefix, "display_name")));
  CADRE_ASSIGN_OR_RETURN(*out.mutable_email(),
                         NormaliseStaffEmail(staff.email(), FieldPath(prefix, "email")));
  CADRE_RETURN_IF_ERROR(CheckEnum(staff.role(), cadre::v1::StaffRole_IsValid,
                                  FieldPath(prefix, "role"), /*required=*/true));
  out.set_role(staff.role());
  return out;
}

absl::Status ApplyStaffUpdate(const cadre::v1::Staff& patch,
                              const google::protobuf::FieldMask& mask, absl::string_view etag,
                              cadre::v1::Staff& target) {
  if (etag.empty()) return InvalidField("etag", "is required");
  static const std::set<std::string> kAllowed = {"display_name", "role"};
  cadre::v1::Staff trimmed = patch;
  trimmed.set_display_name(std::string(absl::StripAsciiWhitespace(patch.display_name())));
  CADRE_RETURN_IF_ERROR(ApplyFieldMask(trimmed, mask, kAllowed, target));
  for (const std::string& path : mask.paths()) {
    if (path == "display_name") {
      CADRE_RETURN_IF_ERROR(CheckStaffDisplayName(target.display_name(), "staff.display_name"));
    } else if (path == "role") {
      CADRE_RETURN_IF_ERROR(CheckEnum(target.role(), cadre::v1::StaffRole_IsValid, "staff.role",
                                      /*required=*/true));
    }
  }
  return absl::OkStatus();
}

StaffRole RoleFromProto(cadre::v1::StaffRole role) {
  switch (role) {
    case cadre::v1::STAFF_ROLE_MANAGER:
      return StaffRole::kManager;
    case cadre::v1::STAFF_ROLE_RECRUITER:
      return StaffRole::kRecruiter;
    case cadre::v1::STAFF_ROLE_VIEWER:
      return StaffRole::kViewer;
    default:
      return StaffRole::kNone;
  }
}

cadre::v1::StaffRole RoleToProto(StaffRole role) {
  switch (role) {
    case StaffRole::kManager:
      return cadre::v1::STAFF_ROLE_MANAGER;
    case StaffRole::kRecruiter:
      return cadre::v1::STAFF_ROLE_RECRUITER;
    case StaffRole::kViewer:
      return cadre::v1::STAFF_ROLE_VIEWER;
    case StaffRole::kNone:
      break;
  }
  return cadre::v1::STAFF_ROLE_UNSPECIFIED;
}

bool IsSetupTokenShape(absl::string_view token) {
  return token.size() == kSetupTokenLength && absl::c_all_of(token, IsBase64UrlChar);
}

StaffPage PageStaff(std::vector<cadre::v1::Staff> all, bool include_deactivated,
                    absl::string_view cursor, int page_size) {
  if (!include_deactivated) {
    all.erase(std::remove_if(all.begin(), all.end(),
                             [](const cadre::v1::Staff& s) {
                               return s.state() == cadre::v1::STAFF_STATE_DEACTIVATED;
                             }),
              all.end());
  }
  auto key = [](const cadre::v1::Staff& s) { return std::make_tuple(SortKey(s), IdOf(s)); };
  std::sort(all.begin(), all.end(),
            [&](const cadre::v1::Staff& a, const cadre::v1::Staff& b) { return key(a) < key(b); });
  // The cursor names the last account of the page before: this page starts after it.
  std::string after_key;
  std::string after_id;
  bool has_cursor = false;
  if (!cursor.empty()) {
    std::pair<absl::string_view, absl::string_view> parts = absl::StrSplit(cursor, '.');
    after_key = absl::HexStringToBytes(parts.first);
    after_id = std::string(parts.second);
    has_cursor = true;
  }
  StaffPage page;
  for (cadre::v1::Staff& staff : all) {
    if (has_cursor && key(staff) <= std::make_tuple(after_key, absl::string_view(after_id))) {
      continue;
    }
    if (static_cast<int>(page.staff.size()) == page_size) {
      page.next_cursor = CursorOf(page.staff.back());
      break;
    }
    page.staff.push_back(std::move(staff));
  }
  return page;
}

}  // namespace cadre::registry
