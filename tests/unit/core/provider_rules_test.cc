#include "core/provider_rules.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace reghub {
namespace {

RegistryUrl Url(const char* text) { return *CanonicalizeRegistryUrl(text); }

bool HasViolation(const Error& error, const std::string& field, const std::string& fragment) {
  for (const auto& d : error.details) {
    if (d.field == field && d.message.find(fragment) != std::string::npos) return true;
  }
  return false;
}

std::string Fields(const Error& error) {
  std::string out;
  for (const auto& d : error.details) out += d.field + ": " + d.message + "\n";
  return out;
}

TEST(EcrHost, ParsesAccountRegionAndFips) {
  auto host = ParseEcrHost("123456789012.dkr.ecr.us-east-1.amazonaws.com");
  ASSERT_TRUE(host.has_value());
  EXPECT_EQ(host->account_id, "123456789012");
  EXPECT_EQ(host->region, "us-east-1");
  EXPECT_FALSE(host->fips);

  host = ParseEcrHost("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com");
  ASSERT_TRUE(host.has_value());
  EXPECT_EQ(host->region, "us-gov-west-1");
  EXPECT_TRUE(host->fips);

  host = ParseEcrHost("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn");
  ASSERT_TRUE(host.has_value());
  EXPECT_EQ(host->region, "cn-north-1");
}

TEST(EcrHost, RefusesOtherShapes) {
  for (const char* host :
       {"12345678901.dkr.ecr.us-east-1.amazonaws.com",
        "1234567890123.dkr.ecr.us-east-1.amazonaws.com",
        "12345678901a.dkr.ecr.us-east-1.amazonaws.com", "123456789012.ecr.us-east-1.amazonaws.com",
        "123456789012.dkr.ecr.useast1.amazonaws.com", "123456789012.dkr.ecr.us-east.amazonaws.com",
        "123456789012.dkr.ecr.us-east-1.amazonaws.org",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com.cn",
        "123456789012.dkr.ecr.cn-north-1.amazonaws.com", "public.ecr.aws", "ecr.example.com"}) {
    EXPECT_FALSE(ParseEcrHost(host).has_value()) << host;
  }
}

struct UrlShapeCase {
  Provider provider;
  const char* url;
  bool ok;
};

class ProviderUrlShapeTest : public testing::TestWithParam<UrlShapeCase> {};

TEST_P(ProviderUrlShapeTest, ChecksTheUrlShape) {
  const auto& c = GetParam();
  Status status = CheckUrlForProvider(c.provider, Url(c.url));
  EXPECT_EQ(status.ok(), c.ok) << ProviderName(c.provider) << " " << c.url;
  if (!status.ok()) {
    EXPECT_EQ(status.error().details.at(0).field, "url");
    const std::string& message = status.error().message;
    EXPECT_TRUE(message.find("e.g.") != std::string::npos ||
                message.find("\"docker.io\"") != std::string::npos)
        << "the message shows the expected shape: " << status.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    ProviderRules, ProviderUrlShapeTest,
    testing::Values(
        UrlShapeCase{Provider::kGeneric, "anything.example:5000", true},
        UrlShapeCase{Provider::kGeneric, "[::1]:5000", true},
        UrlShapeCase{Provider::kQuay, "quay.io", true},
        UrlShapeCase{Provider::kQuay, "quay.internal.example", true},
        UrlShapeCase{Provider::kDockerHub, "docker.io", true},
        UrlShapeCase{Provider::kDockerHub, "index.docker.io", true},
        UrlShapeCase{Provider::kDockerHub, "docker.io:5000", false},
        UrlShapeCase{Provider::kDockerHub, "ghcr.io", false},
        UrlShapeCase{Provider::kEcr, "123456789012.dkr.ecr.eu-central-1.amazonaws.com", true},
        UrlShapeCase{Provider::kEcr, "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com", true},
        UrlShapeCase{Provider::kEcr, "123456789012.dkr.ecr.us-east-1.amazonaws.com:5000", false},
        UrlShapeCase{Provider::kEcr, "ecr.example.com", false},
        UrlShapeCase{Provider::kAcr, "myregistry.azurecr.io", true},
        UrlShapeCase{Provider::kAcr, "contoso2024.azurecr.cn", true},
        UrlShapeCase{Provider::kAcr, "abc.azurecr.io", false},
        UrlShapeCase{Provider::kAcr, "my-registry.azurecr.io", false},
        UrlShapeCase{Provider::kAcr, "a.b.azurecr.io", false},
        UrlShapeCase{Provider::kAcr, "azurecr.io", false},
        UrlShapeCase{Provider::kGcpArtifactRegistry, "europe-west1-docker.pkg.dev", true},
        UrlShapeCase{Provider::kGcpArtifactRegistry, "us-docker.pkg.dev", true},
        UrlShapeCase{Provider::kGcpArtifactRegistry, "docker.pkg.dev", false},
        UrlShapeCase{Provider::kGcpArtifactRegistry, "a.b-docker.pkg.dev", false},
        UrlShapeCase{Provider::kGcpArtifactRegistry, "europe-west1-maven.pkg.dev", false},
        UrlShapeCase{Provider::kGcr, "gcr.io", true},
        UrlShapeCase{Provider::kGcr, "eu.gcr.io", true},
        UrlShapeCase{Provider::kGcr, "asia.gcr.io", true},
        UrlShapeCase{Provider::kGcr, "mars.gcr.io", false},
        UrlShapeCase{Provider::kGcr, "gcr.io:5000", false}));

TEST(ProviderRules, OffersTheCredentialKindsThatFit) {
  using K = CredentialKind;
  EXPECT_EQ(AllowedCredentialKinds(Provider::kGeneric), (std::vector{K::kBasic, K::kNone}));
  EXPECT_EQ(AllowedCredentialKinds(Provider::kDockerHub), (std::vector{K::kBasic, K::kNone}));
  EXPECT_EQ(AllowedCredentialKinds(Provider::kEcr),
            (std::vector{K::kEcrAccessKey, K::kEcrInstanceRole}));
  EXPECT_EQ(AllowedCredentialKinds(Provider::kAcr), (std::vector{K::kBasic, K::kNone}));
  EXPECT_EQ(AllowedCredentialKinds(Provider::kGcpArtifactRegistry),
            (std::vector{K::kGcpServiceAccount, K::kBasic, K::kNone}));
  EXPECT_EQ(AllowedCredentialKinds(Provider::kGcr),
            (std::vector{K::kGcpServiceAccount, K::kBasic, K::kNone}));
  EXPECT_EQ(AllowedCredentialKinds(Provider::kQuay), (std::vector{K::kBasic, K::kNone}));
}

CredentialsInput Basic(const char* user, const char* password) {
  CredentialsInput c;
  c.kind = CredentialKind::kBasic;
  c.username = user;
  c.password = SecretString(password);
  return c;
}

TEST(ValidateCredentials, AcceptsBasicForAGenericRegistry) {
  auto c = ValidateCredentials(Provider::kGeneric, Access::kPrivate, Url("reg.example.com"),
                               Basic("ci", "s3cret"));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->username, "ci");
}

TEST(ValidateCredentials, BasicNeedsUsernameAndPassword) {
  auto c = ValidateCredentials(Provider::kGeneric, Access::kPrivate, Url("reg.example.com"),
                               Basic("", ""));
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(HasViolation(c.error(), "credentials.username", "required")) << Fields(c.error());
  EXPECT_TRUE(HasViolation(c.error(), "credentials.password", "required")) << Fields(c.error());
  EXPECT_NE(c.error().message.find("(and 1 more problem)"), std::string::npos);
  c = ValidateCredentials(Provider::kGeneric, Access::kPrivate, Url("reg.example.com"),
                          Basic("a:b", "p"));
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(HasViolation(c.error(), "credentials.username", "\":\""));
}

TEST(ValidateCredentials, PrivateNeedsCredentialsAndPublicTakesNone) {
  CredentialsInput none;
  auto c = ValidateCredentials(Provider::kGeneric, Access::kPrivate, Url("reg.example.com"), none);
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(HasViolation(c.error(), "credentials", "a private registry needs credentials"));
  EXPECT_TRUE(
      ValidateCredentials(Provider::kGeneric, Access::kPublic, Url("reg.example.com"), none).ok());
  c = ValidateCredentials(Provider::kGeneric, Access::kPublic, Url("reg.example.com"),
                          Basic("u", "p"));
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(HasViolation(c.error(), "credentials.kind", "public registry takes no credentials"));
}

TEST(ValidateCredentials, EcrIsNeverPublic) {
  auto r =
      ValidateCredentials(Provider::kEcr, Access::kPublic,
                          Url("123456789012.dkr.ecr.us-east-1.amazonaws.com"), CredentialsInput{});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasViolation(r.error(), "access", "always need credentials"));
}

