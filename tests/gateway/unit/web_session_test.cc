#include "services/gateway/domain/web_session.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/gateway/domain/session_seal.h"

namespace cadre::gateway {
namespace {

constexpr char kKeyA[] = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr char kKeyB[] = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

TEST(SessionSealTest, OpensWhatItSealedAndNothingElse) {
  auto seal = SessionSeal::Parse(kKeyA);
  ASSERT_TRUE(seal.ok()) << seal.status();
  const std::string box = seal->Seal("the record", "gateway:session:abc");
  EXPECT_FALSE(absl::StrContains(box, "the record"));
  EXPECT_NE(box, seal->Seal("the record", "gateway:session:abc"));  // a fresh nonce each time
  auto opened = seal->Open(box, "gateway:session:abc");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "the record");
  // Moved under another session's name, or changed by one bit: it does not open.
  EXPECT_EQ(seal->Open(box, "gateway:session:abd").status().code(), absl::StatusCode::kDataLoss);
  std::string tampered = box;
  tampered[20] ^= 1;
  EXPECT_EQ(seal->Open(tampered, "gateway:session:abc").status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(seal->Open("short", "x").status().code(), absl::StatusCode::kDataLoss);
}

TEST(SessionSealTest, RotatesKeys) {
  auto old_ring = SessionSeal::Parse(kKeyA);
  auto new_ring = SessionSeal::Parse(absl::StrCat("# rotated\n", kKeyB, "\n", kKeyA, "\n"));
  auto retired = SessionSeal::Parse(kKeyB);
  ASSERT_TRUE(old_ring.ok() && new_ring.ok() && retired.ok());
  const std::string old_box = old_ring->Seal("old", "c");
  EXPECT_EQ(*new_ring->Open(old_box, "c"), "old");  // the old key still opens
  // The old ring does not know the new key.
  EXPECT_EQ(old_ring->Open(new_ring->Seal("new", "c"), "c").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(retired->Open(old_box, "c").status().code(), absl::StatusCode::kNotFound);
}

TEST(SessionSealTest, RefusesBadKeyFilesWithoutShowingThem) {
  for (const std::string& text :
       {std::string(""), std::string("# only a comment\n"), std::string("abc"),
        std::string(kKeyA).substr(1) + "g", absl::StrCat(kKeyA, "\n", kKeyA)}) {
    auto seal = SessionSeal::Parse(text);
    ASSERT_FALSE(seal.ok()) << text;
    EXPECT_EQ(seal.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(seal.status().message(), "session_key_file"));
    EXPECT_FALSE(absl::StrContains(seal.status().message(), "0011223344"));
  }
}

TEST(SessionRecordTest, RoundTripsAndRefusesOtherShapes) {
  const SessionRecord record{.applicant = "applicants/abcdefghijklmnop",
                             .key = "cadre_0123",
                             .csrf = NewToken(),
                             .key_expire = absl::FromUnixSeconds(1800000000)};
  auto back = ParseSessionRecord(SerializeSessionRecord(record));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->applicant, record.applicant);
  EXPECT_EQ(back->key, record.key);
  EXPECT_EQ(back->csrf, record.csrf);
  EXPECT_EQ(back->key_expire, record.key_expire);
  EXPECT_FALSE(ParseSessionRecord("v2\na\nb\nc\n1").ok());
  EXPECT_FALSE(ParseSessionRecord("v1\na\n\nc\n1").ok());
  EXPECT_FALSE(ParseSessionRecord("v1\na\nb\nc\nsoon").ok());
}

TEST(SessionRecordTest, ReadsVersionOneRecordsAsAnApplicantsSessions) {
  // Records written before staff sessions (issue 10) still open: the person stays signed in.
  const std::string csrf = NewToken();
  auto old =
      ParseSessionRecord(absl::StrCat("v1\napplicants/abc\ncadre_k\n", csrf, "\n1800000000"));
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->kind, SessionKind::kApplicant);
  EXPECT_EQ(old->applicant, "applicants/abc");
  EXPECT_EQ(old->owner(), "applicants/abc");
  EXPECT_EQ(old->key, "cadre_k");
  EXPECT_EQ(old->csrf, csrf);
  EXPECT_EQ(old->key_expire, absl::FromUnixSeconds(1800000000));
  EXPECT_TRUE(old->staff.empty());
  // Written again, it is a v2 record of the applicant kind.
  const std::string text = SerializeSessionRecord(*old);
  EXPECT_TRUE(absl::StartsWith(text, "v2\napplicant\n")) << text;
  auto back = ParseSessionRecord(text);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->kind, SessionKind::kApplicant);
  EXPECT_EQ(back->applicant, "applicants/abc");
}

