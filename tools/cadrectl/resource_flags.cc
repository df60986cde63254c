#include "tools/cadrectl/resource_flags.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/base/credential_names.h"
#include "services/common/base/status_macros.h"
#include "services/common/base/validation.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/paging.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// The update-mask path of each flag of RoleFieldFlags() but the time and location ones.
constexpr MaskPath kRoleMask[] = {
    {"title", "title"},
    {"summary", "summary"},
    {"level", "level"},
    {"rung", "rung"},
    {"expertise", "expertise_sought"},
    {"topics", "topics"},
    {"credentials", "required_credentials"},
    {"lived-experience", "lived_experience_sought"},
    {"places", "places"},
    {"minimum-age", "minimum_age"},
    {"closes", "closing_time"},
    {"payment", "support"},
    {"rate-pence", "support"},
    {"expenses", "support"},
    {"access-support", "support"},
    {"role-type", "role_type"},
};

// Tags are 1–40 characters of a-z, 0-9 and '-' (as the registry checks them); at most
// `max` of them.
constexpr size_t kMaxTagLength = 40;  // characters
absl::StatusOr<std::vector<std::string>> TagsFlag(const ParsedArgs& args, absl::string_view name,
                                                  int max) {
  std::vector<std::string> tags = ListFlag(args, name);
  if (static_cast<int>(tags.size()) > max) {
    return UsageError(absl::StrCat("--", name, ": at most ", max, " tags"));
  }
  for (const std::string& tag : tags) {
    if (!IsSlug(tag, 1, kMaxTagLength)) {
      return UsageError(absl::StrCat("--", name, ": '", tag,
                                     "' is not a tag (1-40 characters of a-z, 0-9 and '-')"));
    }
  }
  return tags;
}

// If flag `name` was given, replaces `field` with its credential names (at most `max`;
// services/common/base/credential_names.h says which names there are).
absl::Status OptionalCredentials(const ParsedArgs& args, absl::string_view name, int max,
                                 google::protobuf::RepeatedPtrField<std::string>* field) {
  if (!args.Has(name)) return absl::OkStatus();
  std::vector<std::string> names = ListFlag(args, name);
  if (static_cast<int>(names.size()) > max) {
    return UsageError(absl::StrCat("--", name, ": at most ", max, " credentials"));
  }
  for (const std::string& credential : names) {
    if (!IsCredentialName(credential)) {
      return UsageError(absl::StrCat("--", name, ": '", credential,
                                     "' is not a credential (dbs-basic, dbs-standard, "
                                     "dbs-enhanced, modules/ID or an accreditation slug)"));
    }
  }
  field->Clear();
  for (std::string& credential : names) field->Add(std::move(credential));
  return absl::OkStatus();
}

absl::Status ApplySupportFlags(const ParsedArgs& args, v1::SupportOffered* support) {
  using v1::SupportOffered;
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "payment", support, &SupportOffered::set_payment));
  CADRE_RETURN_IF_ERROR(OptionalInt(args, "rate-pence", 0, 100000, support,
                                    &SupportOffered::set_rate_pence_per_hour));
  if (args.Has("expenses")) {
    CADRE_ASSIGN_OR_RETURN(bool expenses, BoolFlag(args, "expenses"));
    support->set_expenses_paid(expenses);
  }
  return OptionalTags(args, "access-support", 20, support->mutable_access_support());
}

}  // namespace

absl::Status OptionalTags(const ParsedArgs& args, absl::string_view name, int max,
                          google::protobuf::RepeatedPtrField<std::string>* field) {
  if (!args.Has(name)) return absl::OkStatus();
  CADRE_ASSIGN_OR_RETURN(std::vector<std::string> tags, TagsFlag(args, name, max));
  field->Clear();
  for (std::string& tag : tags) field->Add(std::move(tag));
  return absl::OkStatus();
}

std::vector<std::string> GivenPaths(const ParsedArgs& args, absl::Span<const MaskPath> mask) {
  std::vector<std::string> paths;
  for (const MaskPath& entry : mask) {
    if (args.Has(entry.flag)) paths.emplace_back(entry.path);
  }
  return paths;
}