TEST(ValidateCredentials, RefusesAKindTheProviderDoesNotOffer) {
  CredentialsInput c;
  c.kind = CredentialKind::kEcrInstanceRole;
  auto r = ValidateCredentials(Provider::kGeneric, Access::kPrivate, Url("reg.example.com"), c);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasViolation(r.error(), "credentials.kind",
                           "\"ecr-instance-role\" is not offered for provider \"generic\""));
  r = ValidateCredentials(Provider::kEcr, Access::kPrivate,
                          Url("123456789012.dkr.ecr.us-east-1.amazonaws.com"), Basic("u", "p"));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasViolation(r.error(), "credentials.kind", "\"ecr-access-key\""));
}

TEST(ValidateCredentials, QuayRobotNamesAreNamespacePlusRobot) {
  RegistryUrl quay = Url("quay.io");
  EXPECT_TRUE(
      ValidateCredentials(Provider::kQuay, Access::kPrivate, quay, Basic("myorg+deployer", "TOKEN"))
          .ok());
  EXPECT_TRUE(
      ValidateCredentials(Provider::kQuay, Access::kPrivate, quay, Basic("alice", "pw")).ok());
  for (const char* bad : {"+robot", "myorg+", "my org+bot", "MyOrg+Bot", "a+b+c"}) {
    auto r = ValidateCredentials(Provider::kQuay, Access::kPrivate, quay, Basic(bad, "t"));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(HasViolation(r.error(), "credentials.username", "namespace+robotname")) << bad;
  }
}

