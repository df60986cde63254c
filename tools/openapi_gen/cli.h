#pragma once

// The command line of cadre-openapi-gen, apart from main() so that tests can run it.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/openapi_gen/openapi_builder.h"

namespace cadre::openapi {

inline constexpr char kUsage[] =
    "usage: cadre-openapi-gen --descriptor_set=<in.binpb> --out=<openapi.json>\n"
    "                         [--package=cadre.v1] [--title=...] [--version=...]\n"
    "Writes the OpenAPI 3 description of the Connect unary JSON form of every service of\n"
    "the package in the descriptor set (protoc --include_imports --include_source_info\n"
    "--descriptor_set_out).\n";

struct GenOptions {
  std::string descriptor_set;  // path of the binary FileDescriptorSet to read
  std::string out;             // path of the openapi.json to write
  OpenApiOptions api;
  bool help = false;  // --help: print kUsage, do nothing else
};

// Parses `args` (argv without argv[0]): `--name=value` only. INVALID_ARGUMENT naming the
// argument: an unknown one, one without '=', a repeated one, or --descriptor_set or
// --out missing or empty.
absl::StatusOr<GenOptions> ParseArgs(const std::vector<std::string>& args);

// Reads options.descriptor_set and writes the document to options.out, through a
// temporary file beside it, so that a reader never sees half a file. Errors: as
// ReadDescriptorSet and BuildOpenApi; INTERNAL if options.out cannot be written.
absl::Status Generate(const GenOptions& options);

}  // namespace cadre::openapi
