// The builder over small descriptors made here, for what the real protos do not have
// (yet): maps, nested types, oneofs, wrappers, 64-bit integers, streaming RPCs.

#include <gtest/gtest.h>

#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/empty.pb.h"
#include "google/protobuf/wrappers.pb.h"
#include "tests/gateway/unit/openapi_test_util.h"
#include "tools/openapi_gen/openapi_builder.h"

namespace cadre::openapi {
namespace {

using google::protobuf::DescriptorProto;
using google::protobuf::FieldDescriptorProto;
using google::protobuf::FileDescriptorProto;
using google::protobuf::FileDescriptorSet;
using test_util::Json;
using test_util::RefOf;
using test_util::Resolve;

FieldDescriptorProto* AddField(DescriptorProto* message, const std::string& name, int number,
                               FieldDescriptorProto::Type type, const std::string& type_name = "") {
  FieldDescriptorProto* field = message->add_field();
  field->set_name(name);
  field->set_number(number);
  field->set_type(type);
  field->set_label(FieldDescriptorProto::LABEL_OPTIONAL);
  if (!type_name.empty()) field->set_type_name(type_name);
  return field;
}

void AddMethod(google::protobuf::ServiceDescriptorProto* service, const std::string& name,
               const std::string& input, const std::string& output, bool client_streaming,
               bool server_streaming) {
  auto* method = service->add_method();
  method->set_name(name);
  method->set_input_type(input);
  method->set_output_type(output);
  if (client_streaming) method->set_client_streaming(true);
  if (server_streaming) method->set_server_streaming(true);
}

template <typename Message>
void AddFileOf(FileDescriptorSet* set) {
  Message::descriptor()->file()->CopyTo(set->add_file());
}

// package test.v1:
//   // A basket.
//   // Two lines.
//   //
//   // Two paragraphs.
//   message Basket {
//     map<string, Item> items = 1;
//     map<int32, string> labels = 2;
//     Item.Size size = 3;
//     oneof payment { string card = 4; int64 voucher_pence = 5; }
//     google.protobuf.Int32Value quantity = 6;
//     google.protobuf.StringValue note = 7;
//     repeated Item.Part parts = 8;
//     uint64 big = 9;  bytes blob = 10;  double weight = 11;  sfixed64 offset = 12;
//   }
//   message Item { message Part { string name = 1; } enum Size {...} Part main_part = 1; }
//   service Shop {
//     rpc GetBasket(Basket) returns (Basket) { NO_SIDE_EFFECTS }
//     rpc Clear(google.protobuf.Empty) returns (google.protobuf.Empty);
//     rpc Watch(Basket) returns (stream Basket);
//     rpc Upload(stream Item) returns (Item);
//     rpc Chat(stream Item) returns (stream Item);
//   }
FileDescriptorSet ShopSet() {
  FileDescriptorSet set;
  AddFileOf<google::protobuf::Int32Value>(&set);
  AddFileOf<google::protobuf::Empty>(&set);

  FileDescriptorProto& file = *set.add_file();
  file.set_name("test/v1/shop.proto");
  file.set_package("test.v1");
  file.set_syntax("proto3");
  file.add_dependency("google/protobuf/wrappers.proto");
  file.add_dependency("google/protobuf/empty.proto");

  DescriptorProto& item = *file.add_message_type();
  item.set_name("Item");
  DescriptorProto& part = *item.add_nested_type();
  part.set_name("Part");
  AddField(&part, "name", 1, FieldDescriptorProto::TYPE_STRING);
  auto& size = *item.add_enum_type();
  size.set_name("Size");
  size.add_value()->set_name("SIZE_UNSPECIFIED");
  auto& small = *size.add_value();
  small.set_name("SIZE_SMALL");
  small.set_number(1);
  AddField(&item, "main_part", 1, FieldDescriptorProto::TYPE_MESSAGE, ".test.v1.Item.Part");

  DescriptorProto& basket = *file.add_message_type();
  basket.set_name("Basket");
  DescriptorProto& items_entry = *basket.add_nested_type();
  items_entry.set_name("ItemsEntry");
  items_entry.mutable_options()->set_map_entry(true);
  AddField(&items_entry, "key", 1, FieldDescriptorProto::TYPE_STRING);
  AddField(&items_entry, "value", 2, FieldDescriptorProto::TYPE_MESSAGE, ".test.v1.Item");
  AddField(&basket, "items", 1, FieldDescriptorProto::TYPE_MESSAGE, ".test.v1.Basket.ItemsEntry")
      ->set_label(FieldDescriptorProto::LABEL_REPEATED);
  DescriptorProto& labels_entry = *basket.add_nested_type();
  labels_entry.set_name("LabelsEntry");
  labels_entry.mutable_options()->set_map_entry(true);
  AddField(&labels_entry, "key", 1, FieldDescriptorProto::TYPE_INT32);
  AddField(&labels_entry, "value", 2, FieldDescriptorProto::TYPE_STRING);
  AddField(&basket, "labels", 2, FieldDescriptorProto::TYPE_MESSAGE, ".test.v1.Basket.LabelsEntry")
      ->set_label(FieldDescriptorProto::LABEL_REPEATED);
  AddField(&basket, "size", 3, FieldDescriptorProto::TYPE_ENUM, ".test.v1.Item.Size");
  basket.add_oneof_decl()->set_name("payment");
  AddField(&basket, "card", 4, FieldDescriptorProto::TYPE_STRING)->set_oneof_index(0);
  AddField(&basket, "voucher_pence", 5, FieldDescriptorProto::TYPE_INT64)->set_oneof_index(0);
  AddField(&basket, "quantity", 6, FieldDescriptorProto::TYPE_MESSAGE,
           ".google.protobuf.Int32Value");
  AddField(&basket, "note", 7, FieldDescriptorProto::TYPE_MESSAGE, ".google.protobuf.StringValue");
  AddField(&basket, "parts", 8, FieldDescriptorProto::TYPE_MESSAGE, ".test.v1.Item.Part")
      ->set_label(FieldDescriptorProto::LABEL_REPEATED);
  AddField(&basket, "big", 9, FieldDescriptorProto::TYPE_UINT64);
  AddField(&basket, "blob", 10, FieldDescriptorProto::TYPE_BYTES);
  AddField(&basket, "weight", 11, FieldDescriptorProto::TYPE_DOUBLE);
  AddField(&basket, "offset", 12, FieldDescriptorProto::TYPE_SFIXED64);

  auto& service = *file.add_service();
  service.set_name("Shop");
  AddMethod(&service, "GetBasket", ".test.v1.Basket", ".test.v1.Basket", false, false);
  service.mutable_method(0)->mutable_options()->set_idempotency_level(
      google::protobuf::MethodOptions::NO_SIDE_EFFECTS);
  AddMethod(&service, "Clear", ".google.protobuf.Empty", ".google.protobuf.Empty", false, false);
  AddMethod(&service, "Watch", ".test.v1.Basket", ".test.v1.Basket", false, true);
  AddMethod(&service, "Upload", ".test.v1.Item", ".test.v1.Item", true, false);
  AddMethod(&service, "Chat", ".test.v1.Item", ".test.v1.Item", true, true);

  // Comments: message_type (4) 1 is Basket; service (6) 0 method (2) 0 is GetBasket.
  // The pool gives back only locations with a span (line, column, end column).
  auto* basket_comment = file.mutable_source_code_info()->add_location();
  basket_comment->add_path(4);
  basket_comment->add_path(1);
  for (int position : {0, 0, 1}) basket_comment->add_span(position);
  basket_comment->set_leading_comments(" A basket.\n Two lines.\n\n Two paragraphs.\n");
  auto* method_comment = file.mutable_source_code_info()->add_location();
  for (int step : {6, 0, 2, 0}) method_comment->add_path(step);
  for (int position : {1, 0, 1}) method_comment->add_span(position);
  method_comment->set_leading_comments(" Reads a basket. Anyone may.\n");
  return set;
}

class SmallDescriptorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto document = BuildOpenApi(ShopSet(), OpenApiOptions{.package = "test.v1"});
    ASSERT_TRUE(document.ok()) << document.status();
    doc_ = *std::move(document);
  }
  Json& Schema(const std::string& name) { return doc_["components"]["schemas"][name]; }
  Json& Property(const std::string& name) { return Schema("Basket")["properties"][name]; }