CredentialsInput EcrKey(const char* id, const char* secret, const char* token = "") {
  CredentialsInput c;
  c.kind = CredentialKind::kEcrAccessKey;
  c.access_key_id = id;
  c.secret_access_key = SecretString(secret);
  c.session_token = SecretString(token);
  return c;
}

constexpr const char* kEcrUrl = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

TEST(ValidateCredentials, EcrAccessKeyFillsTheRegionFromTheUrl) {
  auto c = ValidateCredentials(Provider::kEcr, Access::kPrivate, Url(kEcrUrl),
                               EcrKey("AKIAIOSFODNN7EXAMPLE", kSecret));
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->region, "us-east-1");
  EXPECT_FALSE(c->fips);
}

TEST(ValidateCredentials, EcrAccessKeyChecksIdSecretAndSessionToken) {
  RegistryUrl url = Url(kEcrUrl);
  auto check = [&](CredentialsInput c, const char* field, const char* fragment) {
    auto r = ValidateCredentials(Provider::kEcr, Access::kPrivate, url, std::move(c));
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_TRUE(HasViolation(r.error(), field, fragment)) << Fields(r.error());
  };
  check(EcrKey("", kSecret), "credentials.access_key_id", "required");
  check(EcrKey("AKIA123", kSecret), "credentials.access_key_id", "20-character");
  check(EcrKey("XKIAIOSFODNN7EXAMPLE", kSecret), "credentials.access_key_id", "AKIA");
  check(EcrKey("akiaiosfodnn7example", kSecret), "credentials.access_key_id", "20-character");
  check(EcrKey("AKIAIOSFODNN7EXAMPLE", ""), "credentials.secret_access_key", "required");
  check(EcrKey("AKIAIOSFODNN7EXAMPLE", "abc def\n"), "credentials.secret_access_key", "whitespace");
  check(EcrKey("ASIAIOSFODNN7EXAMPLE", kSecret), "credentials.session_token", "required");
  check(EcrKey("AKIAIOSFODNN7EXAMPLE", kSecret, "tok"), "credentials.session_token",
        "only with a temporary");
  EXPECT_TRUE(ValidateCredentials(Provider::kEcr, Access::kPrivate, url,
                                  EcrKey("ASIAIOSFODNN7EXAMPLE", kSecret, "FwoGZXIvYXdz"))
                  .ok());
}

TEST(ValidateCredentials, EcrRegionMustMatchTheUrl) {
  CredentialsInput c = EcrKey("AKIAIOSFODNN7EXAMPLE", kSecret);
  c.region = "eu-west-1";
  auto r = ValidateCredentials(Provider::kEcr, Access::kPrivate, Url(kEcrUrl), c);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasViolation(r.error(), "credentials.region", "does not match"));
  c.region = "us-east-1";
  EXPECT_TRUE(ValidateCredentials(Provider::kEcr, Access::kPrivate, Url(kEcrUrl), c).ok());
}

TEST(ValidateCredentials, EcrFipsUrlImpliesFipsAndFipsOnAPlainUrlIsKept) {
  CredentialsInput role;
  role.kind = CredentialKind::kEcrInstanceRole;
  auto r = ValidateCredentials(Provider::kEcr, Access::kPrivate,
                               Url("123456789012.dkr.ecr-fips.us-east-2.amazonaws.com"), role);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->fips);
  EXPECT_EQ(r->region, "us-east-2");
  role.fips = true;
  r = ValidateCredentials(Provider::kEcr, Access::kPrivate, Url(kEcrUrl), role);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->fips);
}

