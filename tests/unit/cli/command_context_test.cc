#include "cli/command_context.h"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli_main.h"

namespace reghub::cli {
namespace {

struct Streams {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  CommandContext context{{}, in, out, err};
};

TEST(ReportError, PrintsTheMessageAndOnlyDetailsItDoesNotContain) {
  Streams s;
  Error error = Error::InvalidArgument(
      "credentials.kind: \"ecr-access-key\" is not offered for provider \"acr\" (and 1 more "
      "problem)",
      {{"credentials.kind", "\"ecr-access-key\" is not offered for provider \"acr\""},
       {"credentials.secret_access_key", "required for kind \"ecr-access-key\""}});
  EXPECT_EQ(ReportError(s.context, error), kExitFailure);
  EXPECT_EQ(
      s.err.str(),
      "error: credentials.kind: \"ecr-access-key\" is not offered for provider \"acr\" (and 1 more "
      "problem)\n"
      "  credentials.secret_access_key: required for kind \"ecr-access-key\"\n");
  EXPECT_EQ(s.out.str(), "");
}

TEST(ReportError, HintsAtLoginWhenUnauthenticated) {
  Streams s;
  ReportError(s.context, Error::Unauthenticated("invalid or expired token"));
  EXPECT_EQ(s.err.str(),
            "error: invalid or expired token\nhint: run \"reghub login\" (or set REGHUB_TOKEN)\n");
}

TEST(ReportUsageError, ReturnsTheUsageExitCode) {
  Streams s;
  EXPECT_EQ(ReportUsageError(s.context, "--url is required"), kExitUsage);
  EXPECT_EQ(s.err.str(), "error: --url is required\n");
}

TEST(ConnectToHub, ExplainsWhatIsMissing) {
  Streams s;
  s.context.env = {{"HOME", "/nonexistent-home"}};
  auto no_server = ConnectToHub(s.context);
  ASSERT_FALSE(no_server.ok());
  EXPECT_NE(no_server.error().message.find("reghub login --server URL"), std::string::npos);
  s.context.env["REGHUB_SERVER"] = "http://127.0.0.1:1";
  auto no_token = ConnectToHub(s.context);
  ASSERT_FALSE(no_token.ok());
  EXPECT_NE(no_token.error().message.find("not logged in to http://127.0.0.1:1"),
            std::string::npos);
  s.context.env["REGHUB_TOKEN"] = "rh_x";
  EXPECT_TRUE(ConnectToHub(s.context).ok());
  s.context.env["REGHUB_SERVER"] = "127.0.0.1:1";
  EXPECT_FALSE(ConnectToHub(s.context).ok());
}

}  // namespace
}  // namespace reghub::cli
