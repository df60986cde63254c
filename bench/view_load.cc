#include "bench/view_load.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/common/redis_client.h"
#include "services/matching/view/role_view.h"

namespace cadre::bench {

absl::StatusOr<ViewLoad> LoadRoleViewOnce(const std::string& registry_target,
                                          const std::string& redis_host, int redis_port,
                                          const std::string& service_key, absl::Duration timeout) {
  RedisOptions redis_options;
  redis_options.host = redis_host;
  redis_options.port = redis_port;
  RedisClient redis(redis_options);
  matching::RoleViewOptions options;
  grpc::ChannelArguments args;
  // A connection of its own, as a new replica would have.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  options.registry =
      grpc::CreateCustomChannel(registry_target, grpc::InsecureChannelCredentials(), args);
  options.service_key = service_key;
  matching::RoleView view(&redis, options);
  const absl::Time start = absl::Now();
  view.Start();
  const bool loaded = view.WaitUntilLoaded(timeout);
  const absl::Duration took = absl::Now() - start;
  view.Stop();
  if (!loaded) {
    return absl::DeadlineExceededError(absl::StrCat("the view had not loaded after ",
                                                    absl::FormatDuration(timeout),
                                                    " (failed loads: ", view.failed_loads(), ")"));
  }
  return ViewLoad{took, view.roles().Size()};
}

}  // namespace cadre::bench
