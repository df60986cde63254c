// GET and POST /staff/roles/new and /staff/roles/{id}/edit: one form for every field of
// a body's role (domain/role_form.h reads it), posted as multipart/form-data (long text)
// with the CSRF token.
//   new   a request id in the form, made when it is shown, so that sending it twice makes
//         one role: CreateRole as a draft of the staff member's body; then its page with
//         ?done=created.
//   edit  the etag of the role the form showed, and an update mask of the fields that
//         differ from the role as it is (none: its page with ?done=unchanged, nothing
//         sent); then its page with ?done=saved. ABORTED (changed meanwhile, elsewhere)
//         gives the form again as the role is now, status 409, saying so. Only draft
//         and open roles can be edited: the form of another sends to its page.
// A field the gateway cannot read, or one the registry refuses (INVALID_ARGUMENT naming
// it), gives the form again, status 400, everything typed kept and the error summary
// linking to the field. PERMISSION_DENIED (a viewer's form posted by hand) is the 403
// page; a viewer opening a form gets the 403 page without asking the registry.

#include <grpcpp/client_context.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/base/validation.h"
#include "services/gateway/domain/labels.h"
#include "services/gateway/domain/role_form.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/application_views.h"
#include "services/gateway/pages/pages.h"
#include "services/gateway/pages/profile_kit.h"
#include "services/gateway/pages/staff_role_views.h"