  Json doc_;
};

TEST_F(SmallDescriptorTest, StreamingMethodsAreLeftOut) {
  Json& paths = doc_["paths"];
  EXPECT_TRUE(paths.contains("/test.v1.Shop/GetBasket"));
  EXPECT_TRUE(paths.contains("/test.v1.Shop/Clear"));
  EXPECT_FALSE(paths.contains("/test.v1.Shop/Watch"));
  EXPECT_FALSE(paths.contains("/test.v1.Shop/Upload"));
  EXPECT_FALSE(paths.contains("/test.v1.Shop/Chat"));
  EXPECT_EQ(paths.size(), 2u);
  EXPECT_TRUE(paths["/test.v1.Shop/GetBasket"].contains("get"));
  EXPECT_FALSE(paths["/test.v1.Shop/Clear"].contains("get"));
}

TEST_F(SmallDescriptorTest, MapsAreObjects) {
  Json& items = Property("items");
  EXPECT_EQ(items["type"], "object");
  EXPECT_EQ(RefOf(items["additionalProperties"]), "#/components/schemas/Item");
  Json& labels = Property("labels");
  EXPECT_EQ(labels["additionalProperties"]["type"], "string");
  EXPECT_NE(labels["description"].get<std::string>().find("int32"), std::string::npos);
  EXPECT_FALSE(doc_["components"]["schemas"].contains("Basket_ItemsEntry"));
}

