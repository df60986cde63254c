// GET /staff/figures: the body's own figures, for its staff. How quickly it acknowledges
// and decides on applications and the rest matching's GetBodyFigures answers, and its
// equality counts (GetBodyEqualityCounts: over everyone who applied to its roles, never
// per role), each count under 5 shown "<5" as matching answers it (suppressed, with
// "shown" "<5"), so that no one can be picked out. Always the member's own body, from
// their key; matching decides whether their role may see the counts.

#include <grpcpp/client_context.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "services/gateway/domain/equality_form.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/staff_kit.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

// One figure in words, or why it is withheld. `p90` may be null.
json FigureRow(const std::string& key, const cadre::v1::Figure& figure,
               const cadre::v1::Figure* p90, absl::string_view one, absl::string_view many,
               absl::string_view suffix) {
  json row = {{"key", key}, {"published", !figure.withheld()}};
  if (figure.withheld()) {
    row["withheld_text"] = WithheldFigureLabel(figure.shown(), many);
    return row;
  }
  row["value"] = absl::StrCat(figure.shown(), suffix);
  const bool detail = p90 != nullptr && !p90->withheld();
  row["has_detail"] = detail;
  if (detail) row["detail"] = absl::StrCat("9 in 10 within ", p90->shown());
  row["based_on_text"] = absl::StrCat("Based on ", CountLabel(figure.based_on(), one, many));
  return row;
}

json FigureRows(const cadre::v1::BodyFigures& f) {
  return json::array({
      FigureRow("Time to acknowledge an application", f.acknowledge_median_days(),
                &f.acknowledge_p90_days(), "application", "applications", " (median)"),
      FigureRow("Time to a decision on an application", f.decide_median_days(),
                &f.decide_p90_days(), "application", "applications", " (median)"),
      FigureRow("Time to fill a role, from its first application", f.fill_median_days(), nullptr,
                "placement", "placements", " (median)"),
      FigureRow("Applications per role", f.applications_per_role(), nullptr, "application",
                "applications", ""),
      FigureRow("Places that went to someone in their first role", f.first_time_share(), nullptr,
                "placement", "placements", ""),
      FigureRow("Involvement payments taken", f.payment_taken(), nullptr, "placement", "placements",
                ""),
      FigureRow("Expenses only, no payment", f.payment_expenses_only(), nullptr, "placement",
                "placements", ""),
      FigureRow("Payments declined", f.payment_declined(), nullptr, "placement", "placements", ""),
  });
}

// The answer's words, from the equality form's own ("ETHNICITY_ASIAN" → "Asian or Asian
// British"); the unanswered value is "No answer".
std::string AnswerLabel(const EqualityQuestionForm* form, const std::string& question,
                        const std::string& answer) {
  const google::protobuf::FieldDescriptor* field =
      cadre::v1::EqualityMonitoring::descriptor()->FindFieldByName(question);
  if (field == nullptr || field->enum_type() == nullptr) return answer;
  const google::protobuf::EnumValueDescriptor* value = field->enum_type()->FindValueByName(answer);
  if (value == nullptr) return answer;
  if (value->number() == 0) return "No answer";
  if (form == nullptr) return answer;
  // The form's values are the names without the enum's prefix, lower case, hyphenated.
  std::string wanted(answer.substr(field->enum_type()->value(0)->name().size() -
                                   std::string("UNSPECIFIED").size()));
  for (char& c : wanted) c = c == '_' ? '-' : absl::ascii_tolower(c);
  for (const EqualityAnswer& a : form->answers) {
    if (a.value == wanted) return a.label;
  }
  return answer;
}

json EqualityView(const cadre::v1::EqualityCounts& counts) {
  const std::vector<EqualityQuestionForm> forms =
      EqualityQuestionForms(cadre::v1::EqualityMonitoring());
  json questions = json::array();
  for (const cadre::v1::EqualityQuestion& q : counts.questions()) {
    const EqualityQuestionForm* form = nullptr;
    for (const EqualityQuestionForm& f : forms) {
      if (f.field == q.question()) form = &f;
    }
    json rows = json::array();
    for (const cadre::v1::EqualityCount& c : q.counts()) {
      // "<5" when matching suppressed it, whatever else the answer holds.
      const std::string shown =
          c.suppressed() ? "<5" : (c.shown().empty() ? absl::StrCat(c.count()) : c.shown());
      rows.push_back({{"answer", AnswerLabel(form, q.question(), c.answer())},
                      {"shown", shown},
                      {"suppressed", c.suppressed()}});
    }
    questions.push_back({{"id", q.question()},
                         {"legend", form != nullptr ? form->legend : q.question()},
                         {"rows", rows}});
  }
  return {{"people",
           counts.people_shown().empty() ? absl::StrCat(counts.people()) : counts.people_shown()},
          {"questions", questions}};
}

void FiguresGet(const PageDeps& deps, const HttpRequest& request, HttpResponse* response) {
  std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff) return;
  cadre::v1::GetBodyFiguresRequest ask_figures;
  ask_figures.set_body(staff->body);  // their own body, from their key
  cadre::v1::BodyFigures figures;
  grpc::ClientContext figures_context;
  PrepareStaffContext(deps, request, *staff, &figures_context);
  const grpc::Status figures_status =
      deps.upstream->matching()->GetBodyFigures(&figures_context, ask_figures, &figures);
  if (!figures_status.ok()) {
    RenderStaffUpstreamError(deps, figures_status, request, *staff, response);
    return;
  }
  cadre::v1::GetBodyEqualityCountsRequest ask_counts;
  ask_counts.set_body(staff->body);
  cadre::v1::EqualityCounts counts;
  grpc::ClientContext counts_context;
  PrepareStaffContext(deps, request, *staff, &counts_context);
  const grpc::Status counts_status =
      deps.upstream->matching()->GetBodyEqualityCounts(&counts_context, ask_counts, &counts);
  const bool counts_refused = counts_status.error_code() == grpc::StatusCode::PERMISSION_DENIED;
  if (!counts_status.ok() && !counts_refused) {
    RenderStaffUpstreamError(deps, counts_status, request, *staff, response);
    return;
  }
  json view = {{"staff", StaffView(*staff)},
               {"window_days", figures.window_days()},
               {"rows", FigureRows(figures)},
               {"has_counts", counts_status.ok()},
               {"counts_refused", counts_refused}};
  if (counts_status.ok()) view["equality"] = EqualityView(counts);
  PageFrame frame{.title = "Your figures", .section = kStaffSectionFigures, .staff = &*staff};
  RenderPage(deps, request, frame, "staff_figures", view, response);
}

}  // namespace

void AddStaffFiguresPage(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/figures", {.name = "staff_figures"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                FiguresGet(*deps, request, response);
              });
}

}  // namespace cadre::gateway