namespace cadre::gateway {
namespace {

using nlohmann::json;

// Which form: a new role, or the role with this id.
struct Which {
  std::string id = "";  // "" for a new role
  bool is_new() const { return id.empty(); }
};

json Option(const std::string& value, const std::string& text, const std::string& chosen) {
  return {{"value", value}, {"text", text}, {"selected", value == chosen}};
}

// Radios: [{id, value, text, hint, checked}], the first with the field's own id.
json Radios(const std::string& field, const std::vector<std::pair<std::string, std::string>>& items,
            const std::string& chosen, const std::vector<std::string>& hints = {}) {
  json radios = json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    radios.push_back({{"id", i == 0 ? field : absl::StrCat(field, "-", i + 1)},
                      {"value", items[i].first},
                      {"text", items[i].second},
                      {"hint", i < hints.size() ? hints[i] : ""},
                      {"has_hint", i < hints.size() && !hints[i].empty()},
                      {"checked", items[i].first == chosen}});
  }
  return radios;
}

json RoleTypeOptions(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                     const std::string& chosen) {
  json options = json::array({Option("", "None", chosen)});
  grpc::ClientContext context;
  PrepareStaffContext(deps, request, staff, &context);
  cadre::v1::ListRoleTypesResponse found;
  bool listed = false;
  if (deps.upstream->registry()
          ->ListRoleTypes(&context, cadre::v1::ListRoleTypesRequest(), &found)
          .ok()) {
    for (const cadre::v1::RoleType& type : found.role_types()) {
      options.push_back(Option(
          type.name(), absl::StrCat(type.title(), " (", LevelLabel(type.level()), ")"), chosen));
      listed = listed || type.name() == chosen;
    }
  }
  // The menu unavailable, or an entry gone from it: keep what the role has.
  if (!chosen.empty() && !listed) options.push_back(Option(chosen, chosen, chosen));
  return options;
}

json ChoicesView(const RoleFormValues& v) {
  std::vector<std::pair<std::string, std::string>> levels, rungs, modes, payments;
  std::vector<std::string> level_hints;
  for (int l = cadre::v1::INVOLVEMENT_LEVEL_1; l <= cadre::v1::INVOLVEMENT_LEVEL_4; ++l) {
    const auto level = static_cast<cadre::v1::InvolvementLevel>(l);
    levels.emplace_back(absl::StrCat(l), LevelLabel(level));
    level_hints.push_back(LevelDescription(level));
  }
  for (int r = cadre::v1::ENGAGEMENT_RUNG_INFORM; r <= cadre::v1::ENGAGEMENT_RUNG_DEVOLVE; ++r) {
    const auto rung = static_cast<cadre::v1::EngagementRung>(r);
    rungs.emplace_back(RungSlug(rung), RungLabel(rung));
  }
  for (auto mode : {cadre::v1::ATTENDANCE_MODE_IN_PERSON, cadre::v1::ATTENDANCE_MODE_REMOTE,
                    cadre::v1::ATTENDANCE_MODE_HYBRID}) {
    modes.emplace_back(AttendanceSlug(mode), AttendanceLabel(mode));
  }
  for (int k = cadre::v1::PAYMENT_KIND_NONE; k <= cadre::v1::PAYMENT_KIND_SALARIED; ++k) {
    const auto kind = static_cast<cadre::v1::PaymentKind>(k);
    payments.emplace_back(PaymentSlug(kind), PaymentKindLabel(kind));
  }
  json regions = json::array({Option("", "Choose a region", v.region)});
  for (int r = cadre::v1::REGION_NATIONAL; r <= cadre::v1::REGION_SOUTH_WEST; ++r) {
    const auto region = static_cast<cadre::v1::Region>(r);
    regions.push_back(Option(RegionSlug(region), RegionLabel(region), v.region));
  }
  json dbs = json::array({Option("", "None", v.dbs), Option("dbs-basic", "Basic DBS check", v.dbs),
                          Option("dbs-standard", "Standard DBS check", v.dbs),
                          Option("dbs-enhanced", "Enhanced DBS check", v.dbs)});
  return {{"level_options", Radios("level", levels, v.level, level_hints)},
          {"rung_options", Radios("rung", rungs, v.rung)},
          {"attendance_options", Radios("attendance", modes, v.attendance)},
          {"payment_options", Radios("payment", payments, v.payment)},
          {"region_options", regions},
          {"dbs_options", dbs}};
}

json FormView(const StaffAccount& staff, const Which& which, const RoleFormValues& v,
              const std::vector<FormError>& errors) {
  auto field = [&](const std::string& id, const std::string& value) {
    return FieldView(id, value, errors);
  };
  // The closing date is one fieldset of three fields: one error for the three.
  std::string date_error;
  for (const FormError& e : errors) {
    if (e.field == "closing-day" || e.field == "closing-month" || e.field == "closing-year") {
      date_error = e.message;
    }
  }
  json view = {
      {"staff", StaffView(staff)},
      {"csrf", staff.csrf},
      {"is_new", which.is_new()},
      {"action", which.is_new() ? std::string("/staff/roles/new")
                                : absl::StrCat(StaffRolePath(which.id), "/edit")},
      {"back_href", which.is_new() ? std::string("/staff/roles") : StaffRolePath(which.id)},
      {"etag", v.etag},
      {"request_id", v.request_id},
      {"title", field("title", v.title)},
      {"summary", field("summary", v.summary)},
      {"role_type", field("role_type", v.role_type)},
      {"level", field("level", v.level)},
      {"rung", field("rung", v.rung)},
      {"hours_per_month", field("hours_per_month", v.hours_per_month)},
      {"duration_months", field("duration_months", v.duration_months)},
      {"pattern", field("pattern", v.pattern)},
      {"expertise_sought", field("expertise_sought", v.expertise_sought)},
      {"topics", field("topics", v.topics)},
      {"lived_experience_sought", field("lived_experience_sought", v.lived_experience_sought)},
      {"region", field("region", v.region)},
      {"attendance", field("attendance", v.attendance)},
      {"place", field("place", v.place)},
      {"access_support", field("access_support", v.access_support)},
      {"expenses_paid", v.expenses_paid},
      {"payment", field("payment", v.payment)},
      {"rate", field("rate", v.rate)},
      {"dbs", field("dbs", v.dbs)},
      {"other_credentials", field("other_credentials", v.other_credentials)},
      {"minimum_age", field("minimum_age", v.minimum_age)},
      {"places", field("places", v.places)},
      {"closing_has_error", !date_error.empty()},
      {"closing_error", date_error},
      {"closing_day", v.closing_day},
      {"closing_month", v.closing_month},
      {"closing_year", v.closing_year},
      {"closing_time", field("closing-time", v.closing_time)},
      {"limits",
       {{"title", kRoleMaxTitle},
        {"summary", kRoleMaxSummary},
        {"lived", kRoleMaxLivedExperience},
        {"pattern", kRoleMaxPattern},
        {"place", kRoleMaxPlace},
        {"hours", kRoleMaxHours},
        {"months", kRoleMaxDurationMonths},
        {"places", kRoleMaxPlaces},
        {"credentials", kRoleMaxCredentials},
        {"min_age", kRoleMinMinimumAge},
        {"max_age", kRoleMaxMinimumAge},
        {"tags", kProfileMaxTags},
        {"tag_length", kProfileMaxTagLength}}},
  };
  view.update(ChoicesView(v));
  view.update(ErrorSummaryView(errors));
  return view;
}

void RenderForm(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
                const Which& which, const RoleFormValues& values,
                const std::vector<FormError>& errors, bool changed_elsewhere,
                const std::string& role_title, HttpResponse* response) {
  json view = FormView(staff, which, values, errors);
  view["role_type_options"] = RoleTypeOptions(deps, request, staff, values.role_type);
  view["changed_elsewhere"] = changed_elsewhere;
  const std::string title = which.is_new() ? "Create a role" : "Edit the role";
  RenderPage(deps, request,
             which.is_new() ? StaffRolesFrame(title, staff, !errors.empty())
                            : StaffRolesFrame(title, staff, !errors.empty(), role_title,
                                              StaffRolePath(which.id)),
             "staff_role_form", view, response);
}

// A viewer's form would fail at the registry: they get the 403 page instead of it.
bool MayChange(const PageDeps& deps, const HttpRequest& request, const StaffAccount& staff,
               HttpResponse* response) {
  if (staff.may_change()) return true;
  RenderStaffUpstreamError(
      deps,
      grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                   "a viewer may look at the organisation's roles but not change them"),
      request, staff, response);
  return false;
}

