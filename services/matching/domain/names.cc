#include "services/matching/domain/names.h"

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/common/base/errors.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {
namespace {

constexpr absl::string_view kApplicantsPrefix = "applicants/";
constexpr absl::string_view kCredentialsInfix = "/credentials/";
constexpr absl::string_view kBase32 = "abcdefghijklmnopqrstuvwxyz234567";
constexpr int kBitsPerChar = 5;
constexpr int64_t kMaxCredentialNumber = int64_t{1} << 52;

bool IsBase32Char(char c) { return absl::ascii_islower(c) || (c >= '2' && c <= '7'); }

bool IsOdsCode(absl::string_view code) {
  return code.size() >= 3 && code.size() <= 6 && absl::c_all_of(code, [](char c) {
           return absl::ascii_isupper(c) || absl::ascii_isdigit(c);
         });
}

bool IsCadreIssuedCode(absl::string_view code) {
  return absl::ConsumePrefix(&code, "CDR") && code.size() >= 4 && code.size() <= 12 &&
         absl::c_all_of(code, absl::ascii_isdigit);
}

// A positive number in its one canonical form: digits only, no leading zero.
bool ParseCanonicalNumber(absl::string_view s, int64_t max, int64_t* n) {
  return !s.empty() && s.size() <= 16 && s.front() != '0' &&
         absl::c_all_of(s, absl::ascii_isdigit) && absl::SimpleAtoi(s, n) && *n > 0 && *n <= max;
}

}  // namespace

std::string ApplicantName(absl::string_view id) { return absl::StrCat(kApplicantsPrefix, id); }

bool IsApplicantId(absl::string_view id) {
  return id.size() == kApplicantIdLength && absl::c_all_of(id, IsBase32Char);
}

absl::StatusOr<std::string> ParseApplicantName(absl::string_view name, absl::string_view field) {
  if (!absl::ConsumePrefix(&name, kApplicantsPrefix) || !IsApplicantId(name)) {
    return InvalidField(field, "must look like applicants/{id}, id 16 characters of a-z and 2-7");
  }
  return std::string(name);
}

std::string ApplicationName(absl::string_view id) { return absl::StrCat("applications/", id); }
std::string PlacementName(absl::string_view id) { return absl::StrCat("placements/", id); }

namespace {
absl::StatusOr<std::string> ParseRandomIdName(absl::string_view name, absl::string_view prefix,
                                              absl::string_view field) {
  if (!absl::ConsumePrefix(&name, prefix) || !IsApplicantId(name)) {
    return InvalidField(
        field, absl::StrCat("must look like ", prefix, "{id}, id 16 characters of a-z and 2-7"));
  }
  return std::string(name);
}
}  // namespace

absl::StatusOr<std::string> ParseApplicationName(absl::string_view name, absl::string_view field) {
  return ParseRandomIdName(name, "applications/", field);
}
absl::StatusOr<std::string> ParsePlacementName(absl::string_view name, absl::string_view field) {
  return ParseRandomIdName(name, "placements/", field);
}

std::string NewApplicantId(absl::FunctionRef<uint64_t()> random) {
  std::string id;
  id.reserve(kApplicantIdLength);
  uint64_t bits = 0;
  int available = 0;
  while (id.size() < kApplicantIdLength) {
    // 64 bits give 12 characters; the 4 left over are dropped rather than joined to the
    // next draw, which keeps every character uniform and the code plain.
    if (available < kBitsPerChar) {
      bits = random();
      available = 64;
    }
    id.push_back(kBase32[bits & 0x1F]);
    bits >>= kBitsPerChar;
    available -= kBitsPerChar;
  }
  return id;
}

std::string CredentialName(absl::string_view applicant_id, int64_t n) {
  return absl::StrCat(kApplicantsPrefix, applicant_id, kCredentialsInfix, n);
}

absl::StatusOr<CredentialRef> ParseCredentialName(absl::string_view name, absl::string_view field) {
  CredentialRef ref;
  absl::string_view rest = name;
  if (absl::ConsumePrefix(&rest, kApplicantsPrefix) && rest.size() > kApplicantIdLength) {
    const absl::string_view id = rest.substr(0, kApplicantIdLength);
    absl::string_view number = rest.substr(kApplicantIdLength);
    if (IsApplicantId(id) && absl::ConsumePrefix(&number, kCredentialsInfix) &&
        ParseCanonicalNumber(number, kMaxCredentialNumber, &ref.n)) {
      ref.applicant_id = std::string(id);
      return ref;
    }
  }
  return InvalidField(field, "must look like applicants/{id}/credentials/{number}");
}

bool IsBodyName(absl::string_view name) {
  return absl::ConsumePrefix(&name, "bodies/") && (IsOdsCode(name) || IsCadreIssuedCode(name));
}

}  // namespace cadre::matching