TEST(SessionRecordTest, StaffRecordsRoundTripWithTheirMember) {
  const SessionRecord record{.kind = SessionKind::kStaff,
                             .key = "cadre_staffkey",
                             .csrf = NewToken(),
                             .key_expire = absl::FromUnixSeconds(1800000000),
                             .staff = "bodies/RXF/staff/0123456789abcdef",
                             .body_code = "RXF",
                             .staff_role = "recruiter",
                             // Free text: spaces, non-ASCII, even a newline stay whole.
                             .display_name = "Zo\xc3\xab O'Neill\nJr",
                             .body_display_name = "Mid Yorkshire Teaching NHS Trust"};
  const std::string text = SerializeSessionRecord(record);
  EXPECT_FALSE(absl::StrContains(text, "Neill")) << "display names are encoded";
  auto back = ParseSessionRecord(text);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->kind, SessionKind::kStaff);
  EXPECT_TRUE(back->applicant.empty());
  EXPECT_EQ(back->owner(), "bodies/RXF/staff/0123456789abcdef");
  EXPECT_EQ(back->key, record.key);
  EXPECT_EQ(back->csrf, record.csrf);
  EXPECT_EQ(back->key_expire, record.key_expire);
  EXPECT_EQ(back->body_code, "RXF");
  EXPECT_EQ(back->staff_role, "recruiter");
  EXPECT_EQ(back->display_name, record.display_name);
  EXPECT_EQ(back->body_display_name, record.body_display_name);
}

TEST(SessionRecordTest, RefusesStaffRecordsWhosePartsDisagree) {
  const SessionRecord good{.kind = SessionKind::kStaff,
                           .key = "cadre_staffkey",
                           .csrf = NewToken(),
                           .key_expire = absl::FromUnixSeconds(1800000000),
                           .staff = "bodies/RXF/staff/0123456789abcdef",
                           .body_code = "RXF",
                           .staff_role = "manager",
                           .display_name = "Ada",
                           .body_display_name = "A trust"};
  ASSERT_TRUE(ParseSessionRecord(SerializeSessionRecord(good)).ok());
  SessionRecord other_body = good;
  other_body.body_code = "RYJ";  // the staff name is of RXF
  SessionRecord unknown_role = good;
  unknown_role.staff_role = "owner";
  SessionRecord nameless = good;
  nameless.display_name = "";
  for (const SessionRecord& bad : {other_body, unknown_role, nameless}) {
    EXPECT_EQ(ParseSessionRecord(SerializeSessionRecord(bad)).status().code(),
              absl::StatusCode::kDataLoss);
  }
  // A staff record cut short, or an applicant's with staff lines, is another shape.
  const std::string text = SerializeSessionRecord(good);
  EXPECT_FALSE(ParseSessionRecord(text.substr(0, text.rfind('\n'))).ok());
  EXPECT_FALSE(ParseSessionRecord(
                   absl::StrCat("v2\napplicant\napplicants/a\nk\n", good.csrf, "\n1800000000\nRXF"))
                   .ok());
  EXPECT_FALSE(ParseSessionRecord(
                   absl::StrCat("v3\napplicant\napplicants/a\nk\n", good.csrf, "\n1800000000"))
                   .ok());
}

TEST(TokenTest, ShapeAndComparison) {
  const std::string token = NewToken();
  EXPECT_EQ(token.size(), kTokenChars);
  EXPECT_TRUE(IsToken(token));
  EXPECT_NE(token, NewToken());
  EXPECT_FALSE(IsToken(token.substr(1)));
  EXPECT_FALSE(IsToken(token.substr(1) + "="));
  EXPECT_TRUE(TokensMatch(token, token));
  EXPECT_FALSE(TokensMatch("", ""));  // an empty expected token never matches
  EXPECT_FALSE(TokensMatch(token.substr(1), token));
}

TEST(CookieTest, HeadersCarryTheirAttributes) {
  const std::string header =
      CookieHeader(kSessionCookie, "v", absl::FromUnixSeconds(1800000000), /*secure=*/true);
  EXPECT_EQ(header,
            "cadre_session=v; Path=/; HttpOnly; SameSite=Lax; Expires=Fri, 15 Jan 2027 08:00:00 "
            "GMT; Secure");
  EXPECT_FALSE(absl::StrContains(CookieHeader("a", "b", absl::InfiniteFuture(), false), "Expires"));
  EXPECT_TRUE(absl::StrContains(ClearCookieHeader("a", false), "Max-Age=0"));
  EXPECT_EQ(CookieName(kSessionCookie, /*secure=*/true), "__Host-cadre_session");
  EXPECT_EQ(CookieName(kSessionCookie, /*secure=*/false), "cadre_session");
}

TEST(ReturnPathTest, OnlyLocalPaths) {
  EXPECT_EQ(SafeReturnPath("/applications/abc?done=1"), "/applications/abc?done=1");
  EXPECT_EQ(SafeReturnPath("/"), "/");
  for (const char* off_site :
       {"", "https://evil.example/", "//evil.example", "/\\evil.example", "evil.example",
        "javascript:alert(1)", "/a b", "/a\"b", "/a\nb", "/caf\xc3\xa9"}) {
    EXPECT_EQ(SafeReturnPath(off_site), "/") << off_site;
  }
  EXPECT_EQ(SafeReturnPath(std::string(kMaxReturnPathChars + 1, 'a').replace(0, 1, "/")), "/");
}

}  // namespace
}  // namespace cadre::gateway
