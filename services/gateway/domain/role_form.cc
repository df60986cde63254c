#include "services/gateway/domain/role_form.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/common/base/credential_names.h"
#include "services/common/base/time_proto.h"
#include "services/gateway/domain/labels.h"

namespace cadre::gateway {
namespace {

using cadre::v1::Role;

std::string FormValue(const std::multimap<std::string, std::string>& form,
                      const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

// Browsers send a textarea's line breaks as CRLF; the registry counts characters.
std::string TextArea(const std::multimap<std::string, std::string>& form, const std::string& name) {
  return absl::StrReplaceAll(FormValue(form, name), {{"\r\n", "\n"}});
}

std::string Token(const std::multimap<std::string, std::string>& form, const std::string& name) {
  std::string value = FormValue(form, name);
  return value.size() <= kRoleMaxTokenBytes ? value : "";
}

std::string Trimmed(absl::string_view s) { return std::string(absl::StripAsciiWhitespace(s)); }

const absl::TimeZone& London() {
  static const absl::TimeZone* const zone = [] {
    auto* z = new absl::TimeZone;
    if (!absl::LoadTimeZone("Europe/London", z)) *z = absl::UTCTimeZone();
    return z;
  }();
  return *zone;
}

// A whole number typed into a field; false for anything else ("", "4.5", "ten").
bool ParseWhole(absl::string_view typed, int* out) {
  const std::string t = Trimmed(typed);
  if (t.empty() || t.size() > 6 || !std::all_of(t.begin(), t.end(), absl::ascii_isdigit)) {
    return false;
  }
  return absl::SimpleAtoi(t, out);
}

// A number field: blank reads as `blank` when `blank` is at least `min`, else it is an
// error like any number outside min..max.
int ParseNumber(absl::string_view typed, int min, int max, int blank, const std::string& field,
                std::vector<FormError>* errors) {
  int n = 0;
  if (Trimmed(typed).empty() && blank >= min) return blank;
  if (!ParseWhole(typed, &n) || n < min || n > max) {
    errors->push_back({field, absl::StrCat(RoleFormLabelOf(field), " must be a whole number from ",
                                           min, " to ", max)});
    return 0;
  }
  return n;
}

void CheckLength(const std::string& text, int min, int max, const std::string& field,
                 std::vector<FormError>* errors) {
  const int n = CharacterCount(text);
  if (min > 0 && n == 0) {
    errors->push_back(
        {field, absl::StrCat("Enter the ", absl::AsciiStrToLower(RoleFormLabelOf(field)))});
  } else if (n < min || n > max) {
    errors->push_back({field, min > 0 ? absl::StrCat(RoleFormLabelOf(field), " must be ", min,
                                                     " to ", max, " characters")
                                      : absl::StrCat(RoleFormLabelOf(field), " must be ", max,
                                                     " characters or fewer")});
  }
}

void ParseTagField(absl::string_view typed, const std::string& field,
                   google::protobuf::RepeatedPtrField<std::string>* out,
                   std::vector<FormError>* errors) {
  ParsedTags tags = ParseTags(typed, RoleFormLabelOf(field));
  if (!tags.error.empty()) {
    errors->push_back({field, std::move(tags.error)});
    return;
  }
  for (std::string& tag : tags.tags) out->Add(std::move(tag));
}

// "15", "15.5", "£15.50" → pence; false for anything else.
bool ParsePence(absl::string_view typed, int* pence) {
  std::string t = Trimmed(typed);
  absl::string_view v = t;
  absl::ConsumePrefix(&v, "\xC2\xA3");  // "£"
  const std::vector<absl::string_view> parts = absl::StrSplit(v, '.');
  if (parts.empty() || parts.size() > 2 || parts[0].empty() || parts[0].size() > 4) return false;
  int pounds = 0, fraction = 0;
  if (!std::all_of(parts[0].begin(), parts[0].end(), absl::ascii_isdigit) ||
      !absl::SimpleAtoi(parts[0], &pounds)) {
    return false;
  }
  if (parts.size() == 2) {
    const absl::string_view p = parts[1];
    if (p.empty() || p.size() > 2 || !std::all_of(p.begin(), p.end(), absl::ascii_isdigit) ||
        !absl::SimpleAtoi(p, &fraction)) {
      return false;
    }
    if (p.size() == 1) fraction *= 10;
  }
  *pence = pounds * 100 + fraction;
  return true;
}

void ParseSupport(const RoleFormValues& v, Role* role, std::vector<FormError>* errors) {
  cadre::v1::SupportOffered* support = role->mutable_support();
  ParseTagField(v.access_support, "access_support", support->mutable_access_support(), errors);
  support->set_expenses_paid(v.expenses_paid);
  support->set_payment(PaymentFromSlug(v.payment));
  if (support->payment() == cadre::v1::PAYMENT_KIND_UNSPECIFIED) {
    errors->push_back({"payment", "Select whether the role is paid"});
  }
  // The rate belongs to an involvement payment only; one typed before choosing another
  // kind of payment is not sent.
  if (support->payment() != cadre::v1::PAYMENT_KIND_INVOLVEMENT) return;
  int pence = 0;
  if (Trimmed(v.rate).empty()) {
    errors->push_back({"rate", "Enter the involvement payment's rate an hour"});
  } else if (!ParsePence(v.rate, &pence) || pence < 1 || pence > kRoleMaxRatePence) {
    errors->push_back(
        {"rate", absl::StrCat("Rate an hour must be an amount in pounds from 0.01 to ",
                              PoundsOf(kRoleMaxRatePence), ", for example 15.50")});
  } else {
    support->set_rate_pence_per_hour(pence);
  }
}

void ParseCredentials(const RoleFormValues& v, Role* role, std::vector<FormError>* errors) {
  std::vector<std::string> names;
  if (!v.dbs.empty()) {
    if (DbsLevel(v.dbs) == 0) {
      errors->push_back({"dbs", "Select a DBS check from the list"});
    } else {
      names.push_back(v.dbs);
    }
  }
  for (absl::string_view piece : absl::StrSplit(v.other_credentials, ',')) {
    const std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(piece));
    if (name.empty()) continue;
    if (!IsCredentialName(name)) {
      errors->push_back(
          {"other_credentials",
           absl::StrCat("Other credentials: \"", name,
                        "\" must be a training module (modules/ followed by its id) or an "
                        "accreditation of 3 to 40 letters a to z, numbers and hyphens")});
      return;
    }
    names.push_back(name);
  }
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!seen.insert(name).second) continue;  // a repeat is said once
    role->add_required_credentials(name);
  }
  if (role->required_credentials_size() > kRoleMaxCredentials) {
    errors->push_back({"other_credentials", absl::StrCat("A role can require at most ",
                                                         kRoleMaxCredentials, " credentials")});
  }
}

