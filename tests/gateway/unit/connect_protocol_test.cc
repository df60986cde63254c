// The Connect protocol's pure parts: the code table, error bodies, content types, headers
// and the GET query.

#include "services/gateway/domain/connect_protocol.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/escaping.h"
#include "tests/support/status_matchers.h"

namespace cadre::gateway {
namespace {

using ::cadre::testing::IsOkAndHolds;
using ::cadre::testing::StatusIs;
using Query = std::multimap<std::string, std::string>;

TEST(ConnectCodeTable, EveryCodeHasConnectsNameAndHttpStatus) {
  struct Row {
    absl::StatusCode code;
    const char* name;
    int http;
  };
  const Row rows[] = {
      {absl::StatusCode::kCancelled, "canceled", 499},
      {absl::StatusCode::kUnknown, "unknown", 500},
      {absl::StatusCode::kInvalidArgument, "invalid_argument", 400},
      {absl::StatusCode::kDeadlineExceeded, "deadline_exceeded", 504},
      {absl::StatusCode::kNotFound, "not_found", 404},
      {absl::StatusCode::kAlreadyExists, "already_exists", 409},
      {absl::StatusCode::kPermissionDenied, "permission_denied", 403},
      {absl::StatusCode::kResourceExhausted, "resource_exhausted", 429},
      {absl::StatusCode::kFailedPrecondition, "failed_precondition", 400},
      {absl::StatusCode::kAborted, "aborted", 409},
      {absl::StatusCode::kOutOfRange, "out_of_range", 400},
      {absl::StatusCode::kUnimplemented, "unimplemented", 501},
      {absl::StatusCode::kInternal, "internal", 500},
      {absl::StatusCode::kUnavailable, "unavailable", 503},
      {absl::StatusCode::kDataLoss, "data_loss", 500},
      {absl::StatusCode::kUnauthenticated, "unauthenticated", 401},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(ConnectCodeName(row.code), row.name) << row.name;
    EXPECT_EQ(HttpStatusForCode(row.code), row.http) << row.name;
  }
}

TEST(ConnectCodeTable, NumbersOutsideTheTableAreUnknown500) {
  EXPECT_EQ(ConnectCodeName(static_cast<absl::StatusCode>(42)), "unknown");
  EXPECT_EQ(HttpStatusForCode(static_cast<absl::StatusCode>(42)), 500);
}

TEST(ConnectErrorJson, CodeAndEscapedMessage) {
  EXPECT_EQ(ConnectErrorJson(absl::StatusCode::kNotFound, "roles/7 not found"),
            R"({"code":"not_found","message":"roles/7 not found"})");
  EXPECT_EQ(ConnectErrorJson(absl::StatusCode::kInvalidArgument, "a \"b\"\\c\n\x01"),
            R"({"code":"invalid_argument","message":"a \"b\"\\c\n\u0001"})");
  EXPECT_EQ(ConnectErrorJson(absl::StatusCode::kInternal, ""), R"({"code":"internal"})");
}

TEST(ConnectErrorJson, LongMessagesAreCut) {
  const std::string json =
      ConnectErrorJson(absl::StatusCode::kInvalidArgument, std::string(5000, 'x'));
  EXPECT_LT(json.size(), kMaxConnectMessageBytes + 64);
  EXPECT_THAT(json, ::testing::HasSubstr("...\"}"));
}

TEST(ContentTypes, JsonWithOrWithoutCharsetAndProto) {
  EXPECT_EQ(EncodingForContentType("application/json"), ConnectEncoding::kJson);
  EXPECT_EQ(EncodingForContentType("application/json; charset=utf-8"), ConnectEncoding::kJson);
  EXPECT_EQ(EncodingForContentType("Application/JSON;charset=UTF-8"), ConnectEncoding::kJson);
  EXPECT_EQ(EncodingForContentType("application/proto"), ConnectEncoding::kProto);
  EXPECT_EQ(ContentTypeFor(ConnectEncoding::kJson), "application/json");
  EXPECT_EQ(ContentTypeFor(ConnectEncoding::kProto), "application/proto");
}

TEST(ContentTypes, OthersAreRefused) {
  for (const char* type :
       {"", "text/plain", "application/x-www-form-urlencoded", "application/grpc",
        "application/json; charset=latin1", "application/connect+json", "application/jsonx"}) {
    EXPECT_EQ(EncodingForContentType(type), absl::nullopt) << type;
  }
}

TEST(Headers, ProtocolVersionAbsentOrOne) {
  EXPECT_TRUE(CheckProtocolVersion("").ok());
  EXPECT_TRUE(CheckProtocolVersion("1").ok());
  EXPECT_THAT(CheckProtocolVersion("2"),
              StatusIs(absl::StatusCode::kInvalidArgument, "connect-protocol-version"));
}

TEST(Headers, TimeoutIsUpToTenDigitsOfMilliseconds) {
  EXPECT_THAT(ParseTimeoutMs(""), IsOkAndHolds(absl::ZeroDuration()));
  EXPECT_THAT(ParseTimeoutMs("250"), IsOkAndHolds(absl::Milliseconds(250)));
  EXPECT_THAT(ParseTimeoutMs("9999999999"), IsOkAndHolds(absl::Milliseconds(9999999999)));
  EXPECT_THAT(ParseTimeoutMs("0"), IsOkAndHolds(absl::Milliseconds(1)));
  for (const char* bad : {"12345678901", "-5", "1.5", "10s", " 10", "+1"}) {
    EXPECT_THAT(ParseTimeoutMs(bad),
                StatusIs(absl::StatusCode::kInvalidArgument, "connect-timeout-ms"))
        << bad;
  }
}

TEST(Headers, OnlyIdentityRequestCompression) {
  EXPECT_TRUE(CheckRequestCompression("").ok());
  EXPECT_TRUE(CheckRequestCompression("identity").ok());
  EXPECT_THAT(CheckRequestCompression("gzip"), StatusIs(absl::StatusCode::kUnimplemented, "gzip"));
}

TEST(Headers, BearerKeyOrAnonymous) {
  EXPECT_THAT(BearerKey(""), IsOkAndHolds(""));
  EXPECT_THAT(BearerKey("Bearer cadre_abc123"), IsOkAndHolds("cadre_abc123"));
  EXPECT_THAT(BearerKey("bearer cadre_abc123"), IsOkAndHolds("cadre_abc123"));
  for (const char* bad : {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Bearer a b", "cadre_abc",
                          "Bearer caf\xc3\xa9"}) {
    EXPECT_THAT(BearerKey(bad), StatusIs(absl::StatusCode::kUnauthenticated)) << bad;
  }
  EXPECT_THAT(BearerKey("Bearer " + std::string(kMaxBearerKeyBytes + 1, 'k')),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST(CacheControl, PublicOnlyForAnonymousSuccessfulGets) {
  EXPECT_EQ(CacheControlFor(/*get=*/true, /*has_authorization=*/false, /*ok=*/true),
            "public, max-age=30");
  EXPECT_EQ(CacheControlFor(true, true, true), "private, no-store");
  EXPECT_EQ(CacheControlFor(false, true, true), "private, no-store");
  EXPECT_EQ(CacheControlFor(false, false, true), "no-store");
  EXPECT_EQ(CacheControlFor(true, false, false), "no-store");
}

TEST(GetQuery, JsonMessageAsItIs) {
  const Query query = {{"connect", "v1"}, {"encoding", "json"}, {"message", R"({"name":"x"})"}};
  auto request = ParseGetQuery(query);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->encoding, ConnectEncoding::kJson);
  EXPECT_EQ(request->message, R"({"name":"x"})");
}

TEST(GetQuery, Base64WithAndWithoutPadding) {
  const std::string bytes = "\x0a\x07roles/1\xff";  // not text: a proto message's bytes
  std::string padded = absl::WebSafeBase64Escape(bytes);
  padded.append((4 - padded.size() % 4) % 4, '=');
  ASSERT_NE(padded, absl::WebSafeBase64Escape(bytes));  // the test means to pad
  for (const std::string& encoded :
       {absl::WebSafeBase64Escape(bytes), padded, absl::Base64Escape(bytes)}) {
    const Query query = {{"encoding", "proto"}, {"message", encoded}, {"base64", "1"}};
    auto request = ParseGetQuery(query);
    ASSERT_TRUE(request.ok()) << encoded << ": " << request.status();
    EXPECT_EQ(request->encoding, ConnectEncoding::kProto);
    EXPECT_EQ(request->message, bytes) << encoded;
  }
}

TEST(GetQuery, EmptyMessageIsAnEmptyRequest) {
  auto request = ParseGetQuery({{"encoding", "proto"}, {"message", ""}});
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->message, "");
}

TEST(GetQuery, MistakesNameTheParameter) {
  EXPECT_THAT(ParseGetQuery({{"message", "{}"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, "encoding"));
  EXPECT_THAT(ParseGetQuery({{"encoding", "xml"}, {"message", "{}"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, "encoding"));
  EXPECT_THAT(ParseGetQuery({{"encoding", "json"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, "message"));
  EXPECT_THAT(ParseGetQuery({{"connect", "v2"}, {"encoding", "json"}, {"message", "{}"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, "connect"));
  EXPECT_THAT(ParseGetQuery({{"encoding", "json"}, {"message", "{}"}, {"base64", "yes"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, "base64"));
  EXPECT_THAT(ParseGetQuery({{"encoding", "json"}, {"message", "%%%"}, {"base64", "1"}}),
              StatusIs(absl::StatusCode::kInvalidArgument, "message"));
}

TEST(GetQuery, CompressionOnlyIdentity) {
  EXPECT_TRUE(
      ParseGetQuery({{"encoding", "json"}, {"message", "{}"}, {"compression", "identity"}}).ok());
  EXPECT_THAT(ParseGetQuery({{"encoding", "json"}, {"message", "{}"}, {"compression", "gzip"}}),
              StatusIs(absl::StatusCode::kUnimplemented, "gzip"));
}

}  // namespace
}  // namespace cadre::gateway
