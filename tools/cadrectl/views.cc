#include "tools/cadrectl/views.h"

#include "absl/strings/str_cat.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/times.h"

namespace cadre::cadrectl {

std::string LevelText(cadre::v1::InvolvementLevel level) {
  // NHS England's four categories of patient and public voice involvement.
  switch (level) {
    case cadre::v1::INVOLVEMENT_LEVEL_1:
      return "1 (open engagement)";
    case cadre::v1::INVOLVEMENT_LEVEL_2:
      return "2 (one-off workshop or focus group)";
    case cadre::v1::INVOLVEMENT_LEVEL_3:
      return "3 (regular working group)";
    case cadre::v1::INVOLVEMENT_LEVEL_4:
      return "4 (senior strategic role)";
    default:
      return Label(level);
  }
}

std::string TimeText(const cadre::v1::TimeCommitment& time) {
  std::string text;
  if (time.hours_per_month() > 0) absl::StrAppend(&text, time.hours_per_month(), " h/month");
  if (time.duration_months() > 0) {
    absl::StrAppend(&text, text.empty() ? "" : " ", "for ", time.duration_months(),
                    time.duration_months() == 1 ? " month" : " months");
  }
  if (!time.pattern().empty()) {
    absl::StrAppend(&text, text.empty() ? time.pattern() : absl::StrCat(" (", time.pattern(), ")"));
  }
  return text;
}

std::string LocationText(const cadre::v1::Location& location) {
  std::string text = Label(location.mode());
  const std::string region = Label(location.region());
  if (!region.empty()) absl::StrAppend(&text, text.empty() ? "" : ", ", region);
  if (!location.place().empty()) absl::StrAppend(&text, " (", location.place(), ")");
  return text;
}

void PrintNextPage(const std::string& next_page_token, std::ostream& out,
                   const std::string& previous_page_token) {
  if (next_page_token.empty() && previous_page_token.empty()) return;
  out << "\n";
  if (!next_page_token.empty()) out << "more: --page-token " << next_page_token << " (or --all)\n";
  if (!previous_page_token.empty()) out << "back: --page-token " << previous_page_token << "\n";
}

void PrintBody(const cadre::v1::Body& body, std::ostream& out) {
  Fields fields;
  fields.Add("name", body.name());
  fields.Add("display name", body.display_name());
  fields.Add("ods code", body.cadre_issued_code() ? "" : body.ods_code());
  fields.Add("cadre code", body.cadre_issued_code() ? body.ods_code() : "");
  fields.Add("kind", Label(body.kind()));
  fields.Add("region", Label(body.region()));
  fields.Add("website", body.website());
  fields.Add("contact email", body.contact_email());
  fields.Add("description", body.description());
  fields.Add("created", FormatTimestamp(body.create_time()));
  fields.Add("updated", FormatTimestamp(body.update_time()));
  fields.Add("etag", body.etag());
  fields.Print(out);
}

void PrintBodies(const Repeated<cadre::v1::Body>& bodies, std::ostream& out) {
  if (bodies.empty()) {
    out << "no bodies\n";
    return;
  }
  Table table({"NAME", "DISPLAY NAME", "KIND", "REGION"});
  for (const cadre::v1::Body& body : bodies) {
    table.AddRow({body.name(), body.display_name(), Label(body.kind()), Label(body.region())});
  }
  table.Print(out);
}

void PrintAvenue(const cadre::v1::Avenue& avenue, std::ostream& out) {
  Fields fields;
  fields.Add("name", avenue.name());
  fields.Add("title", avenue.title());
  fields.Add("body", avenue.body());
  fields.Add("kind", Label(avenue.kind()));
  fields.Add("level", LevelText(avenue.level()));
  fields.Add("time", TimeText(avenue.time_commitment()));
  fields.Add("expertise", JoinTags(avenue.expertise_sought()));
  fields.Add("location", LocationText(avenue.location()));
  fields.Add("how to join", avenue.how_to_join());
  fields.Add("description", avenue.description());
  fields.Add("created", FormatTimestamp(avenue.create_time()));
  fields.Add("updated", FormatTimestamp(avenue.update_time()));
  fields.Add("etag", avenue.etag());
  fields.Print(out);
}

void PrintAvenues(const Repeated<cadre::v1::Avenue>& avenues, std::ostream& out) {
  if (avenues.empty()) {
    out << "no avenues\n";
    return;
  }
  Table table({"NAME", "TITLE", "BODY", "KIND", "LEVEL", "REGION"});
  for (const cadre::v1::Avenue& avenue : avenues) {
    table.AddRow({avenue.name(), avenue.title(), avenue.body(), Label(avenue.kind()),
                  OrDash(Label(avenue.level())), OrDash(Label(avenue.location().region()))});
  }
  table.Print(out);
}

void PrintRoleType(const cadre::v1::RoleType& role_type, std::ostream& out) {
  Fields fields;
  fields.Add("name", role_type.name());
  fields.Add("title", role_type.title());
  fields.Add("level", LevelText(role_type.level()));
  fields.Add("rung", Label(role_type.rung()));
  fields.Add("typical time", TimeText(role_type.typical_time()));
  fields.Add("typical expertise", JoinTags(role_type.typical_expertise()));
  fields.Add("description", role_type.description());
  fields.Add("created", FormatTimestamp(role_type.create_time()));
  fields.Print(out);
}

void PrintRoleTypes(const Repeated<cadre::v1::RoleType>& role_types, std::ostream& out) {
  if (role_types.empty()) {
    out << "no role types\n";
    return;
  }
  Table table({"NAME", "TITLE", "LEVEL", "RUNG", "TYPICAL TIME"});
  for (const cadre::v1::RoleType& type : role_types) {
    table.AddRow({type.name(), type.title(), OrDash(Label(type.level())),
                  OrDash(Label(type.rung())), OrDash(TimeText(type.typical_time()))});
  }
  table.Print(out);
}

}  // namespace cadre::cadrectl
