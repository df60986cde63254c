#include "services/gateway/domain/profile_form.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

using cadre::v1::DeclaredInterest;

constexpr absl::string_view kBodyPrefix = "bodies/";

std::string FormValue(const std::multimap<std::string, std::string>& form,
                      const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

std::string Trimmed(absl::string_view s) { return std::string(absl::StripAsciiWhitespace(s)); }

std::string RowField(int row, absl::string_view field) {
  return absl::StrCat("interest-", row, "-", field);
}

// A whole number typed into a field; false for anything else ("", "4.5", "ten").
bool ParseWhole(absl::string_view typed, int* out) {
  const std::string t = Trimmed(typed);
  if (t.empty() || t.size() > 6 || !std::all_of(t.begin(), t.end(), absl::ascii_isdigit)) {
    return false;
  }
  return absl::SimpleAtoi(t, out);
}

void ParseNumber(absl::string_view typed, int min, int max, const std::string& field,
                 absl::string_view what, int* out, std::vector<FormError>* errors) {
  if (!ParseWhole(typed, out) || *out < min || *out > max) {
    errors->push_back(
        {field, absl::StrCat(what, " must be a whole number from ", min, " to ", max)});
  }
}

void ParseDateOfBirth(const ProfileFormValues& v, ParsedProfileForm* parsed) {
  const std::string day = Trimmed(v.dob_day);
  const std::string month = Trimmed(v.dob_month);
  const std::string year = Trimmed(v.dob_year);
  if (day.empty() && month.empty() && year.empty()) {
    parsed->errors.push_back({"date_of_birth-day", "Enter your date of birth"});
    return;
  }
  int d = 0, m = 0, y = 0;
  if (!ParseWhole(day, &d) || !ParseWhole(month, &m) || !ParseWhole(year, &y) || d < 1 || d > 31 ||
      m < 1 || m > 12 || year.size() != 4) {
    const std::string field = !ParseWhole(day, &d)     ? "date_of_birth-day"
                              : !ParseWhole(month, &m) ? "date_of_birth-month"
                                                       : "date_of_birth-year";
    parsed->errors.push_back(
        {field, "Date of birth must be a real date, for example 31 3 1980 (the year in 4 digits)"});
    return;
  }
  cadre::v1::Date* date = parsed->profile.mutable_date_of_birth();
  date->set_day(d);
  date->set_month(m);
  date->set_year(y);
}

void ParseTagField(absl::string_view typed, const std::string& field,
                   google::protobuf::RepeatedPtrField<std::string>* out,
                   std::vector<FormError>* errors) {
  ParsedTags tags = ParseTags(typed, ProfileFormLabelOf(field));
  if (!tags.error.empty()) {
    errors->push_back({field, std::move(tags.error)});
    return;
  }
  for (std::string& tag : tags.tags) out->Add(std::move(tag));
}

void ParseInterests(const ProfileFormValues& v, ParsedProfileForm* parsed) {
  for (const InterestRow& row : v.interests) {
    if (row.remove) continue;
    const std::string code = absl::AsciiStrToUpper(Trimmed(row.body));
    const std::string note = Trimmed(row.note);
    if (code.empty() && row.kind.empty() && note.empty()) continue;  // a blank row
    const DeclaredInterest::Kind kind = InterestKindFromSlug(row.kind);
    if (code.empty()) {
      parsed->errors.push_back({RowField(row.row, "body"), "Enter the organisation's code"});
    }
    if (kind == DeclaredInterest::KIND_UNSPECIFIED) {
      parsed->errors.push_back({RowField(row.row, "kind"),
                                "Select whether you work for the organisation or have another "
                                "conflict of interest"});
    }
    if (code.empty() || kind == DeclaredInterest::KIND_UNSPECIFIED) continue;
    DeclaredInterest* interest = parsed->profile.add_declared_interests();
    interest->set_body(absl::StrCat(kBodyPrefix, code));
    interest->set_kind(kind);
    interest->set_note(note);
    parsed->interest_rows.push_back(row.row);
  }
  if (parsed->profile.declared_interests_size() > kProfileMaxInterests) {
    parsed->errors.push_back(
        {RowField(v.interests.back().row, "body"),
         absl::StrCat("You can declare at most ", kProfileMaxInterests, " interests")});
  }
}

}  // namespace

