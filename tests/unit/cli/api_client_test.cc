#include "cli/api_client.h"

#include <gtest/gtest.h>

namespace reghub::cli {
namespace {

TEST(ErrorFromResponse, ReadsCodeMessageAndDetails) {
  Error error = ErrorFromResponse(400, R"({"error":{"code":"invalid_argument",
      "message":"url: remove the scheme \"https://\": use \"reg.example.com\"",
      "details":[{"field":"url","message":"remove the scheme"}]}})");
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(error.message, R"(url: remove the scheme "https://": use "reg.example.com")");
  ASSERT_EQ(error.details.size(), 1u);
  EXPECT_EQ(error.details[0].field, "url");
}

TEST(ErrorFromResponse, MapsEveryApiCode) {
  for (ErrorCode code : {ErrorCode::kUnauthenticated, ErrorCode::kConflict, ErrorCode::kNotFound,
                         ErrorCode::kFailedPrecondition, ErrorCode::kUnavailable}) {
    std::string body =
        R"({"error":{"code":")" + std::string(ErrorCodeName(code)) + R"(","message":"m"}})";
    EXPECT_EQ(ErrorFromResponse(409, body).code, code);
  }
}

TEST(ErrorFromResponse, NamesTheStatusForOtherBodies) {
  Error error = ErrorFromResponse(502, "<html>bad gateway</html>");
  EXPECT_EQ(error.code, ErrorCode::kInternal);
  EXPECT_NE(error.message.find("502"), std::string::npos);
  EXPECT_EQ(ErrorFromResponse(401, "").code, ErrorCode::kUnauthenticated);
}

TEST(QueryEscape, EncodesReservedCharacters) {
  EXPECT_EQ(QueryEscape("reg.example.com:5000"), "reg.example.com%3A5000");
  EXPECT_EQ(QueryEscape("[::1]:5000"), "%5B%3A%3A1%5D%3A5000");
  EXPECT_EQ(QueryEscape("a b&c"), "a%20b%26c");
}

TEST(ApiClient, ReportsAnUnreachableHubAsUnavailable) {
  // Port 1 on loopback: nothing listens there.
  ApiClient client("http://127.0.0.1:1", SecretString("secret-token-value"));
  auto result = client.Get("/api/v1/registries");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("http://127.0.0.1:1"), std::string::npos);
  EXPECT_EQ(result.error().message.find("secret-token-value"), std::string::npos);
}

}  // namespace
}  // namespace reghub::cli
