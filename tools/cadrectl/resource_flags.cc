#include "tools/cadrectl/resource_flags.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

// Tags are 1–40 characters of a-z, 0-9 and '-'; at most `max` of them.
absl::StatusOr<std::vector<std::string>> TagsFlag(const ParsedArgs& args, absl::string_view name,
                                                  int max) {
  std::vector<std::string> tags = ListFlag(args, name);
  if (static_cast<int>(tags.size()) > max) {
    return UsageError(absl::StrCat("--", name, ": at most ", max, " tags"));
  }
  for (const std::string& tag : tags) {
    bool ok = !tag.empty() && tag.size() <= 40;
    for (char c : tag) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    if (!ok) {
      return UsageError(absl::StrCat("--", name, ": '", tag,
                                     "' is not a tag (1-40 characters of a-z, 0-9 and '-')"));
    }
  }
  return tags;
}

template <typename Field>
void SetTags(const std::vector<std::string>& tags, Field* field) {
  field->Clear();
  for (const std::string& tag : tags) field->Add(std::string(tag));
}

}  // namespace

std::vector<FlagSpec> TimeFlags() {
  return {{"hours", "N", "hours a month, 0-200"},
          {"duration-months", "N", "length in months, 0-60 (0: one-off or open-ended)"},
          {"pattern", "TEXT", "e.g. \"one evening meeting a month\""}};
}

absl::Status ApplyTimeFlags(const ParsedArgs& args, v1::TimeCommitment* time, bool* changed) {
  if (args.Has("hours")) {
    CADRE_ASSIGN_OR_RETURN(int hours, IntFlag(args, "hours", 0, 200));
    time->set_hours_per_month(hours);
    *changed = true;
  }
  if (args.Has("duration-months")) {
    CADRE_ASSIGN_OR_RETURN(int months, IntFlag(args, "duration-months", 0, 60));
    time->set_duration_months(months);
    *changed = true;
  }
  if (args.Has("pattern")) {
    time->set_pattern(args.Get("pattern"));
    *changed = true;
  }
  return absl::OkStatus();
}

std::vector<FlagSpec> LocationFlags() {
  return {{"region", "REGION", "e.g. london, south-east, national"},
          {"mode", "MODE", "remote, in-person or hybrid"},
          {"place", "TEXT", "town or venue"}};
}

absl::Status ApplyLocationFlags(const ParsedArgs& args, v1::Location* location, bool* changed) {
  if (args.Has("region")) {
    CADRE_ASSIGN_OR_RETURN(v1::Region region, EnumFlag<v1::Region>(args, "region"));
    location->set_region(region);
    *changed = true;
  }
  if (args.Has("mode")) {
    CADRE_ASSIGN_OR_RETURN(v1::AttendanceMode mode, EnumFlag<v1::AttendanceMode>(args, "mode"));
    location->set_mode(mode);
    *changed = true;
  }
  if (args.Has("place")) {
    location->set_place(args.Get("place"));
    *changed = true;
  }
  return absl::OkStatus();
}

std::vector<FlagSpec> RoleFieldFlags() {
  std::vector<FlagSpec> flags = {
      {"title", "TEXT", "3-120 characters"},
      {"summary", "TEXT", "up to 2000 characters"},
      {"level", "1-4", "involvement level: 1 open engagement ... 4 senior strategic"},
      {"rung", "RUNG", "inform, consult, involve, collaborate or devolve"},
      {"expertise", "TAGS", "expertise sought, comma-separated tags"},
      {"topics", "TAGS", "conditions and services, comma-separated tags"},
      {"lived-experience", "TEXT", "the lived experience sought, in words"},
      {"credentials", "TAGS", "credentials a holder must have, comma-separated"},
      {"places", "N", "places, 1-100"},
      {"closes", "DATE", "closing date (end of that day, UK time) or RFC 3339 time"},
      {"payment", "KIND", "none, involvement or salaried"},
      {"rate-pence", "N", "involvement payment in pence an hour, 0-100000"},
      {"expenses", "", "travel and other expenses are paid (--expenses=false: not)"},
      {"access-support", "TAGS", "access support offered, comma-separated tags"},
      {"role-type", "ROLE_TYPE", "entry of the menu, roleTypes/ID"},
  };
  for (auto group : {TimeFlags(), LocationFlags()}) {
    flags.insert(flags.end(), group.begin(), group.end());
  }
  return flags;
}