ProfileFormValues ProfileFormValuesOf(const cadre::v1::Applicant& applicant) {
  const cadre::v1::Profile& p = applicant.profile();
  ProfileFormValues v;
  v.display_name = p.display_name();
  if (p.has_date_of_birth()) {
    v.dob_day = absl::StrCat(p.date_of_birth().day());
    v.dob_month = absl::StrCat(p.date_of_birth().month());
    v.dob_year = absl::StrCat(p.date_of_birth().year());
  }
  v.region = p.region() == cadre::v1::REGION_UNSPECIFIED ? "" : RegionSlug(p.region());
  v.lived_experience = JoinTags(p.lived_experience());
  v.skills = JoinTags(p.skills());
  v.expertise = JoinTags(p.expertise());
  v.access_needs = JoinTags(p.access_needs());
  v.hours = absl::StrCat(p.availability_hours_per_month());
  v.max_roles = absl::StrCat(p.max_concurrent_roles());
  v.access_needs_note = p.access_needs_note();
  v.attendance = AttendanceSlug(p.attendance());
  int row = 0;
  for (const DeclaredInterest& interest : p.declared_interests()) {
    v.interests.push_back({.row = row++,
                           .body = std::string(absl::StripPrefix(interest.body(), kBodyPrefix)),
                           .kind = InterestKindSlug(interest.kind()),
                           .note = interest.note(),
                           .existing = true});
  }
  if (row < kProfileMaxInterests) v.interests.push_back({.row = row});
  v.role_suggestions = applicant.consent().role_suggestions_agreed();
  v.etag = applicant.etag();
  return v;
}

ProfileFormValues ProfileFormValuesFromForm(const std::multimap<std::string, std::string>& form) {
  ProfileFormValues v;
  v.display_name = FormValue(form, "display_name");
  v.dob_day = FormValue(form, "date_of_birth-day");
  v.dob_month = FormValue(form, "date_of_birth-month");
  v.dob_year = FormValue(form, "date_of_birth-year");
  v.region = FormValue(form, "region");
  v.lived_experience = FormValue(form, "lived_experience");
  v.skills = FormValue(form, "skills");
  v.expertise = FormValue(form, "expertise");
  v.access_needs = FormValue(form, "access_needs");
  v.hours = FormValue(form, "availability_hours_per_month");
  v.max_roles = FormValue(form, "max_concurrent_roles");
  // Browsers send a textarea's line breaks as CRLF; matching counts characters.
  v.access_needs_note = absl::StrReplaceAll(FormValue(form, "access_needs_note"), {{"\r\n", "\n"}});
  v.attendance = FormValue(form, "attendance");
  for (int row = 0; row <= kProfileMaxInterests; ++row) {
    if (!form.contains(RowField(row, "body")) && !form.contains(RowField(row, "kind"))) continue;
    v.interests.push_back({.row = row,
                           .body = FormValue(form, RowField(row, "body")),
                           .kind = FormValue(form, RowField(row, "kind")),
                           .note = FormValue(form, RowField(row, "note")),
                           .remove = FormValue(form, RowField(row, "remove")) == "yes",
                           .existing = form.contains(RowField(row, "existing"))});
  }
  v.role_suggestions = FormValue(form, "role_suggestions") == "yes";
  v.etag = FormValue(form, "etag");
  return v;
}