TEST(ValidateCredentials, RefusesFieldsOfAnotherKind) {
  CredentialsInput c = EcrKey("AKIAIOSFODNN7EXAMPLE", kSecret);
  c.password = SecretString("stray");
  c.username = "u";
  auto r = ValidateCredentials(Provider::kEcr, Access::kPrivate, Url(kEcrUrl), c);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(
      HasViolation(r.error(), "credentials.password", "not used by kind \"ecr-access-key\""));
  EXPECT_TRUE(HasViolation(r.error(), "credentials.username", "not used"));
  CredentialsInput b = Basic("u", "p");
  b.fips = true;
  r = ValidateCredentials(Provider::kGeneric, Access::kPrivate, Url("reg.example.com"), b);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasViolation(r.error(), "credentials.fips", "not used by kind \"basic\""));
}

constexpr const char* kGcpKey = R"({
  "type": "service_account",
  "project_id": "demo",
  "private_key_id": "abc",
  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
  "client_email": "puller@demo.iam.gserviceaccount.com"
})";

TEST(ValidateCredentials, GcpServiceAccountKeyIsCompactedAndDescribedByItsEmail) {
  CredentialsInput c;
  c.kind = CredentialKind::kGcpServiceAccount;
  c.json_key = SecretString(kGcpKey);
  auto r = ValidateCredentials(Provider::kGcpArtifactRegistry, Access::kPrivate,
                               Url("europe-west1-docker.pkg.dev"), c);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string& compact = r->json_key.Reveal();
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_EQ(compact.find(": "), std::string::npos);
  EXPECT_EQ(compact.rfind("{\"type\":\"service_account\",\"project_id\":\"demo\"", 0), 0u)
      << "member order is kept";
  EXPECT_EQ(nlohmann::json::parse(compact), nlohmann::json::parse(kGcpKey));
  CredentialsInfo info = DescribeCredentials(*r);
  EXPECT_EQ(info.kind, CredentialKind::kGcpServiceAccount);
  EXPECT_EQ(info.client_email, "puller@demo.iam.gserviceaccount.com");
}

TEST(ValidateCredentials, GcpServiceAccountKeyMustBeAServiceAccountKey) {
  auto check = [](const std::string& key, const char* fragment) {
    CredentialsInput c;
    c.kind = CredentialKind::kGcpServiceAccount;
    c.json_key = SecretString(key);
    auto r = ValidateCredentials(Provider::kGcr, Access::kPrivate, Url("gcr.io"), c);
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_TRUE(HasViolation(r.error(), "credentials.json_key", fragment)) << Fields(r.error());
    EXPECT_EQ(r.error().message.find("MIIE"), std::string::npos) << "never echoes the key";
  };
  nlohmann::json key = nlohmann::json::parse(kGcpKey);
  check("", "required");
  check("not json MIIE", "JSON object");
  check("[1,2]", "JSON object");
  nlohmann::json wrong_type = key;
  wrong_type["type"] = "authorized_user";
  check(wrong_type.dump(), "service_account");
  nlohmann::json no_email = key;
  no_email.erase("client_email");
  check(no_email.dump(), "client_email");
  nlohmann::json no_private = key;
  no_private.erase("private_key");
  check(no_private.dump(), "private_key");
}

TEST(ValidateCredentials, GcpBasicTakesOnlyGoogleUsernames) {
  RegistryUrl url = Url("us-docker.pkg.dev");
  EXPECT_TRUE(ValidateCredentials(Provider::kGcpArtifactRegistry, Access::kPrivate, url,
                                  Basic("oauth2accesstoken", "ya29.token"))
                  .ok());
  auto r = ValidateCredentials(Provider::kGcpArtifactRegistry, Access::kPrivate, url,
                               Basic("_json_key", kGcpKey));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->password.Reveal().find('\n'), std::string::npos) << "compacted";
  r = ValidateCredentials(Provider::kGcpArtifactRegistry, Access::kPrivate, url,
                          Basic("_json_key", "{}"));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasViolation(r.error(), "credentials.password", "service_account"));
  r = ValidateCredentials(Provider::kGcr, Access::kPrivate, Url("gcr.io"), Basic("alice", "pw"));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(HasViolation(r.error(), "credentials.username", "oauth2accesstoken"));
}

TEST(DescribeCredentials, ShowsOnlyNonSecretFields) {
  CredentialsInfo info = DescribeCredentials(Basic("ci", "s3cret"));
  EXPECT_EQ(info.kind, CredentialKind::kBasic);
  EXPECT_EQ(info.username, "ci");
  EXPECT_TRUE(info.fingerprint.empty());

  CredentialsInput ecr = EcrKey("AKIAIOSFODNN7EXAMPLE", kSecret);
  ecr.region = "us-east-1";
  ecr.fips = true;
  info = DescribeCredentials(ecr);
  EXPECT_EQ(info.access_key_id, "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(info.region, "us-east-1");
  EXPECT_TRUE(info.fips);
  EXPECT_TRUE(info.username.empty());
}

}  // namespace
}  // namespace reghub