absl::Status ApplyRoleFlags(const ParsedArgs& args, v1::Role* role, std::set<std::string>* paths) {
  if (args.Has("title")) {
    role->set_title(args.Get("title"));
    paths->insert("title");
  }
  if (args.Has("summary")) {
    role->set_summary(args.Get("summary"));
    paths->insert("summary");
  }
  if (args.Has("level")) {
    CADRE_ASSIGN_OR_RETURN(auto level, EnumFlag<v1::InvolvementLevel>(args, "level"));
    role->set_level(level);
    paths->insert("level");
  }
  if (args.Has("rung")) {
    CADRE_ASSIGN_OR_RETURN(auto rung, EnumFlag<v1::EngagementRung>(args, "rung"));
    role->set_rung(rung);
    paths->insert("rung");
  }
  bool changed = false;
  CADRE_RETURN_IF_ERROR(ApplyTimeFlags(args, role->mutable_time_commitment(), &changed));
  if (changed) paths->insert("time_commitment");
  changed = false;
  CADRE_RETURN_IF_ERROR(ApplyLocationFlags(args, role->mutable_location(), &changed));
  if (changed) paths->insert("location");
  struct TagField {
    absl::string_view flag;
    absl::string_view path;
    int max;
    google::protobuf::RepeatedPtrField<std::string>* field;
  };
  for (const TagField& tags :
       {TagField{"expertise", "expertise_sought", 20, role->mutable_expertise_sought()},
        TagField{"topics", "topics", 20, role->mutable_topics()},
        TagField{"credentials", "required_credentials", 10,
                 role->mutable_required_credentials()}}) {
    if (!args.Has(tags.flag)) continue;
    CADRE_ASSIGN_OR_RETURN(auto values, TagsFlag(args, tags.flag, tags.max));
    SetTags(values, tags.field);
    paths->insert(std::string(tags.path));
  }
  if (args.Has("lived-experience")) {
    role->set_lived_experience_sought(args.Get("lived-experience"));
    paths->insert("lived_experience_sought");
  }
  if (args.Has("places")) {
    CADRE_ASSIGN_OR_RETURN(int places, IntFlag(args, "places", 1, 100));
    role->set_places(places);
    paths->insert("places");
  }
  if (args.Has("closes")) {
    CADRE_ASSIGN_OR_RETURN(absl::Time closes, TimeFlag(args, "closes", DateMeans::kEndOfDay));
    ToProto(closes, role->mutable_closing_time());
    paths->insert("closing_time");
  }
  v1::SupportOffered* support = role->mutable_support();
  if (args.Has("payment")) {
    CADRE_ASSIGN_OR_RETURN(auto payment, EnumFlag<v1::PaymentKind>(args, "payment"));
    support->set_payment(payment);
    paths->insert("support");
  }
  if (args.Has("rate-pence")) {
    CADRE_ASSIGN_OR_RETURN(int rate, IntFlag(args, "rate-pence", 0, 100000));
    support->set_rate_pence_per_hour(rate);
    paths->insert("support");
  }
  if (args.Has("expenses")) {
    CADRE_ASSIGN_OR_RETURN(bool expenses, BoolFlag(args, "expenses"));
    support->set_expenses_paid(expenses);
    paths->insert("support");
  }
  if (args.Has("access-support")) {
    CADRE_ASSIGN_OR_RETURN(auto tags, TagsFlag(args, "access-support", 20));
    SetTags(tags, support->mutable_access_support());
    paths->insert("support");
  }
  if (args.Has("role-type")) {
    if (args.Get("role-type").empty()) {
      role->clear_role_type();  // --role-type= removes the link to the menu
    } else {
      CADRE_ASSIGN_OR_RETURN(*role->mutable_role_type(),
                             ResourceName("roleTypes", args.Get("role-type"), "--role-type"));
    }
    paths->insert("role_type");
  }
  return absl::OkStatus();
}

