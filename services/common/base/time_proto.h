#pragma once

// absl::Time and google.protobuf.Timestamp, both ways, in milliseconds (the precision
// every Cadre record keeps: Redis sorted-set scores and stream ids are milliseconds).

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/time_util.h"

namespace cadre {

inline google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::MillisecondsToTimestamp(absl::ToUnixMillis(t));
}

// An unset Timestamp is the Unix epoch.
inline absl::Time FromTimestamp(const google::protobuf::Timestamp& t) {
  return absl::FromUnixMillis(google::protobuf::util::TimeUtil::TimestampToMilliseconds(t));
}

}  // namespace cadre
