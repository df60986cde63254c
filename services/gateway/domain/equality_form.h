#pragma once

// The equality monitoring form of /profile/equality as pure code: each question of
// cadre.v1.EqualityMonitoring (the Office for National Statistics' 2021 census wording)
// with its answers in plain words, "Prefer not to say", and "No answer" (the question left
// unanswered), and the POSTed radios back into an EqualityMonitoring.
//
// Form fields: one a question, named as the proto's field ("age_band", "sex", ...), its
// value the answer's enum name in lower case without the question's prefix and with
// hyphens ("16-24", "prefer-not-to-say"), or "" for no answer.

#include <map>
#include <string>
#include <vector>

#include "cadre/v1/matching.pb.h"
#include "services/gateway/domain/profile_form.h"

namespace cadre::gateway {

struct EqualityAnswer {
  std::string id = "";     // the radio's id: the field for the first, then "<field>-2", ...
  std::string value = "";  // "" for no answer
  std::string label = "";
  bool checked = false;
  bool divider_before = false;  // "or" before "Prefer not to say"
};

struct EqualityQuestionForm {
  std::string field = "";  // "age_band"
  std::string legend = "";
  std::string hint = "";  // "" for none
  std::vector<EqualityAnswer> answers = {};
};

// Every question, in the proto's order, with `current`'s answers checked.
std::vector<EqualityQuestionForm> EqualityQuestionForms(
    const cadre::v1::EqualityMonitoring& current);

struct ParsedEquality {
  cadre::v1::EqualityMonitoring monitoring;
  std::vector<FormError> errors = {};  // an answer the question does not have
};
ParsedEquality ParseEqualityForm(const std::multimap<std::string, std::string>& form);

// How many questions `monitoring` answers (PREFER_NOT_TO_SAY counts as an answer).
int EqualityAnswered(const cadre::v1::EqualityMonitoring& monitoring);
int EqualityQuestionCount();

}  // namespace cadre::gateway