TEST_F(SmallDescriptorTest, NestedTypesAreNamedWithUnderscores) {
  EXPECT_EQ(RefOf(Property("size")), "#/components/schemas/Item_Size");
  EXPECT_EQ(Schema("Item_Size")["enum"], Json::array({"SIZE_UNSPECIFIED", "SIZE_SMALL"}));
  EXPECT_EQ(RefOf(Property("parts")["items"]), "#/components/schemas/Item_Part");
  EXPECT_EQ(Schema("Item_Part")["properties"]["name"]["type"], "string");
  EXPECT_EQ(RefOf(Schema("Item")["properties"]["mainPart"]), "#/components/schemas/Item_Part");
}

TEST_F(SmallDescriptorTest, OneofMembersSayso) {
  for (const char* member : {"card", "voucherPence"}) {
    const std::string description = Property(member)["description"];
    EXPECT_NE(description.find("oneof `payment`"), std::string::npos) << description;
    EXPECT_NE(description.find("`card`, `voucherPence`"), std::string::npos) << description;
  }
  EXPECT_FALSE(Property("weight").contains("description"));
}

TEST_F(SmallDescriptorTest, ScalarsAndWrappersAsTheJsonMappingWritesThem) {
  EXPECT_EQ(Property("voucherPence")["type"], "string");
  EXPECT_EQ(Property("voucherPence")["format"], "int64");
  EXPECT_EQ(Property("offset")["type"], "string");
  EXPECT_EQ(Property("big")["type"], "string");
  EXPECT_EQ(Property("big")["format"], "uint64");
  EXPECT_EQ(Property("blob")["format"], "byte");
  EXPECT_EQ(Property("weight")["type"], "number");
  EXPECT_EQ(Property("quantity")["type"], "integer");
  EXPECT_EQ(Property("quantity")["nullable"], true);
  EXPECT_EQ(Property("note")["type"], "string");
  EXPECT_EQ(Property("note")["nullable"], true);
  EXPECT_FALSE(doc_["components"]["schemas"].contains("google_protobuf_Int32Value"));
}

TEST_F(SmallDescriptorTest, WellKnownRequestsAreComponents) {
  Json& clear = doc_["paths"]["/test.v1.Shop/Clear"]["post"];
  const std::string ref = clear["requestBody"]["content"]["application/json"]["schema"]["$ref"];
  EXPECT_EQ(ref, "#/components/schemas/google_protobuf_Empty");
  EXPECT_EQ(Resolve(doc_, ref)["type"], "object");
}

TEST_F(SmallDescriptorTest, CommentsAreJoinedIntoParagraphs) {
  EXPECT_EQ(Schema("Basket")["description"], "A basket. Two lines.\n\nTwo paragraphs.");
  Json& get_basket = doc_["paths"]["/test.v1.Shop/GetBasket"]["post"];
  EXPECT_FALSE(get_basket.contains("summary"));
  EXPECT_EQ(get_basket["description"], "Reads a basket. Anyone may.");
  EXPECT_FALSE(Schema("Item").contains("description"));
}

TEST_F(SmallDescriptorTest, EveryRefResolves) {
  std::vector<std::string> refs;
  test_util::CollectRefs(doc_, &refs);
  for (const std::string& ref : refs) EXPECT_TRUE(Resolve(doc_, ref).is_object()) << ref;
}

TEST(SmallDescriptorErrorsTest, AMissingImportIsNamed) {
  FileDescriptorSet set = ShopSet();
  set.mutable_file()->DeleteSubrange(0, 1);  // wrappers.proto
  auto document = BuildOpenApi(set, OpenApiOptions{.package = "test.v1"});
  ASSERT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(document.status().message().find("google/protobuf/wrappers.proto"), std::string::npos);
  EXPECT_NE(document.status().message().find("--include_imports"), std::string::npos);
}

TEST(SmallDescriptorErrorsTest, APackageWithoutServices) {
  auto document = BuildOpenApi(ShopSet(), OpenApiOptions{.package = "cadre.v1"});
  ASSERT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(document.status().message().find("cadre.v1"), std::string::npos);
}

TEST(SmallDescriptorErrorsTest, TwoTypesWithOneSchemaName) {
  FileDescriptorSet set = ShopSet();
  FileDescriptorProto& file = *set.mutable_file(2);
  // Item_Part (a message) beside Item.Part (nested), both reached from Basket.
  DescriptorProto& flat = *file.add_message_type();
  flat.set_name("Item_Part");
  AddField(file.mutable_message_type(1), "flat", 13, FieldDescriptorProto::TYPE_MESSAGE,
           ".test.v1.Item_Part");
  auto document = BuildOpenApi(set, OpenApiOptions{.package = "test.v1"});
  ASSERT_EQ(document.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(document.status().message().find("Item_Part"), std::string::npos);
}

}  // namespace
}  // namespace cadre::openapi