bool Editable(const cadre::v1::Role& role) {
  return role.state() == cadre::v1::ROLE_STATE_DRAFT || role.state() == cadre::v1::ROLE_STATE_OPEN;
}

void ServeForm(const PageDeps& deps, const HttpRequest& request, bool is_new,
               HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaff(deps, request, response);
  if (!staff.has_value() || !StaffRegistryConfigured(deps, request, response)) return;
  if (!MayChange(deps, request, *staff, response)) return;
  if (is_new) {
    RenderForm(deps, request, *staff, Which{},
               RoleFormValues{.places = "1", .request_id = NewApplicationRequestId()}, {}, false,
               "", response);
    return;
  }
  const Which which{.id = StaffRoleIdOf(request)};
  if (which.id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  cadre::v1::Role role;
  const grpc::Status status = GetBodyRole(deps, request, *staff, which.id, &role);
  if (!status.ok()) {
    RenderStaffUpstreamError(deps, status, request, *staff, response);
    return;
  }
  if (!Editable(role)) {
    SeeOther(StaffRolePath(which.id), response);
    return;
  }
  RenderForm(deps, request, *staff, which, RoleFormValuesOf(role), {}, false, role.title(),
             response);
}

void Save(const PageDeps& deps, const HttpRequest& request, bool is_new, HttpResponse* response) {
  const std::optional<StaffAccount> staff = RequireStaffForm(deps, request, response);
  if (!staff.has_value() || !StaffRegistryConfigured(deps, request, response)) return;
  const Which which{.id = is_new ? "" : StaffRoleIdOf(request)};
  if (!is_new && which.id.empty()) {
    RenderErrorPage(deps, 404, request, response);
    return;
  }
  RoleFormValues values = RoleFormValuesFromForm(request.form);
  if (is_new && !IsRequestId(values.request_id)) values.request_id = NewApplicationRequestId();
  const ParsedRoleForm parsed = ParseRoleForm(values);
  std::string role_title = values.title;
  if (!parsed.ok()) {
    response->status = 400;
    RenderForm(deps, request, *staff, which, values, parsed.errors, false, role_title, response);
    return;
  }
  cadre::v1::Role saved;
  grpc::Status status;
  std::string done = is_new ? "created" : "saved";
  if (is_new) {
    cadre::v1::CreateRoleRequest create;
    *create.mutable_role() = parsed.role;
    create.mutable_role()->set_body(staff->body);
    create.set_request_id(values.request_id);
    grpc::ClientContext context;
    PrepareStaffContext(deps, request, *staff, &context);
    status = deps.upstream->registry()->CreateRole(&context, create, &saved);
  } else {
    cadre::v1::Role current;
    status = GetBodyRole(deps, request, *staff, which.id, &current);
    if (!status.ok()) {
      RenderStaffUpstreamError(deps, status, request, *staff, response);
      return;
    }
    role_title = current.title();
    cadre::v1::UpdateRoleRequest update;
    for (const std::string& path : ChangedRoleFields(current, parsed.role)) {
      update.mutable_update_mask()->add_paths(path);
    }
    if (update.update_mask().paths().empty()) {
      SeeOther(absl::StrCat(StaffRolePath(which.id), "?done=unchanged"), response);
      return;
    }
    *update.mutable_role() = parsed.role;
    update.mutable_role()->set_name(current.name());
    update.mutable_role()->set_etag(values.etag);
    grpc::ClientContext context;
    PrepareStaffContext(deps, request, *staff, &context);
    status = deps.upstream->registry()->UpdateRole(&context, update, &saved);
  }
  switch (status.error_code()) {
    case grpc::StatusCode::OK:
      SeeOther(absl::StrCat(StaffRolePath(saved.name()), "?done=", done), response);
      return;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION: {
      const FormError error = UpstreamFormError(
          status, [](absl::string_view f) { return RoleFormFieldOf(f); },
          [](absl::string_view f) { return RoleFormLabelOf(f); });
      response->status = 400;
      RenderForm(deps, request, *staff, which, values, {error}, false, role_title, response);
      return;
    }
    case grpc::StatusCode::ABORTED: {
      // Changed in another tab or by a colleague since this form was shown: show it as
      // it is now.
      cadre::v1::Role fresh;
      status = GetBodyRole(deps, request, *staff, which.id, &fresh);
      if (!status.ok()) {
        RenderStaffUpstreamError(deps, status, request, *staff, response);
        return;
      }
      response->status = 409;
      RenderForm(deps, request, *staff, which, RoleFormValuesOf(fresh), {}, true, fresh.title(),
                 response);
      return;
    }
    default:
      RenderStaffUpstreamError(deps, status, request, *staff, response);
  }
}

}  // namespace

void AddStaffRoleFormPages(FrontDoor* door, const PageDeps* deps) {
  door->Route("GET", "/staff/roles/new", {.name = "staff-role-new"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeForm(*deps, request, true, response);
              });
  door->Route("POST", "/staff/roles/new", {.name = "staff-role-new"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Save(*deps, request, true, response);
              });
  door->Route("GET", "/staff/roles/([0-9]+)/edit", {.name = "staff-role-edit"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                ServeForm(*deps, request, false, response);
              });
  door->Route("POST", "/staff/roles/([0-9]+)/edit", {.name = "staff-role-edit"},
              [deps](const HttpRequest& request, HttpResponse* response) {
                Save(*deps, request, false, response);
              });
}

}  // namespace cadre::gateway
