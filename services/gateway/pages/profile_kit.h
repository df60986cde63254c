#pragma once

// What the pages of a person's profile (issue 9) share: the frame they sit in, the error
// summary and fields of their forms, an upstream field error as a form error, and the
// person's record from matching.

#include <grpcpp/support/status.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "cadre/v1/matching.pb.h"
#include "nlohmann/json.hpp"
#include "services/gateway/domain/profile_form.h"
#include "services/gateway/pages/account_kit.h"
#include "services/gateway/pages/page_kit.h"
#include "services/gateway/pages/upstream_checks.h"

namespace cadre::gateway {

// A profile page's frame: section "profile", signed in as `account`, and breadcrumbs
// Home > Your profile (none on /profile itself). A title starts "Error: " when `errors`.
PageFrame ProfileFrame(const std::string& title, const Account& account, bool errors,
                       bool under_profile = true);

// {"has_errors", "errors": [{"href": "#field" or "", "text"}]} for the error summary.
nlohmann::json ErrorSummaryView(const std::vector<FormError>& errors);
// One field of a form: {"id", "value", "has_error", "error"}.
nlohmann::json FieldView(const std::string& id, const std::string& value,
                         const std::vector<FormError>& errors);

// An INVALID_ARGUMENT (or FAILED_PRECONDITION) from a service as a form error: the form
// field `field_of` gives for the service's field ("" for none: the error is shown in the
// summary without a link), the message after `label_of` that field ("Your name must be
// 2 to 80 characters").
FormError UpstreamFormError(const grpc::Status& status,
                            const std::function<std::string(absl::string_view)>& field_of,
                            const std::function<std::string(absl::string_view)>& label_of);

// GetMyProfile for `account`.
grpc::Status GetMyApplicant(const PageDeps& deps, const HttpRequest& request,
                            const Account& account, cadre::v1::Applicant* applicant);

}  // namespace cadre::gateway
