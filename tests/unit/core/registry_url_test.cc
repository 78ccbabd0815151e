#include "core/registry_url.h"

#include <gtest/gtest.h>

#include <string>

namespace reghub {
namespace {

struct ValidCase {
  const char* input;
  const char* canonical;
};

class CanonicalUrlTest : public testing::TestWithParam<ValidCase> {};

TEST_P(CanonicalUrlTest, CanonicalisesToTheStoredForm) {
  auto url = CanonicalizeRegistryUrl(GetParam().input);
  ASSERT_TRUE(url.ok()) << GetParam().input << ": " << url.error().message;
  EXPECT_EQ(url->ToString(), GetParam().canonical) << GetParam().input;
  auto again = CanonicalizeRegistryUrl(url->ToString());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *url) << "canonical form must be a fixed point";
}

INSTANTIATE_TEST_SUITE_P(
    RegistryUrl, CanonicalUrlTest,
    testing::Values(
        ValidCase{"reg.example.com", "reg.example.com"},
        ValidCase{"reg.example.com:443", "reg.example.com"},
        ValidCase{"Reg.Example.COM:5000", "reg.example.com:5000"},
        ValidCase{"localhost:5000", "localhost:5000"}, ValidCase{"localhost", "localhost"},
        ValidCase{"127.0.0.1:5000", "127.0.0.1:5000"}, ValidCase{"10.0.0.1", "10.0.0.1"},
        ValidCase{"[::1]:5000", "[::1]:5000"}, ValidCase{"[::1]", "[::1]"},
        ValidCase{"[::1]:443", "[::1]"}, ValidCase{"[2001:DB8:0:0::1]:5000", "[2001:db8::1]:5000"},
        ValidCase{"docker.io", "docker.io"}, ValidCase{"docker.io:443", "docker.io"},
        ValidCase{"index.docker.io", "docker.io"}, ValidCase{"INDEX.DOCKER.IO", "docker.io"},
        ValidCase{"registry-1.docker.io:443", "docker.io"},
        ValidCase{"registry-1.docker.io:5000", "registry-1.docker.io:5000"},
        ValidCase{"a-b.c-d.example", "a-b.c-d.example"},
        ValidCase{"123456789012.dkr.ecr.us-east-1.amazonaws.com",
                  "123456789012.dkr.ecr.us-east-1.amazonaws.com"},
        ValidCase{"xn--bcher-kva.example", "xn--bcher-kva.example"}, ValidCase{"host:1", "host:1"},
        ValidCase{"host:65535", "host:65535"}, ValidCase{"host:00080", "host:80"}));

struct InvalidCase {
  const char* input;
  const char* message_fragment;
};

class InvalidUrlTest : public testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidUrlTest, IsRefusedWithAHelpfulMessage) {
  auto url = CanonicalizeRegistryUrl(GetParam().input);
  ASSERT_FALSE(url.ok()) << GetParam().input << " was accepted as " << url->ToString();
  const Error& error = url.error();
  EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(error.details.size(), 1u);
  EXPECT_EQ(error.details[0].field, "url");
  EXPECT_NE(error.message.find(GetParam().message_fragment), std::string::npos)
      << GetParam().input << " gave: " << error.message;
}

INSTANTIATE_TEST_SUITE_P(
    RegistryUrl, InvalidUrlTest,
    testing::Values(InvalidCase{"", "must not be empty"},
                    InvalidCase{"https://reg.example.com:5000",
                                "remove the scheme \"https://\": use \"reg.example.com:5000\""},
                    InvalidCase{"https://reg.example.com:443/", "use \"reg.example.com\""},
                    InvalidCase{"HTTPS://Reg.Example.com", "remove the scheme \"https://\""},
                    InvalidCase{"http://localhost:5000", "use \"localhost:5000\""},
                    InvalidCase{"http://localhost:5000", "plain-http"},
                    InvalidCase{"oci://ghcr.io", "remove the scheme \"oci://\": use \"ghcr.io\""},
                    InvalidCase{"https://index.docker.io/v1/", "use \"docker.io\""},
                    InvalidCase{"ftp://reg.example.com", "unsupported scheme \"ftp://\""},
                    InvalidCase{"reg.example.com/v2/", "remove the path \"/v2/\""},
                    InvalidCase{"reg.example.com/v2/", "use \"reg.example.com\""},
                    InvalidCase{"docker.io/library/nginx", "remove the path \"/library/nginx\""},
                    InvalidCase{"reg.example.com:5000/", "use \"reg.example.com:5000\""},
                    InvalidCase{"user@reg.example.com", "remove the user information"},
                    InvalidCase{"user:pw@reg.example.com", "use \"reg.example.com\""},
                    InvalidCase{"reg.example.com?x=1", "remove the query or fragment"},
                    InvalidCase{"reg.example.com#top", "remove the query or fragment"},
                    InvalidCase{" reg.example.com", "whitespace or control characters"},
                    InvalidCase{"reg.example.com\n", "whitespace or control characters"},
                    InvalidCase{"reg .example.com", "whitespace or control characters"},
                    InvalidCase{"reg\x01.example.com", "whitespace or control characters"},
                    InvalidCase{"reg_1.example.com", "may hold only letters, digits and \"-\""},
                    InvalidCase{"-reg.example.com", "must not start or end with \"-\""},
                    InvalidCase{"reg-.example.com", "must not start or end with \"-\""},
                    InvalidCase{"reg..example.com", "empty label"},
                    InvalidCase{".example.com", "empty label"},
                    InvalidCase{"reg.example.com.", "must not end with \".\""},
                    InvalidCase{"bücher.example", "punycode"},
                    InvalidCase{"999.1.1.1", "not a valid IPv4 address"},
                    InvalidCase{"1.2.3", "not a valid IPv4 address"},
                    InvalidCase{"01.2.3.4", "not a valid IPv4 address"},
                    InvalidCase{"reg.example.com:0", "must be a number from 1 to 65535"},
                    InvalidCase{"reg.example.com:65536", "must be a number from 1 to 65535"},
                    InvalidCase{"reg.example.com:http", "must be a number from 1 to 65535"},
                    InvalidCase{"reg.example.com:-1", "must be a number from 1 to 65535"},
                    InvalidCase{"reg.example.com:", "port after \":\" is empty"},
                    InvalidCase{":5000", "host is empty"},
                    InvalidCase{"::1", "put the IPv6 address in brackets: use \"[::1]\""},
                    InvalidCase{"2001:db8::1", "in brackets"},
                    InvalidCase{"[::1", "no closing \"]\""},
                    InvalidCase{"[::1]5000", "unexpected \"5000\""},
                    InvalidCase{"[not-ipv6]:5000", "not a valid IPv6 address"},
                    InvalidCase{"[fe80::1%eth0]", "zone identifiers"},
                    InvalidCase{"[::1]:99999", "must be a number from 1 to 65535"}));

