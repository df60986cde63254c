#pragma once

// Where a page's time goes, for its Server-Timing header: the front door starts a tally
// on the request's thread before the handler and writes the header after it; the page kit
// adds the time spent looking the session up and rendering templates. The rest of the
// handler's time is "upstream": the calls to the services and building the view model.
// Each request runs on one thread from start to end (cpp-httplib's model), so the tally
// is thread-local and needs no lock.

#include "absl/time/time.h"

namespace cadre::gateway {

struct RequestTiming {
  absl::Duration session;  // finding the session in Redis
  absl::Duration render;   // templates, the layout included
};

// The tally of the request this thread is serving.
RequestTiming& CurrentRequestTiming();

}  // namespace cadre::gateway
