// Resource names: one canonical form each, and applicant ids that are random base32.

#include "services/matching/domain/names.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

#include "tests/support/status_matchers.h"

namespace cadre::matching {
namespace {

using ::cadre::testing::InvalidAt;
using ::cadre::testing::IsOkAndHolds;

constexpr char kId[] = "abcdefghijkmnpq2";

TEST(ApplicantNames, FormatAndParseRoundTrip) {
  EXPECT_EQ(ApplicantName(kId), "applicants/abcdefghijkmnpq2");
  EXPECT_THAT(ParseApplicantName(ApplicantName(kId), "name"), IsOkAndHolds(std::string(kId)));
}

TEST(ApplicantNames, RefuseAnythingNotCanonical) {
  for (const char* name :
       {"", "applicants/", "abcdefghijkmnpq2", "applicant/abcdefghijkmnpq2",
        "applicants/abcdefghijkmnpq", "applicants/abcdefghijkmnpq23", "applicants/ABCDEFGHIJKMNPQ2",
        "applicants/abcdefghijkmnpq1", "applicants/abcdefghijkmnpq8", "applicants/abcdefghijkmnp-2",
        "applicants/abcdefghijkmnpq2/", "applicants//abcdefghijkmnpq"}) {
    EXPECT_THAT(ParseApplicantName(name, "applicant"), InvalidAt("applicant")) << name;
  }
}

TEST(ApplicantIds, AreSixteenOfLowerCaseAndTwoToSeven) {
  EXPECT_TRUE(IsApplicantId("abcdefghijklmnop"));
  EXPECT_TRUE(IsApplicantId("qrstuvwxyz234567"));
  EXPECT_FALSE(IsApplicantId("abcdefghijklmno"));
  EXPECT_FALSE(IsApplicantId("abcdefghijklmnopq"));
  EXPECT_FALSE(IsApplicantId("abcdefghijklmno0"));
  EXPECT_FALSE(IsApplicantId("abcdefghijklmno9"));
  EXPECT_FALSE(IsApplicantId(""));
}

TEST(NewApplicantId, IsAnApplicantIdFromTheDraws) {
  uint64_t next = 0;
  const std::string zeros = NewApplicantId([&] { return next; });
  EXPECT_EQ(zeros, "aaaaaaaaaaaaaaaa");
  const std::string ones = NewApplicantId([] { return ~uint64_t{0}; });
  EXPECT_EQ(ones, "7777777777777777");
  // Low five bits first: 1 → 'b', then 2 → 'c'.
  const std::string counted = NewApplicantId([] { return uint64_t{1} | (uint64_t{2} << 5); });
  EXPECT_EQ(counted.substr(0, 3), "bca");
  EXPECT_TRUE(IsApplicantId(counted));
}

TEST(NewApplicantId, UsesTwoDrawsAndEveryCharacterOfBoth) {
  int calls = 0;
  const std::string id = NewApplicantId([&] {
    ++calls;
    return calls == 1 ? uint64_t{0} : ~uint64_t{0};
  });
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(id, "aaaaaaaaaaaa7777");  // 12 characters from the first draw, 4 from the second
}

TEST(NewApplicantId, DiffersAcrossDraws) {
  uint64_t state = 0x9E3779B97F4A7C15ull;
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    ids.insert(NewApplicantId([&] {
      state ^= state << 13;  // xorshift64: enough for distinct test draws
      state ^= state >> 7;
      state ^= state << 17;
      return state;
    }));
  }
  EXPECT_EQ(ids.size(), 1000u);
  for (const std::string& id : ids) EXPECT_TRUE(IsApplicantId(id)) << id;
}

TEST(CredentialNames, FormatAndParseRoundTrip) {
  EXPECT_EQ(CredentialName(kId, 7), "applicants/abcdefghijkmnpq2/credentials/7");
  const absl::StatusOr<CredentialRef> ref =
      ParseCredentialName("applicants/abcdefghijkmnpq2/credentials/42", "name");
  ASSERT_TRUE(ref.ok()) << ref.status();
  EXPECT_EQ(ref->applicant_id, kId);
  EXPECT_EQ(ref->n, 42);
}

TEST(CredentialNames, RefuseAnythingNotCanonical) {
  for (const char* name :
       {"", "applicants/abcdefghijkmnpq2", "applicants/abcdefghijkmnpq2/",
        "applicants/abcdefghijkmnpq2/credentials/", "applicants/abcdefghijkmnpq2/credentials/0",
        "applicants/abcdefghijkmnpq2/credentials/07", "applicants/abcdefghijkmnpq2/credentials/-1",
        "applicants/abcdefghijkmnpq2/credentials/1x",
        "applicants/abcdefghijkmnpq2/credentials/99999999999999999",
        "applicants/abcdefghijkmnpq2/credential/1", "applicants/ABCDEFGHIJKMNPQ2/credentials/1",
        "applicants/abcdefghijkmnpq/credentials/1", "credentials/1"}) {
    EXPECT_THAT(ParseCredentialName(name, "name"), InvalidAt("name")) << name;
  }
}

TEST(BodyNames, AcceptOdsAndCadreCodes) {
  for (const char* name : {"bodies/RXF", "bodies/QWE", "bodies/8HK12", "bodies/ABCDEF",
                           "bodies/CDR0007", "bodies/CDR123456789012"}) {
    EXPECT_TRUE(IsBodyName(name)) << name;
  }
  for (const char* name : {"", "RXF", "bodies/", "bodies/rxf", "bodies/RX", "bodies/ABCDEFG",
                           "bodies/CDR1234567890123", "bodies/R-F", "body/RXF", "bodies/RXF/"}) {
    EXPECT_FALSE(IsBodyName(name)) << name;
  }
}

}  // namespace
}  // namespace cadre::matching
