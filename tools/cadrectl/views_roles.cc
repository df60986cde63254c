// Human views of roles and of the involvement map.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/times.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

std::string PaymentText(const cadre::v1::SupportOffered& support) {
  std::string text = Label(support.payment());
  if (support.payment() == cadre::v1::PAYMENT_KIND_INVOLVEMENT) {
    absl::StrAppend(&text,
                    absl::StrFormat(" at £%d.%02d an hour", support.rate_pence_per_hour() / 100,
                                    support.rate_pence_per_hour() % 100));
  }
  return text;
}

std::string Plural(int count, absl::string_view one, absl::string_view many) {
  return absl::StrCat(count, " ", count == 1 ? one : many);
}

}  // namespace

void PrintRole(const cadre::v1::Role& role, std::ostream& out) {
  Fields fields;
  fields.Add("name", role.name());
  fields.Add("title", role.title());
  fields.Add("body", role.body());
  fields.Add("state", Label(role.state()));
  fields.Add("state reason", role.state_reason());
  fields.Add("level", LevelText(role.level()));
  fields.Add("rung", Label(role.rung()));
  fields.Add("time", TimeText(role.time_commitment()));
  fields.Add("location", LocationText(role.location()));
  fields.Add("places", role.places() > 0 ? absl::StrCat(role.places()) : "");
  fields.Add("minimum age", role.minimum_age() > 0 ? absl::StrCat(role.minimum_age()) : "none");
  fields.Add("closes", FormatTimestamp(role.closing_time()));
  fields.Add("expertise", JoinTags(role.expertise_sought()));
  fields.Add("topics", JoinTags(role.topics()));
  fields.Add("lived experience", role.lived_experience_sought());
  fields.Add("credentials", JoinTags(role.required_credentials()));
  fields.Add("payment", PaymentText(role.support()));
  fields.Add("expenses", role.support().expenses_paid() ? "paid" : "");
  fields.Add("access support", JoinTags(role.support().access_support()));
  fields.Add("role type", role.role_type());
  fields.Add("summary", role.summary());
  fields.Add("created", FormatTimestamp(role.create_time()));
  fields.Add("updated", FormatTimestamp(role.update_time()));
  fields.Add("published", FormatTimestamp(role.publish_time()));
  fields.Add("etag", role.etag());
  fields.Print(out);
}

void PrintRoles(const Repeated<cadre::v1::Role>& roles, std::ostream& out) {
  if (roles.empty()) {
    out << "no roles\n";
    return;
  }
  Table table(
      {"NAME", "TITLE", "BODY", "LEVEL", "HOURS/MONTH", "REGION", "MODE", "STATE", "CLOSES"});
  for (const cadre::v1::Role& role : roles) {
    table.AddRow({role.name(), role.title(), role.body(), OrDash(Label(role.level())),
                  absl::StrCat(role.time_commitment().hours_per_month()),
                  OrDash(Label(role.location().region())), OrDash(Label(role.location().mode())),
                  OrDash(Label(role.state())), OrDash(FormatDate(role.closing_time()))});
  }
  table.Print(out);
}

void PrintInvolvementMap(const cadre::v1::InvolvementMap& map, std::ostream& out) {
  out << "Involvement map: " << Plural(map.open_roles(), "open role", "open roles") << ", "
      << Plural(map.avenues(), "avenue", "avenues") << "\n";
  if (!map.by_level().empty()) {
    out << "\n";
    Table table({"LEVEL", "OPEN ROLES", "AVENUES"});
    for (const auto& count : map.by_level()) {
      table.AddRow({LevelText(count.level()), absl::StrCat(count.open_roles()),
                    absl::StrCat(count.avenues())});
    }
    table.Print(out);
  }
  if (!map.by_region().empty()) {
    out << "\n";
    Table table({"REGION", "OPEN ROLES", "AVENUES"});
    for (const auto& count : map.by_region()) {
      table.AddRow({OrDash(Label(count.region())), absl::StrCat(count.open_roles()),
                    absl::StrCat(count.avenues())});
    }
    table.Print(out);
  }
  for (const auto& section : map.sections()) {
    out << "\n"
        << OrDash(Label(section.kind())) << ": "
        << Plural(section.open_roles(), "open role", "open roles") << ", "
        << Plural(section.avenues(), "avenue", "avenues") << "\n";
    for (const auto& body : section.bodies()) {
      out << "  " << body.display_name() << " (" << body.body() << ", "
          << OrDash(Label(body.region())) << ")\n";
      Table table({"    WAY IN", "NAME", "TITLE", "LEVEL", "TIME", "WHERE", "CLOSES"}, 40);
      for (const auto& avenue : body.avenues()) {
        table.AddRow({"    avenue", avenue.name(), avenue.title(), OrDash(Label(avenue.level())),
                      OrDash(TimeText(avenue.time_commitment())),
                      OrDash(LocationText(avenue.location())), "-"});
      }
      for (const auto& role : body.open_roles()) {
        std::string where = Label(role.region());
        if (role.remote()) where = absl::StrCat("remote, ", where);
        table.AddRow({"    role", role.name(), role.title(), OrDash(Label(role.level())),
                      OrDash(TimeText(role.time_commitment())), OrDash(where),
                      OrDash(FormatDate(role.closing_time()))});
      }
      if (table.rows() > 0) table.Print(out);
    }
  }
}

}  // namespace cadre::cadrectl
