#pragma once

// Reading what `protoc --include_imports --include_source_info --descriptor_set_out`
// writes, and building it into a DescriptorPool.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"

namespace cadre::openapi {

// The binary FileDescriptorSet in the file at `path`.
// NOT_FOUND if it cannot be opened; INVALID_ARGUMENT if it does not parse.
absl::StatusOr<google::protobuf::FileDescriptorSet> ReadDescriptorSet(const std::string& path);

// Builds every file of `set` into `pool`, each after the files it imports (so the set's
// order does not matter). Keeps source info, so comments can be read back.
// INVALID_ARGUMENT naming the file: an import that is neither in the set nor in `pool`
// (protoc run without --include_imports), an import cycle, a file that does not build.
absl::Status BuildPool(const google::protobuf::FileDescriptorSet& set,
                       google::protobuf::DescriptorPool* pool);

}  // namespace cadre::openapi
