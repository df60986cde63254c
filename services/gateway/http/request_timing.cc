#include "services/gateway/http/request_timing.h"

namespace cadre::gateway {

RequestTiming& CurrentRequestTiming() {
  thread_local RequestTiming timing;
  return timing;
}

}  // namespace cadre::gateway