void ParseClosing(const RoleFormValues& v, Role* role, std::vector<FormError>* errors) {
  const std::string day = Trimmed(v.closing_day);
  const std::string month = Trimmed(v.closing_month);
  const std::string year = Trimmed(v.closing_year);
  if (day.empty() && month.empty() && year.empty()) {
    errors->push_back({"closing-day", "Enter the closing date"});
    return;
  }
  int d = 0, m = 0, y = 0;
  const bool day_ok = ParseWhole(day, &d) && d >= 1 && d <= 31;
  const bool month_ok = ParseWhole(month, &m) && m >= 1 && m <= 12;
  const bool year_ok = ParseWhole(year, &y) && y >= kRoleMinClosingYear && y <= kRoleMaxClosingYear;
  const absl::CivilDay civil(y, m, d);
  if (!day_ok || !month_ok || !year_ok || civil.day() != d || civil.month() != m) {
    const std::string field = !day_ok     ? "closing-day"
                              : !month_ok ? "closing-month"
                              : !year_ok  ? "closing-year"
                                          : "closing-day";
    errors->push_back(
        {field, "Closing date must be a real date, for example 31 3 2027 (the year in 4 digits)"});
    return;
  }
  int hour = 23, minute = 59;
  const std::string time = absl::StrReplaceAll(Trimmed(v.closing_time), {{".", ":"}});
  if (!time.empty()) {
    const std::vector<std::string> parts = absl::StrSplit(time, ':');
    if (parts.size() != 2 || parts[1].size() != 2 || !ParseWhole(parts[0], &hour) ||
        !ParseWhole(parts[1], &minute) || hour > 23 || minute > 59) {
      errors->push_back(
          {"closing-time", "Closing time must be a time on the 24-hour clock, for example 17:00"});
      return;
    }
  }
  const absl::Time at = absl::FromCivil(absl::CivilMinute(y, m, d, hour, minute), London());
  *role->mutable_closing_time() = ToTimestamp(at);
}

}  // namespace

