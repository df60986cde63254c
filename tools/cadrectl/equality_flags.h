#pragma once

// Equality monitoring on the command line: one flag per question of
// cadre.v1.EqualityMonitoring, derived from its descriptor (a question added to the proto
// gets its flag without a change here). `age_band` is --age-band, `carer_status`
// --carer-status; each takes an answer's label as enums.h spells it ("asian",
// "yes-under-20-hours", "prefer-not-to-say"), or "unanswered" to remove the answer.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cadre/v1/matching.pb.h"
#include "tools/cadrectl/args.h"

namespace cadre::cadrectl {

// The label that removes an answer.
inline constexpr absl::string_view kUnanswered = "unanswered";

// A flag per question, whose help lists its answers.
std::vector<FlagSpec> EqualityFlags();

// Sets on `monitoring` the answer of each question whose flag is present. Usage errors
// name the flag and list its answers.
absl::Status ApplyEqualityFlags(const ParsedArgs& args, cadre::v1::EqualityMonitoring* monitoring);

// The questions, in proto order, as field names: "age_band", "sex", ...
std::vector<std::string> EqualityQuestions();

// "age band" for "age_band".
std::string QuestionText(absl::string_view question);

// The label of `monitoring`'s answer to `question`; "unanswered" for none.
std::string AnswerOf(const cadre::v1::EqualityMonitoring& monitoring, absl::string_view question);

// The label of an answer named as EqualityCount.answer names it ("ETHNICITY_ASIAN" for
// question "ethnicity" is "asian"); "unanswered" for the UNSPECIFIED value or an empty
// name; the name itself if this build does not know it.
std::string AnswerLabel(absl::string_view question, absl::string_view answer);

}  // namespace cadre::cadrectl