bool NeedsCurrentRole(const std::set<std::string>& paths) {
  return paths.count("time_commitment") > 0 || paths.count("location") > 0 ||
         paths.count("support") > 0;
}

std::vector<FlagSpec> ListRolesFlags() {
  std::vector<FlagSpec> flags = {
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
  };
  for (const FlagSpec& flag : PagingFlags(100)) flags.push_back(flag);
  return flags;
}

absl::Status ApplyListRolesFlags(const ParsedArgs& args, v1::ListRolesRequest* request) {
  if (args.Has("body")) {
    CADRE_ASSIGN_OR_RETURN(*request->mutable_body(),
                           ResourceName("bodies", args.Get("body"), "--body"));
  }
  if (args.Has("body-kind")) {
    CADRE_ASSIGN_OR_RETURN(auto kind, EnumFlag<v1::BodyKind>(args, "body-kind"));
    request->set_body_kind(kind);
  }
  if (args.Has("level")) {
    CADRE_ASSIGN_OR_RETURN(auto level, EnumFlag<v1::InvolvementLevel>(args, "level"));
    request->set_level(level);
  }
  if (args.Has("rung")) {
    CADRE_ASSIGN_OR_RETURN(auto rung, EnumFlag<v1::EngagementRung>(args, "rung"));
    request->set_rung(rung);
  }
  if (args.Has("region")) {
    CADRE_ASSIGN_OR_RETURN(auto region, EnumFlag<v1::Region>(args, "region"));
    request->set_region(region);
  }
  if (args.Has("remote") && args.Has("in-person")) {
    return UsageError("--remote: give --remote or --in-person, not both");
  }
  for (absl::string_view flag : {"remote", "in-person"}) {
    if (!args.Has(flag)) continue;
    CADRE_ASSIGN_OR_RETURN(bool yes, BoolFlag(args, flag));
    request->set_remote(flag == "remote" ? yes : !yes);
  }
  if (args.Has("max-hours")) {
    CADRE_ASSIGN_OR_RETURN(int hours, IntFlag(args, "max-hours", 0, 200));
    request->set_max_hours_per_month(hours);
  }
  if (args.Has("topic")) request->set_topic(args.Get("topic"));
  if (args.Has("expertise")) request->set_expertise(args.Get("expertise"));
  if (args.Has("state")) {
    CADRE_ASSIGN_OR_RETURN(auto state, EnumFlag<v1::RoleState>(args, "state"));
    request->set_state(state);
  }
  if (args.Has("closing-after")) {
    CADRE_ASSIGN_OR_RETURN(absl::Time after,
                           TimeFlag(args, "closing-after", DateMeans::kStartOfDay));
    ToProto(after, request->mutable_closing_after());
  }
  // Words given as operands (`roles search dementia finance`) join --query.
  std::vector<std::string> words = args.positionals;
  if (args.Has("query")) words.insert(words.begin(), args.Get("query"));
  request->set_query(absl::StrJoin(words, " "));
  if (args.Has("page-size")) {
    CADRE_ASSIGN_OR_RETURN(int size, IntFlag(args, "page-size", 1, 100));
    request->set_page_size(size);
  }
  if (args.Has("page-token")) request->set_page_token(args.Get("page-token"));
  return absl::OkStatus();
}

std::vector<FlagSpec> PagingFlags(int max) {
  return {{"page-size", "N", max == 100 ? "results a page, 1-100" : "results a page, 1-200"},
          {"page-token", "TOKEN", "the page after a previous call's"},
          {"all", "", "follow next_page_token to the last page"}};
}

}  // namespace cadre::cadrectl