TEST(RegistryUrl, RefusesALabelLongerThan63Characters) {
  std::string label(64, 'a');
  auto url = CanonicalizeRegistryUrl(label + ".example.com");
  ASSERT_FALSE(url.ok());
  EXPECT_NE(url.error().message.find("longer than 63"), std::string::npos);
  EXPECT_TRUE(CanonicalizeRegistryUrl(std::string(63, 'a') + ".example.com").ok());
}

TEST(RegistryUrl, RefusesAHostLongerThan253Characters) {
  std::string host;
  while (host.size() < 251) host += std::string(49, 'a') + ".";
  host += "com";
  ASSERT_GT(host.size(), 253u);
  auto url = CanonicalizeRegistryUrl(host);
  ASSERT_FALSE(url.ok());
  EXPECT_NE(url.error().message.find("longer than 253"), std::string::npos);
}

TEST(RegistryUrl, RefusesVeryLongInputWithoutEchoingIt) {
  std::string input(5000, 'a');
  auto url = CanonicalizeRegistryUrl(input);
  ASSERT_FALSE(url.ok());
  EXPECT_LT(url.error().message.size(), 200u);
}

TEST(RegistryUrl, NeverQuotesUserInformationOrQueries) {
  for (const char* input : {"user:hunter2@reg.example.com", "https://u:hunter2@reg.example.com",
                            "reg.example.com?token=hunter2", "reg.example.com#hunter2"}) {
    auto url = CanonicalizeRegistryUrl(input);
    ASSERT_FALSE(url.ok()) << input;
    EXPECT_EQ(url.error().message.find("hunter2"), std::string::npos) << url.error().message;
    EXPECT_NE(url.error().message.find("use \"reg.example.com\""), std::string::npos)
        << url.error().message;
  }
}

TEST(RegistryUrl, NamesTheGivenField) {
  auto url = CanonicalizeRegistryUrl("https://x.example", "mirrors[2].upstream");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().details[0].field, "mirrors[2].upstream");
  EXPECT_EQ(url.error().message.rfind("mirrors[2].upstream: ", 0), 0u);
}

TEST(RegistryUrl, DefaultsPortTo443) {
  auto url = CanonicalizeRegistryUrl("reg.example.com");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->Authority(), "reg.example.com:443");
}

TEST(RegistryUrl, HostAndHost443AreTheSameRegistry) {
  EXPECT_EQ(*CanonicalizeRegistryUrl("reg.example.com"),
            *CanonicalizeRegistryUrl("REG.example.com:443"));
}

TEST(RegistryUrl, KeepsIpv6WithoutBracketsInHostAndBracketsInText) {
  auto url = CanonicalizeRegistryUrl("[::1]:5000");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 5000);
  EXPECT_EQ(url->Authority(), "[::1]:5000");
}

TEST(RegistryUrl, DockerHubAliasesAreOneRegistry) {
  for (const char* alias : {"docker.io", "index.docker.io", "registry-1.docker.io:443"}) {
    auto url = CanonicalizeRegistryUrl(alias);
    ASSERT_TRUE(url.ok()) << alias;
    EXPECT_TRUE(IsDockerHub(*url)) << alias;
  }
  EXPECT_FALSE(IsDockerHub(*CanonicalizeRegistryUrl("docker.io:5000")));
  EXPECT_FALSE(IsDockerHub(*CanonicalizeRegistryUrl("quay.io")));
}

TEST(RegistryUrl, LoopbackHostsAreRecognised) {
  for (const char* host : {"localhost", "localhost:5000", "registry.localhost", "127.0.0.1",
                           "127.1.2.3:8080", "[::1]:5000"}) {
    EXPECT_TRUE(IsLoopback(*CanonicalizeRegistryUrl(host))) << host;
  }
  for (const char* host : {"reg.example.com", "10.0.0.1", "localhost.example.com",
                           "127.example.com", "[2001:db8::1]", "128.0.0.1"}) {
    EXPECT_FALSE(IsLoopback(*CanonicalizeRegistryUrl(host))) << host;
  }
}

}  // namespace
}  // namespace reghub
