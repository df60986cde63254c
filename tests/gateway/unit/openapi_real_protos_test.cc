// The builder over the real protos' descriptor set (web/cadre.binpb, made by the
// cadre_openapi target), checked against the same set read by protobuf's own
// DescriptorDatabase: what a client author of the JSON API would rely on.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor_database.h"
#include "tests/gateway/unit/openapi_test_util.h"
#include "tools/openapi_gen/descriptor_set.h"
#include "tools/openapi_gen/openapi_builder.h"
#include "tools/openapi_gen/schemas.h"

namespace cadre::openapi {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::MethodDescriptor;
using google::protobuf::ServiceDescriptor;
using test_util::Json;
using test_util::RefOf;
using test_util::Resolve;

const char* const kServices[] = {"cadre.v1.Registry", "cadre.v1.Matching"};

// The real set, and the document built from it, made once for the whole suite.
struct Real {
  google::protobuf::FileDescriptorSet set;
  google::protobuf::SimpleDescriptorDatabase database;
  std::unique_ptr<google::protobuf::DescriptorPool> pool;  // over `database`
  absl::StatusOr<Json> document;
};

const Real& GetReal() {
  static const Real* real = [] {
    auto* r = new Real;
    auto set = ReadDescriptorSet(CADRE_DESCRIPTOR_SET_PATH);
    if (!set.ok()) {
      r->document = set.status();
      return r;
    }
    r->set = *std::move(set);
    for (const auto& file : r->set.file()) r->database.Add(file);
    r->pool = std::make_unique<google::protobuf::DescriptorPool>(&r->database);
    r->document = BuildOpenApi(r->set, OpenApiOptions{});
    return r;
  }();
  return *real;
}

class RealProtosTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(GetReal().document.ok()) << GetReal().document.status();
    doc_ = *GetReal().document;
  }
  // A copy of the document, so that [] on a missing key gives null rather than UB.
  Json& doc() { return doc_; }
  const ServiceDescriptor& Service(const std::string& name) const {
    const ServiceDescriptor* service = GetReal().pool->FindServiceByName(name);
    EXPECT_NE(service, nullptr) << name;
    return *service;
  }
  static std::string PathOf(const MethodDescriptor& method) {
    return "/" + method.service()->full_name() + "/" + method.name();
  }
  Json& Schema(const std::string& name) { return doc()["components"]["schemas"][name]; }
  Json& Property(const std::string& schema, const std::string& property) {
    return Schema(schema)["properties"][property];
  }

 private:
  Json doc_;
};

