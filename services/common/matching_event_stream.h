#pragma once

// The matching service's event stream, as its writer (matching) and its readers (the
// registry, notifications, recognition) must all see it. Same layout as the registry's
// own `registry:events`:
//
//   stream  matching:events   (XADD MAXLEN ~ in the outbox script of the change)
//   entry   type  the MatchingEvent.Type name, e.g. "APPLICANT_ERASED" (for people
//                 reading the stream with redis-cli; readers go by `pb`)
//           pb    the serialised cadre.v1.MatchingEvent (protos/cadre/v1/matching_events.proto)
//
// For example: XADD matching:events MAXLEN ~ 100000 * type APPLICANT_ERASED pb <bytes>.
// Events carry ids and states only, never personal data. Consumers read with their own
// group (the registry's is "registry") and must be idempotent (at-least-once delivery).

#include "absl/strings/string_view.h"

namespace cadre {

inline constexpr absl::string_view kMatchingEventsStream = "matching:events";
inline constexpr absl::string_view kEventTypeField = "type";
inline constexpr absl::string_view kEventBytesField = "pb";

}  // namespace cadre
