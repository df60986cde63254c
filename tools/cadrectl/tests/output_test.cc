#include "tools/cadrectl/output.h"

#include <grpcpp/support/status.h>
#include <gtest/gtest.h>

#include <sstream>

#include "cadre/v1/registry.pb.h"
#include "tools/cadrectl/errors.h"
#include "tools/cadrectl/views.h"

namespace cadre::cadrectl {
namespace {

TEST(TableTest, ColumnsAreAligned) {
  Table table({"NAME", "TITLE", "LEVEL"});
  table.AddRow({"roles/1", "Lay member", "3"});
  table.AddRow({"roles/12345", "Reader", "1"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "NAME         TITLE       LEVEL\n"
            "roles/1      Lay member  3\n"
            "roles/12345  Reader      1\n");
}

TEST(TableTest, LongCellsAreCutAndAccentsCountAsOneCharacter) {
  Table table({"A", "B"}, 10);
  table.AddRow({"Thérèse", "x"});
  table.AddRow({"abcdefghijklmnop", "y"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "A           B\n"
            "Thérèse     x\n"
            "abcdefg...  y\n");
}

TEST(FieldsTest, AlignedAndEmptyValuesLeftOut) {
  Fields fields;
  fields.Add("name", "bodies/RXF");
  fields.Add("website", "");
  fields.Add("display name", "Royal Example");
  std::ostringstream out;
  fields.Print(out);
  EXPECT_EQ(out.str(),
            "name:          bodies/RXF\n"
            "display name:  Royal Example\n");
}

TEST(PrintJsonTest, ProtoJsonMapping) {
  cadre::v1::Body body;
  body.set_name("bodies/RXF");
  body.set_kind(cadre::v1::BODY_KIND_TRUST);
  std::ostringstream out;
  ASSERT_TRUE(PrintJson(body, out).ok());
  EXPECT_NE(out.str().find("\"name\": \"bodies/RXF\""), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("\"BODY_KIND_TRUST\""), std::string::npos);
}

TEST(ExitCodeTest, UsageRpcAndLocalFailures) {
  EXPECT_EQ(ExitCodeFor(absl::OkStatus()), 0);
  EXPECT_EQ(ExitCodeFor(UsageError("--x: bad")), 2);
  EXPECT_EQ(ExitCodeFor(absl::InternalError("local")), 1);
  absl::Status denied = FromGrpcStatus(grpc::Status(grpc::PERMISSION_DENIED, "not yours"));
  EXPECT_EQ(ExitCodeFor(denied), 17);
  EXPECT_EQ(ErrorLine(denied), "error: PERMISSION_DENIED: not yours");
  EXPECT_EQ(ExitCodeFor(FromGrpcStatus(grpc::Status(grpc::UNAVAILABLE, "down"))), 24);
  // A server's INVALID_ARGUMENT is a failed call, not a usage error.
  EXPECT_EQ(ExitCodeFor(FromGrpcStatus(grpc::Status(grpc::INVALID_ARGUMENT, "title"))), 13);
}

TEST(ViewsTest, RoleTableHasTheColumnsUsersScan) {
  google::protobuf::RepeatedPtrField<cadre::v1::Role> roles;
  cadre::v1::Role* role = roles.Add();
  role->set_name("roles/42");
  role->set_title("Lay member");
  role->set_body("bodies/RXF");
  role->set_level(cadre::v1::INVOLVEMENT_LEVEL_3);
  role->mutable_time_commitment()->set_hours_per_month(8);
  role->mutable_location()->set_region(cadre::v1::REGION_SOUTH_EAST);
  role->mutable_location()->set_mode(cadre::v1::ATTENDANCE_MODE_IN_PERSON);
  role->set_state(cadre::v1::ROLE_STATE_OPEN);
  std::ostringstream out;
  PrintRoles(roles, out);
  EXPECT_EQ(out.str(),
            "NAME      TITLE       BODY        LEVEL  HOURS/MONTH  REGION      MODE       STATE  "
            "CLOSES\n"
            "roles/42  Lay member  bodies/RXF  3      8            south-east  in-person  open   "
            "-\n");
}

TEST(ViewsTest, TimeText) {
  cadre::v1::TimeCommitment time;
  time.set_hours_per_month(8);
  time.set_duration_months(12);
  time.set_pattern("one evening a month");
  EXPECT_EQ(TimeText(time), "8 h/month for 12 months (one evening a month)");
  EXPECT_EQ(TimeText(cadre::v1::TimeCommitment()), "");
}

}  // namespace
}  // namespace cadre::cadrectl