TEST_F(RealProtosTest, DocumentHeader) {
  EXPECT_EQ(doc()["openapi"], "3.0.3");
  EXPECT_EQ(doc()["info"]["title"], "Cadre JSON API");
  EXPECT_NE(doc()["info"]["description"].get<std::string>().find("Connect protocol"),
            std::string::npos);
  EXPECT_EQ(doc()["servers"], Json::parse(R"([{"url": "/"}])"));
  EXPECT_EQ(doc()["components"]["securitySchemes"]["bearer"]["type"], "http");
  EXPECT_EQ(doc()["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
  ASSERT_EQ(doc()["tags"].size(), 2u);
  EXPECT_EQ(doc()["tags"][0]["name"], "Registry");
  EXPECT_EQ(doc()["tags"][1]["name"], "Matching");
  EXPECT_NE(doc()["tags"][0]["description"].get<std::string>().find("The role registry"),
            std::string::npos);
}

TEST_F(RealProtosTest, EveryUnaryMethodIsAPostAndNothingElseIsAPath) {
  size_t unary = 0;
  for (const char* name : kServices) {
    const ServiceDescriptor& service = Service(name);
    ASSERT_GT(service.method_count(), 5) << name;
    for (int i = 0; i < service.method_count(); ++i) {
      const MethodDescriptor& method = *service.method(i);
      const std::string path = PathOf(method);
      if (method.client_streaming() || method.server_streaming()) {
        EXPECT_FALSE(doc()["paths"].contains(path)) << path;
        continue;
      }
      ++unary;
      ASSERT_TRUE(doc()["paths"].contains(path)) << path;
      Json& post = doc()["paths"][path]["post"];
      ASSERT_TRUE(post.is_object()) << path;
      EXPECT_EQ(post["operationId"], service.name() + "_" + method.name());
      EXPECT_EQ(post["tags"], Json::array({service.name()}));
      EXPECT_EQ(post["security"], Json::parse(R"([{}, {"bearer": []}])")) << path;
      EXPECT_EQ(post["requestBody"]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/" + SchemaName(method.input_type()->full_name(), "cadre.v1"));
      EXPECT_EQ(
          post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
          "#/components/schemas/" + SchemaName(method.output_type()->full_name(), "cadre.v1"));
      EXPECT_EQ(post["responses"]["default"]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/ConnectError");
    }
  }
  EXPECT_EQ(doc()["paths"].size(), unary);
}

TEST_F(RealProtosTest, ReadsHaveGetAndWritesDoNot) {
  for (const char* path :
       {"/cadre.v1.Registry/GetRole", "/cadre.v1.Registry/ListRoles",
        "/cadre.v1.Registry/GetInvolvementMap", "/cadre.v1.Matching/GetBodyFigures"}) {
    Json& get = doc()["paths"][path]["get"];
    ASSERT_TRUE(get.is_object()) << path;
    Json& message = get["parameters"][0];
    EXPECT_EQ(message["name"], "message");
    EXPECT_EQ(message["in"], "query");
    EXPECT_EQ(message["required"], true);
    EXPECT_EQ(message["schema"]["type"], "string");
    std::vector<std::string> shared;
    for (size_t i = 1; i < get["parameters"].size(); ++i) {
      Json parameter = Resolve(doc(), get["parameters"][i]["$ref"]);
      ASSERT_TRUE(parameter.is_object()) << get["parameters"][i];
      shared.push_back(parameter["name"]);
      if (parameter["name"] == "encoding") {
        EXPECT_EQ(parameter["required"], true);
        EXPECT_EQ(parameter["schema"]["enum"], Json::array({"json"}));
      }
      if (parameter["name"] == "connect") {
        EXPECT_EQ(parameter["required"], false);
        EXPECT_EQ(parameter["schema"]["enum"], Json::array({"v1"}));
      }
    }
    EXPECT_EQ(shared, (std::vector<std::string>{"encoding", "base64", "connect"}));
    EXPECT_NE(get["operationId"], doc()["paths"][path]["post"]["operationId"]);
  }
  EXPECT_FALSE(doc()["paths"]["/cadre.v1.Registry/CreateRole"].contains("get"));
  EXPECT_TRUE(doc()["paths"]["/cadre.v1.Registry/CreateRole"].contains("post"));

  // And exactly the NO_SIDE_EFFECTS methods, everywhere.
  for (const char* name : kServices) {
    const ServiceDescriptor& service = Service(name);
    for (int i = 0; i < service.method_count(); ++i) {
      const MethodDescriptor& method = *service.method(i);
      const bool reads =
          method.options().idempotency_level() == google::protobuf::MethodOptions::NO_SIDE_EFFECTS;
      EXPECT_EQ(doc()["paths"][PathOf(method)].contains("get"), reads) << PathOf(method);
    }
  }
}

TEST_F(RealProtosTest, RoleAsJson) {
  Json& closing = Property("Role", "closingTime");
  EXPECT_EQ(closing["type"], "string");
  EXPECT_EQ(closing["format"], "date-time");
  EXPECT_NE(closing["description"].get<std::string>().find("Applications close"),
            std::string::npos);

  Json& expertise = Property("Role", "expertiseSought");
  EXPECT_EQ(expertise["type"], "array");
  EXPECT_EQ(expertise["items"]["type"], "string");
  EXPECT_FALSE(Schema("Role")["properties"].contains("expertise_sought"));

  Json& state = Property("Role", "state");
  EXPECT_EQ(RefOf(state), "#/components/schemas/RoleState");
  Json role_state = Resolve(doc(), RefOf(state));
  EXPECT_EQ(role_state["type"], "string");
  EXPECT_EQ(role_state["enum"],
            Json::array({"ROLE_STATE_UNSPECIFIED", "ROLE_STATE_DRAFT", "ROLE_STATE_OPEN",
                         "ROLE_STATE_CLOSED", "ROLE_STATE_FILLED", "ROLE_STATE_CANCELLED"}));

  EXPECT_EQ(Property("Role", "places")["type"], "integer");
  EXPECT_EQ(Property("Role", "places")["format"], "int32");
  EXPECT_EQ(Property("Role", "acceptingApplications")["type"], "boolean");
  EXPECT_EQ(RefOf(Property("Role", "location")), "#/components/schemas/Location");
  EXPECT_EQ(Property("UpdateRoleRequest", "updateMask")["type"], "string");
  EXPECT_EQ(Property("ScoringPolicy", "totalWeight")["type"], "number");
}

TEST_F(RealProtosTest, SixtyFourBitIntegersAreStrings) {
  // No RPC reaches an int64 today (the events' versions are not in the API); this holds
  // for any that does. The small-descriptor test covers one for sure.
  for (auto& [name, schema] : doc()["components"]["schemas"].items()) {
    const auto* message = GetReal().pool->FindMessageTypeByName("cadre.v1." + name);
    if (message == nullptr) continue;
    for (int i = 0; i < message->field_count(); ++i) {
      const FieldDescriptor& field = *message->field(i);
      if (field.cpp_type() != FieldDescriptor::CPPTYPE_INT64 &&
          field.cpp_type() != FieldDescriptor::CPPTYPE_UINT64) {
        continue;
      }
      Json& property = schema["properties"][field.json_name()];
      Json& value = field.is_repeated() ? property["items"] : property;
      EXPECT_EQ(value["type"], "string") << name << "." << field.json_name();
    }
  }
}

TEST_F(RealProtosTest, ProtoOptionalIsNullable) {
  Json& remote = Property("ListRolesRequest", "remote");
  EXPECT_EQ(remote["type"], "boolean");
  EXPECT_EQ(remote["nullable"], true);
  EXPECT_EQ(Property("ListRolesRequest", "maxHoursPerMonth")["nullable"], true);
  EXPECT_FALSE(Property("ListRolesRequest", "body").contains("nullable"));
}

TEST_F(RealProtosTest, CommentsAreDescriptions) {
  Json& get_role = doc()["paths"]["/cadre.v1.Registry/GetRole"]["post"];
  const std::string description = get_role["description"];
  EXPECT_NE(description.find("published"), std::string::npos) << description;
  // Lines of one paragraph are joined, without the space protoc keeps after `//`.
  EXPECT_EQ(description.find('\n'), std::string::npos) << description;
  EXPECT_NE(description.rfind("Read by name: a role", 0), std::string::npos) << description;

  // A trailing comment, and an enum's value comments as a list.
  EXPECT_EQ(Property("Role", "name")["description"],
            "\"roles/{id}\", output only; id is a decimal number");
  const std::string body_kind = Schema("BodyKind")["description"];
  EXPECT_NE(body_kind.find("- `BODY_KIND_ICB`: integrated care board"), std::string::npos)
      << body_kind;
  EXPECT_NE(
      Schema("Applicant")["properties"]["email"]["description"].get<std::string>().find("one '@'"),
      std::string::npos);
}

TEST_F(RealProtosTest, EveryRefResolves) {
  std::vector<std::string> refs;
  test_util::CollectRefs(doc(), &refs);
  ASSERT_GT(refs.size(), 100u);
  for (const std::string& ref : refs) {
    EXPECT_TRUE(Resolve(doc(), ref).is_object()) << ref;
  }
}

TEST_F(RealProtosTest, OnlyReachableTypesAreSchemas) {
  Json& schemas = doc()["components"]["schemas"];
  EXPECT_TRUE(schemas.contains("InvolvementMap"));
  EXPECT_TRUE(schemas.contains("DeclaredInterest_Kind"));       // a nested enum
  EXPECT_FALSE(schemas.contains("RegistryEvent"));              // on the stream, not the API
  EXPECT_FALSE(schemas.contains("google_protobuf_Timestamp"));  // inline where used
  Json& error = schemas["ConnectError"];
  EXPECT_EQ(error["properties"]["code"]["enum"].size(), 16u);
  EXPECT_EQ(error["properties"]["code"]["enum"][4], "not_found");
  EXPECT_EQ(error["properties"]["details"]["type"], "array");
}

TEST_F(RealProtosTest, SameSetSameBytesAsTheBuiltFile) {
  auto again = BuildOpenApi(GetReal().set, OpenApiOptions{});
  ASSERT_TRUE(again.ok()) << again.status();
  const std::string text = Serialize(*again);
  EXPECT_EQ(text, Serialize(doc()));

  std::ifstream in(CADRE_OPENAPI_JSON_PATH, std::ios::binary);
  ASSERT_TRUE(in) << CADRE_OPENAPI_JSON_PATH;
  std::ostringstream built;
  built << in.rdbuf();
  EXPECT_EQ(built.str(), text) << "web/openapi.json is not what the builder makes";
}

}  // namespace
}  // namespace cadre::openapi