ParsedProfileForm ParseProfileForm(const ProfileFormValues& v) {
  ParsedProfileForm parsed;
  cadre::v1::Profile& p = parsed.profile;
  std::vector<FormError>& errors = parsed.errors;
  p.set_display_name(Trimmed(v.display_name));
  if (p.display_name().empty()) errors.push_back({"display_name", "Enter your name"});
  ParseDateOfBirth(v, &parsed);
  p.set_region(RegionFromSlug(v.region));
  if (p.region() == cadre::v1::REGION_UNSPECIFIED) {
    errors.push_back({"region", "Select the region you live in"});
  }
  ParseTagField(v.lived_experience, "lived_experience", p.mutable_lived_experience(), &errors);
  ParseTagField(v.skills, "skills", p.mutable_skills(), &errors);
  ParseTagField(v.expertise, "expertise", p.mutable_expertise(), &errors);
  int hours = 0, roles = 0;
  ParseNumber(v.hours, 0, kProfileMaxHours, "availability_hours_per_month", "Hours a month", &hours,
              &errors);
  p.set_availability_hours_per_month(hours);
  ParseNumber(v.max_roles, 1, kProfileMaxRoles, "max_concurrent_roles", "Roles at once", &roles,
              &errors);
  p.set_max_concurrent_roles(roles);
  ParseTagField(v.access_needs, "access_needs", p.mutable_access_needs(), &errors);
  p.set_access_needs_note(std::string(absl::StripTrailingAsciiWhitespace(v.access_needs_note)));
  p.set_attendance(AttendanceFromSlug(v.attendance));
  if (p.attendance() == cadre::v1::ATTENDANCE_MODE_UNSPECIFIED) {
    errors.push_back({"attendance", "Select how you want to take part"});
  }
  ParseInterests(v, &parsed);
  parsed.role_suggestions = v.role_suggestions;
  return parsed;
}

const std::vector<std::string>& ProfileFormMaskPaths() {
  // The form edits every field of Profile: the paths are its fields, so a field added to
  // the proto cannot be left out of the mask.
  static const std::vector<std::string> kPaths = [] {
    std::vector<std::string> paths;
    const google::protobuf::Descriptor* profile = cadre::v1::Profile::descriptor();
    for (int i = 0; i < profile->field_count(); ++i) paths.push_back(profile->field(i)->name());
    return paths;
  }();
  return kPaths;
}

std::string ProfileFormFieldOf(absl::string_view upstream_field, const ParsedProfileForm& parsed) {
  if (absl::StartsWith(upstream_field, "consent")) return "role_suggestions";
  absl::string_view field = upstream_field;
  if (!absl::ConsumePrefix(&field, "profile.")) return "";
  if (absl::ConsumePrefix(&field, "declared_interests")) {
    size_t index = 0;
    absl::string_view rest = field;
    if (!absl::ConsumePrefix(&rest, "["))
      return parsed.interest_rows.empty() ? "" : "interest-0-body";
    const size_t close = rest.find(']');
    if (close == absl::string_view::npos || !absl::SimpleAtoi(rest.substr(0, close), &index) ||
        index >= parsed.interest_rows.size()) {
      return "";
    }
    rest.remove_prefix(close + 1);
    const int row = parsed.interest_rows[index];
    if (rest == ".kind") return RowField(row, "kind");
    if (rest == ".note") return RowField(row, "note");
    return RowField(row, "body");
  }
  field = field.substr(0, field.find('['));  // a tag list's item: the list's field
  if (field == "date_of_birth") return "date_of_birth-day";
  const std::vector<std::string>& paths = ProfileFormMaskPaths();
  if (std::find(paths.begin(), paths.end(), field) != paths.end()) return std::string(field);
  return "";
}

std::string ProfileFormLabelOf(absl::string_view form_field) {
  static const std::map<std::string, std::string, std::less<>> kLabels = {
      {"display_name", "Your name"},
      {"date_of_birth-day", "Date of birth"},
      {"date_of_birth-month", "Date of birth"},
      {"date_of_birth-year", "Date of birth"},
      {"region", "Region"},
      {"lived_experience", "Lived experience"},
      {"skills", "Skills"},
      {"expertise", "Expertise"},
      {"availability_hours_per_month", "Hours a month"},
      {"max_concurrent_roles", "Roles at once"},
      {"access_needs", "Access needs"},
      {"access_needs_note", "Access needs in your own words"},
      {"attendance", "How you want to take part"},
      {"role_suggestions", "Role suggestions"},
  };
  if (const auto it = kLabels.find(form_field); it != kLabels.end()) return it->second;
  if (absl::EndsWith(form_field, "-body")) return "Organisation code";
  if (absl::EndsWith(form_field, "-kind")) return "Kind of interest";
  if (absl::EndsWith(form_field, "-note")) return "Note about the interest";
  return "Your profile";
}

}  // namespace cadre::gateway
