#pragma once

// A role's closing time: from it the role takes no applications and no public listing
// shows it, while it stays OPEN so that its body can go on selecting; the registry
// announces it (ROLE_APPLICATIONS_CLOSED) and, if the role is still open long after
// (--close_undecided_after, 90 days by default), closes it. Pure: no I/O; every rule
// takes the time it is asked at (the injectable clock's).

#include <string>

#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "cadre/v1/registry.pb.h"

namespace cadre::registry {

// The role's closing time, if it has one.
absl::optional<absl::Time> ClosingTime(const cadre::v1::Role& role);

// Role.accepting_applications: OPEN, and either no closing time or `now` before it.
bool AcceptingApplications(const cadre::v1::Role& role, absl::Time now);

// OPEN with a closing time at or before `now`: it takes no applications, its body still
// selects. (An OPEN role is either this or AcceptingApplications.)
bool ApplicationsClosed(const cadre::v1::Role& role, absl::Time now);

// Whether the registry closes `role` at `now`: OPEN, and `undecided_after` (more than 0)
// has passed since its closing time, at or before `now`.
bool UndecidedTooLong(const cadre::v1::Role& role, absl::Time now, absl::Duration undecided_after);

// The state_reason the registry gives a role it closes: "no decision within 90 days"
// (whole days when `undecided_after` is a number of days, else hours, else as
// absl::FormatDuration writes it).
std::string UndecidedReason(absl::Duration undecided_after);

// What a write of a role does to the registry's watch of open roles whose closing is yet
// to be announced (kept by the store, by closing time). The sweep announces each role of
// the watch whose closing time has passed, and takes it off in the same step, so each
// closing is announced once.
enum class ClosingWatch {
  kUnchanged,  // leave the watch as it is (what the write of anything but a role does)
  kForget,     // not OPEN, or no closing time: off the watch
  kAwait,      // on the watch at `closing`: it accepts now, or this very write ended that
  kRescore,    // if on the watch still (not yet announced), at `closing`; else stay off
};
struct ClosingWatchChange {
  ClosingWatch watch = ClosingWatch::kUnchanged;
  absl::Time closing;  // for kAwait and kRescore
};

// The change for writing `after` over `before` (null for a new record) at `now`:
//   - not OPEN, or no closing time: kForget;
//   - accepting at `now` (a publish, a later closing time): kAwait, so a later closing
//     is announced again;
//   - not accepting, but `before` was (e.g. an update moved the closing time into the
//     past): kAwait, due at once;
//   - not accepting, nor was `before` (an edit after the closing time): kRescore, so a
//     closing announced already is not announced twice, and one not yet announced still is.
ClosingWatchChange ClosingWatchFor(const cadre::v1::Role* before, const cadre::v1::Role& after,
                                   absl::Time now);

}  // namespace cadre::registry
