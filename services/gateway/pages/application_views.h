#pragma once

// What a person's application pages (issue 9) share: the view models of a screening, a
// match score and an application's summary, the success banner after a form, the body
// names of applications, the paths, and the request id an application form carries.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cadre/v1/matching.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/pages/body_names.h"
#include "services/gateway/pages/page_kit.h"

namespace cadre::gateway {

// "applications/abc" → "/applications/abc"; "placements/abc" → "/applications/abc" (a
// placement's id is its application's).
std::string ApplicationPath(absl::string_view name);

// A fresh id for SubmitApplicationRequest.request_id, made when the form is rendered: 32
// hex characters from the system's secure random source (so that submitting the same
// form twice makes one application).
std::string NewApplicationRequestId();

// {summary, eligible, passed: [{text}], failed: [{text}], has_passed, has_failed}.
nlohmann::json ScreeningView(const cadre::v1::ScreeningOutcome& screening);

// {total, parts: [{label, points, weight, reason}], has_parts}.
nlohmann::json ScoreView(const cadre::v1::MatchScore& score);

// The NHS tag of a state: {state, tag_class}.
nlohmann::json StateTagView(cadre::v1::ApplicationState state);

// One application as the list and its own page show it: title, href, role_href, body
// name, its state's tag, the next step (text, who owes it, when it is due), whether it
// is overdue, the reason it was unsuccessful, the reply-by of an offer. `now` decides
// whether an offer can still be accepted.
nlohmann::json ApplicationSummaryView(const cadre::v1::Application& application,
                                      const std::string& body_name, absl::Time now);

// {has_done, done_text, done_success} from the request's "done" word (DoneBannerFor).
nlohmann::json DoneView(const HttpRequest& request);

// The display names of the applications' and placements' bodies (body_names.h).
BodyNames LookUpBodyNamesOf(const PageDeps& deps, const HttpRequest& request,
                            const std::vector<std::string>& bodies);

// Paragraphs of a text, one a line (blank lines dropped): [{text}].
nlohmann::json Paragraphs(absl::string_view text);

// An error summary of one message, linking to `href` ("#statement"): {has_errors,
// errors: [{href, text}]}.
nlohmann::json ErrorSummaryView(const std::string& href, const std::string& text);

}  // namespace cadre::gateway
