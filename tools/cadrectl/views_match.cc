// Human views of the scoring policy, recommendations, rankings and a body's figures.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/cadrectl/enums.h"
#include "tools/cadrectl/output.h"
#include "tools/cadrectl/times.h"
#include "tools/cadrectl/views_matching.h"

namespace cadre::cadrectl {
namespace {

namespace v1 = cadre::v1;

std::string Points(double points) { return absl::StrFormat("%.2f", points); }

// "yes", or "no (4 of 6)".
std::string EligibleText(const v1::ScreeningOutcome& screening) {
  if (screening.eligible()) return "yes";
  return absl::StrCat("no (", screening.passed(), " of ", screening.total(), ")");
}

// "12 applications"; "-" for a withheld figure (nothing is said of what stands behind it).
std::string BasedOnText(const v1::Figure& figure, absl::string_view what) {
  if (figure.withheld()) return "-";
  return absl::StrCat(figure.based_on(), " ", what);
}

}  // namespace

void PrintScoringPolicy(const v1::ScoringPolicy& policy, std::ostream& out) {
  out << "scoring policy version " << policy.version() << "\n\n";
  Table table({"PART", "WEIGHT", "DESCRIPTION"}, 90);
  for (const v1::PolicyWeight& weight : policy.weights()) {
    table.AddRow({weight.part(), absl::StrCat(weight.weight()), weight.description()});
  }
  table.Print(out);
  out << "\ntotal: " << absl::StrCat(policy.total_weight())
      << " points. A score is the parts' points added in order: weight times how well the\n"
         "part matches (0 to 1), each rounded to 2 decimal places.\n";
}

void PrintRecommendations(const v1::RecommendRolesResponse& response, std::ostream& out) {
  if (response.matches().empty()) {
    out << "no roles to recommend\n";
  } else {
    Table table({"ROLE", "TITLE", "BODY", "SCORE", "ELIGIBLE", "WHY"});
    for (const v1::RoleMatch& match : response.matches()) {
      table.AddRow({match.role(), match.title(), match.body(), Points(match.score().total()),
                    EligibleText(match.screening()), OrDash(match.why())});
    }
    table.Print(out);
  }
  out << "\nopen roles: " << response.open_roles()
      << "; considered: " << response.roles_considered()
      << "; scored in full: " << response.roles_scored() << "\n";
}

void PrintRanking(const v1::RankApplicantsResponse& response, std::ostream& out) {
  if (response.applicants().empty()) {
    out << "no applications to rank\n";
  } else {
    Table table({"APPLICATION", "NAME", "STATE", "ELIGIBLE", "SCORE", "SUBMITTED"});
    for (const v1::ApplicantMatch& match : response.applicants()) {
      const v1::Application& application = match.application();
      table.AddRow({application.name(), OrDash(match.display_name()),
                    OrDash(Label(application.state())), EligibleText(match.screening()),
                    Points(match.score().total()), FormatDate(application.submit_time())});
    }
    table.Print(out);
  }
  out << "\nranked: " << response.total()
      << " (eligible first, then by score, then the earliest submitted)\n";
}

void PrintBodyFigures(const v1::BodyFigures& figures, std::ostream& out) {
  Fields fields;
  fields.Add("body", figures.body());
  fields.Add("computed", FormatTimestamp(figures.compute_time()));
  fields.Add("window", absl::StrCat("applications and placements of the last ",
                                    figures.window_days(), " days"));
  fields.Print(out);
  out << "\n";
  const struct {
    absl::string_view label;
    const v1::Figure& figure;
    absl::string_view based_on;
  } rows[] = {
      {"time to acknowledge, median", figures.acknowledge_median_days(), "applications"},
      {"time to acknowledge, 90th percentile", figures.acknowledge_p90_days(), "applications"},
      {"time to decide, median", figures.decide_median_days(), "applications"},
      {"time to decide, 90th percentile", figures.decide_p90_days(), "applications"},
      {"applications per role", figures.applications_per_role(), "applications"},
      {"time to fill, median", figures.fill_median_days(), "placements"},
      {"placements to first-time leaders", figures.first_time_share(), "placements"},
      {"payment taken", figures.payment_taken(), "placements offering a payment"},
      {"expenses only", figures.payment_expenses_only(), "placements offering a payment"},
      {"payment declined", figures.payment_declined(), "placements offering a payment"},
  };
  Table table({"FIGURE", "SHOWN", "BASED ON"});
  for (const auto& row : rows) {
    table.AddRow({std::string(row.label), OrDash(row.figure.shown()),
                  BasedOnText(row.figure, row.based_on)});
  }
  table.Print(out);
  out << "\nA figure is withheld (\"<5\"; \"none\" when nothing stands behind it) when fewer\n"
         "than 5 applications or placements stand behind it, so that no one can be picked out.\n";
}

}  // namespace cadre::cadrectl