std::vector<FlagSpec> TimeFlags() {
  return {{"hours", "N", "hours a month, 0-200"},
          {"duration-months", "N", "length in months, 0-60 (0: one-off or open-ended)"},
          {"pattern", "TEXT", "e.g. \"one evening meeting a month\""}};
}

absl::Status ApplyTimeFlags(const ParsedArgs& args, v1::TimeCommitment* time) {
  using v1::TimeCommitment;
  CADRE_RETURN_IF_ERROR(
      OptionalInt(args, "hours", 0, 200, time, &TimeCommitment::set_hours_per_month));
  CADRE_RETURN_IF_ERROR(
      OptionalInt(args, "duration-months", 0, 60, time, &TimeCommitment::set_duration_months));
  if (args.Has("pattern")) time->set_pattern(args.Get("pattern"));
  return absl::OkStatus();
}

std::vector<FlagSpec> LocationFlags() {
  return {{"region", "REGION", "e.g. london, south-east, national"},
          {"mode", "MODE", "remote, in-person or hybrid"},
          {"place", "TEXT", "town or venue"}};
}

absl::Status ApplyLocationFlags(const ParsedArgs& args, v1::Location* location) {
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "region", location, &v1::Location::set_region));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "mode", location, &v1::Location::set_mode));
  if (args.Has("place")) location->set_place(args.Get("place"));
  return absl::OkStatus();
}

std::vector<FlagSpec> TimeAndLocationFlags() { return WithFlags(TimeFlags(), LocationFlags()); }

std::vector<FlagSpec> RoleFieldFlags() {
  return WithFlags(
      {
          {"title", "TEXT", "3-120 characters"},
          {"summary", "TEXT", "up to 2000 characters"},
          {"level", "1-4", "involvement level: 1 open engagement ... 4 senior strategic"},
          {"rung", "RUNG", "inform, consult, involve, collaborate or devolve"},
          {"expertise", "TAGS", "expertise sought, comma-separated tags"},
          {"topics", "TAGS", "conditions and services, comma-separated tags"},
          {"lived-experience", "TEXT", "the lived experience sought, in words"},
          {"credentials", "TAGS", "credentials a holder must have, comma-separated"},
          {"places", "N", "places, 1-100"},
          {"minimum-age", "YEARS", "youngest age a holder may be: 0 none, else 16-25"},
          {"closes", "DATE", "closing date (end of that day, UK time) or RFC 3339 time"},
          {"payment", "KIND", "none, involvement or salaried"},
          {"rate-pence", "N", "involvement payment in pence an hour, 0-100000"},
          {"expenses", "", "travel and other expenses are paid (--expenses=false: not)"},
          {"access-support", "TAGS", "access support offered, comma-separated tags"},
          {"role-type", "ROLE_TYPE", "entry of the menu, roleTypes/ID"},
      },
      TimeAndLocationFlags());
}

absl::Status ApplyRoleFlags(const ParsedArgs& args, v1::Role* role, std::set<std::string>* paths) {
  if (args.Has("title")) role->set_title(args.Get("title"));
  if (args.Has("summary")) role->set_summary(args.Get("summary"));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "level", role, &v1::Role::set_level));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "rung", role, &v1::Role::set_rung));
  CADRE_RETURN_IF_ERROR(ApplyTimeFlags(args, role->mutable_time_commitment()));
  CADRE_RETURN_IF_ERROR(ApplyLocationFlags(args, role->mutable_location()));
  CADRE_RETURN_IF_ERROR(OptionalTags(args, "expertise", 20, role->mutable_expertise_sought()));
  CADRE_RETURN_IF_ERROR(OptionalTags(args, "topics", 20, role->mutable_topics()));
  CADRE_RETURN_IF_ERROR(
      OptionalCredentials(args, "credentials", 10, role->mutable_required_credentials()));
  if (args.Has("lived-experience")) role->set_lived_experience_sought(args.Get("lived-experience"));
  CADRE_RETURN_IF_ERROR(OptionalInt(args, "places", 1, 100, role, &v1::Role::set_places));
  CADRE_RETURN_IF_ERROR(OptionalInt(args, "minimum-age", 0, 25, role, &v1::Role::set_minimum_age));
  if (args.Has("closes")) {
    CADRE_ASSIGN_OR_RETURN(absl::Time closes, TimeFlag(args, "closes", DateMeans::kEndOfDay));
    ToProto(closes, role->mutable_closing_time());
  }
  CADRE_RETURN_IF_ERROR(ApplySupportFlags(args, role->mutable_support()));
  if (args.Has("role-type")) {
    if (args.Get("role-type").empty()) {
      role->clear_role_type();  // --role-type= removes the link to the menu
    } else {
      CADRE_ASSIGN_OR_RETURN(*role->mutable_role_type(),
                             ResourceName("roleTypes", args.Get("role-type"), "--role-type"));
    }
  }
  for (std::string& path : GivenPaths(args, kRoleMask)) paths->insert(std::move(path));
  if (AnyGiven(args, TimeFlags())) paths->insert("time_commitment");
  if (AnyGiven(args, LocationFlags())) paths->insert("location");
  return absl::OkStatus();
}

