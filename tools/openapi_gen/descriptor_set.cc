#include "tools/openapi_gen/descriptor_set.h"

#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/base/status_macros.h"

namespace cadre::openapi {
namespace {

using google::protobuf::DescriptorPool;
using google::protobuf::FileDescriptorProto;

// Keeps what the pool says is wrong with a file, for the error message.
class ErrorCollector : public DescriptorPool::ErrorCollector {
 public:
  void AddError(const std::string& filename, const std::string& element_name,
                const google::protobuf::Message* /*descriptor*/, ErrorLocation /*location*/,
                const std::string& message) override {
    errors_.push_back(absl::StrCat(filename, ": ", element_name, ": ", message));
  }
  std::string Joined() const { return absl::StrJoin(errors_, "; "); }

 private:
  std::vector<std::string> errors_;
};

enum class Mark { kBuilding, kBuilt };

// Builds `name` after its imports (depth-first; `marks` catches cycles).
absl::Status BuildWithImports(const std::string& name,
                              const std::map<std::string, const FileDescriptorProto*>& files,
                              std::map<std::string, Mark>* marks, DescriptorPool* pool) {
  auto mark = marks->find(name);
  if (mark != marks->end()) {
    if (mark->second == Mark::kBuilt) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat("import cycle through ", name));
  }
  const FileDescriptorProto& file = *files.at(name);
  (*marks)[name] = Mark::kBuilding;
  for (const std::string& import : file.dependency()) {
    if (files.count(import) > 0) {
      CADRE_RETURN_IF_ERROR(BuildWithImports(import, files, marks, pool));
    } else if (pool->FindFileByName(import) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, " imports ", import,
                       ", which is not in the descriptor set (run protoc with --include_imports)"));
    }
  }
  ErrorCollector errors;
  if (pool->BuildFileCollectingErrors(file, &errors) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(name, " does not build: ", errors.Joined()));
  }
  (*marks)[name] = Mark::kBuilt;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<google::protobuf::FileDescriptorSet> ReadDescriptorSet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  google::protobuf::FileDescriptorSet set;
  if (!set.ParseFromString(bytes.str())) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " is not a binary FileDescriptorSet (protoc --descriptor_set_out)"));
  }
  return set;
}

absl::Status BuildPool(const google::protobuf::FileDescriptorSet& set, DescriptorPool* pool) {
  std::map<std::string, const FileDescriptorProto*> files;
  for (const FileDescriptorProto& file : set.file()) {
    if (!files.emplace(file.name(), &file).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(file.name(), " is twice in the descriptor set"));
    }
  }
  std::map<std::string, Mark> marks;
  for (const FileDescriptorProto& file : set.file()) {
    CADRE_RETURN_IF_ERROR(BuildWithImports(file.name(), files, &marks, pool));
  }
  return absl::OkStatus();
}

}  // namespace cadre::openapi
