#include "services/common/process.h"

#include "absl/synchronization/mutex.h"
#include "services/common/server.h"

namespace cadre {

void PrepareServingProcess() {
  BlockShutdownSignals();
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

}  // namespace cadre