RoleFormValues RoleFormValuesOf(const Role& role) {
  RoleFormValues v;
  v.title = role.title();
  v.summary = role.summary();
  v.role_type = role.role_type();
  v.level = role.level() == cadre::v1::INVOLVEMENT_LEVEL_UNSPECIFIED
                ? ""
                : absl::StrCat(static_cast<int>(role.level()));
  v.rung = RungSlug(role.rung());
  const cadre::v1::TimeCommitment& time = role.time_commitment();
  v.hours_per_month = absl::StrCat(time.hours_per_month());
  v.duration_months = absl::StrCat(time.duration_months());
  v.pattern = time.pattern();
  v.expertise_sought = JoinTags(role.expertise_sought());
  v.topics = JoinTags(role.topics());
  v.lived_experience_sought = role.lived_experience_sought();
  v.region = role.location().region() == cadre::v1::REGION_UNSPECIFIED
                 ? ""
                 : RegionSlug(role.location().region());
  v.attendance = AttendanceSlug(role.location().mode());
  v.place = role.location().place();
  v.access_support = JoinTags(role.support().access_support());
  v.expenses_paid = role.support().expenses_paid();
  v.payment = PaymentSlug(role.support().payment());
  v.rate = PoundsOf(role.support().rate_pence_per_hour());
  std::vector<std::string> others;
  for (const std::string& name : role.required_credentials()) {
    if (v.dbs.empty() && DbsLevel(name) > 0) {
      v.dbs = name;
    } else {
      others.push_back(name);
    }
  }
  v.other_credentials = absl::StrJoin(others, ", ");
  v.minimum_age = role.minimum_age() == 0 ? "" : absl::StrCat(role.minimum_age());
  v.places = absl::StrCat(role.places());
  if (role.has_closing_time()) {
    const absl::CivilMinute at = absl::ToCivilMinute(FromTimestamp(role.closing_time()), London());
    v.closing_day = absl::StrCat(at.day());
    v.closing_month = absl::StrCat(at.month());
    v.closing_year = absl::StrCat(at.year());
    v.closing_time = absl::StrFormat("%02d:%02d", at.hour(), at.minute());
  }
  v.etag = role.etag();
  return v;
}

RoleFormValues RoleFormValuesFromForm(const std::multimap<std::string, std::string>& form) {
  RoleFormValues v;
  v.title = FormValue(form, "title");
  v.summary = TextArea(form, "summary");
  v.role_type = FormValue(form, "role_type");
  v.level = FormValue(form, "level");
  v.rung = FormValue(form, "rung");
  v.hours_per_month = FormValue(form, "hours_per_month");
  v.duration_months = FormValue(form, "duration_months");
  v.pattern = FormValue(form, "pattern");
  v.expertise_sought = FormValue(form, "expertise_sought");
  v.topics = FormValue(form, "topics");
  v.lived_experience_sought = TextArea(form, "lived_experience_sought");
  v.region = FormValue(form, "region");
  v.attendance = FormValue(form, "attendance");
  v.place = FormValue(form, "place");
  v.access_support = FormValue(form, "access_support");
  v.expenses_paid = FormValue(form, "expenses_paid") == "yes";
  v.payment = FormValue(form, "payment");
  v.rate = FormValue(form, "rate");
  v.dbs = FormValue(form, "dbs");
  v.other_credentials = FormValue(form, "other_credentials");
  v.minimum_age = FormValue(form, "minimum_age");
  v.places = FormValue(form, "places");
  v.closing_day = FormValue(form, "closing-day");
  v.closing_month = FormValue(form, "closing-month");
  v.closing_year = FormValue(form, "closing-year");
  v.closing_time = FormValue(form, "closing-time");
  v.etag = Token(form, "etag");
  v.request_id = Token(form, "request_id");
  return v;
}