bool NeedsCurrentRole(const std::set<std::string>& paths) {
  return paths.count("time_commitment") > 0 || paths.count("location") > 0 ||
         paths.count("support") > 0;
}

std::vector<FlagSpec> ListRolesFlags() {
  return WithFlags(
      {
          {"body", "BODY", "only this body's roles, bodies/CODE"},
          {"body-kind", "KIND", "only bodies of this kind, e.g. trust, icb, local-healthwatch"},
          {"level", "1-4", "involvement level"},
          {"rung", "RUNG", "inform, consult, involve, collaborate or devolve"},
          {"region", "REGION", "e.g. london, south-east, national"},
          {"remote", "", "only roles that can be done remotely (remote or hybrid)"},
          {"in-person", "", "only roles done in person"},
          {"max-hours", "N", "at most N hours a month, 0-200"},
          {"topic", "TAG", "roles about this topic"},
          {"expertise", "TAG", "roles seeking this expertise"},
          {"state", "STATE", "draft, open, closed, filled or cancelled (default open)"},
          {"closing-after", "DATE", "closing after this date (start of day) or RFC 3339 time"},
          {"query", "WORDS", "words that must all appear in the title or summary"},
      },
      PagingFlags(100));
}

absl::Status ApplyListRolesFlags(const ParsedArgs& args, v1::ListRolesRequest* request) {
  using v1::ListRolesRequest;
  if (args.Has("body")) {
    CADRE_ASSIGN_OR_RETURN(*request->mutable_body(),
                           ResourceName("bodies", args.Get("body"), "--body"));
  }
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "body-kind", request, &ListRolesRequest::set_body_kind));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "level", request, &ListRolesRequest::set_level));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "rung", request, &ListRolesRequest::set_rung));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "region", request, &ListRolesRequest::set_region));
  if (args.Has("remote") && args.Has("in-person")) {
    return UsageError("--remote: give --remote or --in-person, not both");
  }
  for (absl::string_view flag : {"remote", "in-person"}) {
    if (!args.Has(flag)) continue;
    CADRE_ASSIGN_OR_RETURN(bool yes, BoolFlag(args, flag));
    request->set_remote(flag == "remote" ? yes : !yes);
  }
  CADRE_RETURN_IF_ERROR(
      OptionalInt(args, "max-hours", 0, 200, request, &ListRolesRequest::set_max_hours_per_month));
  if (args.Has("topic")) request->set_topic(args.Get("topic"));
  if (args.Has("expertise")) request->set_expertise(args.Get("expertise"));
  CADRE_RETURN_IF_ERROR(OptionalEnum(args, "state", request, &ListRolesRequest::set_state));
  if (args.Has("closing-after")) {
    CADRE_ASSIGN_OR_RETURN(absl::Time after,
                           TimeFlag(args, "closing-after", DateMeans::kStartOfDay));
    ToProto(after, request->mutable_closing_after());
  }
  // Words given as operands (`roles search dementia finance`) join --query.
  std::vector<std::string> words = args.positionals;
  if (args.Has("query")) words.insert(words.begin(), args.Get("query"));
  request->set_query(absl::StrJoin(words, " "));
  return ReadPaging(args, 100, request);
}

}  // namespace cadre::cadrectl
