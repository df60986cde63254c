#pragma once

// Equality monitoring: optional answers, kept apart from the profile, never shown to a
// body and never used in screening or scoring; reported only as counts, with any count
// from 1 to 4 suppressed ("<5"), as NHS England's small-number rules ask. Pure.
//
// Both functions read the questions and answers from the protobuf descriptors of
// cadre.v1.EqualityMonitoring, so a question or answer added to the proto is checked
// and counted without a change here.

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cadre/v1/matching.pb.h"
#include "services/matching/domain/limits.h"

namespace cadre::matching {

// Every answer is UNSPECIFIED or a value its enum declares; INVALID_ARGUMENT naming the
// question ("monitoring.ethnicity: unknown value 42") otherwise.
absl::Status ValidateEqualityMonitoring(const cadre::v1::EqualityMonitoring& m,
                                        absl::string_view prefix);

// A count as shown: count 1–4 → {count 0, suppressed, "<5"}; otherwise {count, "count"}.
cadre::v1::EqualityCount ShownCount(absl::string_view answer, int64_t count);

// Counts of answers over many people. Not thread-safe: one tally per report.
class EqualityTally {
 public:
  EqualityTally();

  // One person's answers. A person who never answered counts as all UNSPECIFIED: pass a
  // default EqualityMonitoring (or call AddUnanswered). A value the proto does not
  // declare (from a newer writer) counts as UNSPECIFIED.
  void Add(const cadre::v1::EqualityMonitoring& m);
  void AddUnanswered() { Add(cadre::v1::EqualityMonitoring::default_instance()); }

  // Every question, in field order, named by its field name ("age_band"); every answer of
  // its enum in declaration order, UNSPECIFIED included, named by the enum value's name;
  // counts and the people total suppressed as ShownCount says.
  cadre::v1::EqualityCounts Counts() const;

 private:
  int64_t people_ = 0;
  // counts_[question][answer]: question is the field's index in the message, answer the
  // value's index in its enum.
  std::vector<std::vector<int64_t>> counts_;
};

}  // namespace cadre::matching