ParsedRoleForm ParseRoleForm(const RoleFormValues& v) {
  ParsedRoleForm parsed;
  Role& role = parsed.role;
  std::vector<FormError>& errors = parsed.errors;
  role.set_title(Trimmed(v.title));
  CheckLength(role.title(), kRoleMinTitle, kRoleMaxTitle, "title", &errors);
  role.set_summary(std::string(absl::StripTrailingAsciiWhitespace(v.summary)));
  CheckLength(role.summary(), 0, kRoleMaxSummary, "summary", &errors);
  role.set_role_type(Trimmed(v.role_type));
  int level = 0;
  if (!ParseWhole(v.level, &level) || !cadre::v1::InvolvementLevel_IsValid(level) || level == 0) {
    errors.push_back({"level", "Select the involvement level"});
  } else {
    role.set_level(static_cast<cadre::v1::InvolvementLevel>(level));
  }
  role.set_rung(RungFromSlug(v.rung));
  if (role.rung() == cadre::v1::ENGAGEMENT_RUNG_UNSPECIFIED) {
    errors.push_back({"rung", "Select how much say the role has"});
  }
  cadre::v1::TimeCommitment* time = role.mutable_time_commitment();
  time->set_hours_per_month(
      ParseNumber(v.hours_per_month, 0, kRoleMaxHours, 0, "hours_per_month", &errors));
  time->set_duration_months(
      ParseNumber(v.duration_months, 0, kRoleMaxDurationMonths, 0, "duration_months", &errors));
  time->set_pattern(Trimmed(v.pattern));
  CheckLength(time->pattern(), 0, kRoleMaxPattern, "pattern", &errors);
  ParseTagField(v.expertise_sought, "expertise_sought", role.mutable_expertise_sought(), &errors);
  ParseTagField(v.topics, "topics", role.mutable_topics(), &errors);
  role.set_lived_experience_sought(
      std::string(absl::StripTrailingAsciiWhitespace(v.lived_experience_sought)));
  CheckLength(role.lived_experience_sought(), 0, kRoleMaxLivedExperience, "lived_experience_sought",
              &errors);
  cadre::v1::Location* where = role.mutable_location();
  where->set_region(RegionFromSlug(v.region));
  if (where->region() == cadre::v1::REGION_UNSPECIFIED) {
    errors.push_back({"region", "Select the region the role is in"});
  }
  where->set_mode(AttendanceFromSlug(v.attendance));
  if (where->mode() == cadre::v1::ATTENDANCE_MODE_UNSPECIFIED) {
    errors.push_back({"attendance", "Select where the work happens"});
  }
  where->set_place(Trimmed(v.place));
  CheckLength(where->place(), 0, kRoleMaxPlace, "place", &errors);
  ParseSupport(v, &role, &errors);
  ParseCredentials(v, &role, &errors);
  // Blank: no minimum age (0).
  if (!Trimmed(v.minimum_age).empty()) {
    role.set_minimum_age(ParseNumber(v.minimum_age, kRoleMinMinimumAge, kRoleMaxMinimumAge, -1,
                                     "minimum_age", &errors));
  }
  role.set_places(ParseNumber(v.places, 1, kRoleMaxPlaces, -1, "places", &errors));
  ParseClosing(v, &role, &errors);
  return parsed;
}

const std::vector<std::string>& RoleFormMaskPaths() {
  static const std::vector<std::string> kPaths = {
      "title",
      "summary",
      "role_type",
      "level",
      "rung",
      "time_commitment",
      "expertise_sought",
      "topics",
      "lived_experience_sought",
      "location",
      "support",
      "required_credentials",
      "minimum_age",
      "places",
      "closing_time",
  };
  return kPaths;
}

std::vector<std::string> ChangedRoleFields(const Role& before, const Role& after) {
  const google::protobuf::Descriptor* descriptor = Role::descriptor();
  const google::protobuf::Reflection* reflection = Role::GetReflection();
  std::vector<std::string> changed;
  for (const std::string& path : RoleFormMaskPaths()) {
    const google::protobuf::FieldDescriptor* field = descriptor->FindFieldByName(path);
    bool same = true;
    if (field->is_repeated()) {
      // Every repeated field the form edits is a list of strings.
      const int n = reflection->FieldSize(before, field);
      same = n == reflection->FieldSize(after, field);
      for (int i = 0; same && i < n; ++i) {
        same = reflection->GetRepeatedString(before, field, i) ==
               reflection->GetRepeatedString(after, field, i);
      }
    } else if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
      // Unset and set-but-empty are the same to the reader: compare the values.
      same = google::protobuf::util::MessageDifferencer::Equals(
          reflection->GetMessage(before, field), reflection->GetMessage(after, field));
    } else {
      switch (field->cpp_type()) {
        case google::protobuf::FieldDescriptor::CPPTYPE_STRING:
          same = reflection->GetString(before, field) == reflection->GetString(after, field);
          break;
        case google::protobuf::FieldDescriptor::CPPTYPE_ENUM:
          same = reflection->GetEnumValue(before, field) == reflection->GetEnumValue(after, field);
          break;
        case google::protobuf::FieldDescriptor::CPPTYPE_INT32:
          same = reflection->GetInt32(before, field) == reflection->GetInt32(after, field);
          break;
        default:
          same = false;  // a kind of field the form does not edit: send it
      }
    }
    if (!same) changed.push_back(path);
  }
  return changed;
}

}  // namespace cadre::gateway
