#include <gtest/gtest.h>

#include <string>

#include "core/registry.h"

namespace reghub {
namespace {

TEST(RegistryEnums, ProviderNamesRoundTrip) {
  for (std::string_view name : ProviderNames()) {
    auto provider = ParseProvider(name);
    ASSERT_TRUE(provider.has_value()) << name;
    EXPECT_EQ(ProviderName(*provider), name);
  }
  EXPECT_EQ(ProviderNames().size(), 7u);
  EXPECT_EQ(ProviderName(Provider::kGcpArtifactRegistry), "gcp-artifact-registry");
  EXPECT_EQ(ProviderName(Provider::kDockerHub), "docker-hub");
}

TEST(RegistryEnums, AccessNamesRoundTrip) {
  EXPECT_EQ(AccessName(Access::kPrivate), "private");
  EXPECT_EQ(AccessName(Access::kPublic), "public");
  EXPECT_EQ(ParseAccess("public"), Access::kPublic);
  EXPECT_EQ(AccessNames().size(), 2u);
}

TEST(RegistryEnums, CredentialKindNamesRoundTrip) {
  for (std::string_view name : CredentialKindNames()) {
    auto kind = ParseCredentialKind(name);
    ASSERT_TRUE(kind.has_value()) << name;
    EXPECT_EQ(CredentialKindName(*kind), name);
  }
  EXPECT_EQ(CredentialKindName(CredentialKind::kEcrInstanceRole), "ecr-instance-role");
}

TEST(RegistryEnums, TlsModeNamesRoundTrip) {
  for (std::string_view name : TlsModeNames()) {
    auto mode = ParseTlsMode(name);
    ASSERT_TRUE(mode.has_value()) << name;
    EXPECT_EQ(TlsModeName(*mode), name);
  }
  EXPECT_EQ(TlsModeName(TlsMode::kVerifyWithCa), "verify-with-ca");
  EXPECT_EQ(TlsModeName(TlsMode::kPlainHttp), "plain-http");
}

TEST(RegistryEnums, ParsingIsExactAndCaseSensitive) {
  EXPECT_FALSE(ParseProvider("ECR").has_value());
  EXPECT_FALSE(ParseProvider("docker_hub").has_value());
  EXPECT_FALSE(ParseProvider("").has_value());
  EXPECT_FALSE(ParseAccess("Private").has_value());
  EXPECT_FALSE(ParseCredentialKind("basic ").has_value());
  EXPECT_FALSE(ParseTlsMode("plain_http").has_value());
}

}  // namespace
}  // namespace reghub
