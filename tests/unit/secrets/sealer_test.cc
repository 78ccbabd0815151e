#include "secrets/sealer.h"

#include <gtest/gtest.h>

#include "secrets/credentials_codec.h"

namespace reghub::secrets {
namespace {

CredentialsInput Basic(std::string username, std::string password) {
  CredentialsInput input;
  input.kind = CredentialKind::kBasic;
  input.username = std::move(username);
  input.password = SecretString(std::move(password));
  return input;
}

CredentialsInput EcrKeys() {
  CredentialsInput input;
  input.kind = CredentialKind::kEcrAccessKey;
  input.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  input.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  input.session_token = SecretString("FwoGZXIvYXdzEXAMPLE");
  input.region = "eu-west-1";
  input.fips = true;
  return input;
}

CredentialsInput GcpKey() {
  CredentialsInput input;
  input.kind = CredentialKind::kGcpServiceAccount;
  input.json_key = SecretString(R"({"type":"service_account","private_key":"-----BEGIN…"})");
  return input;
}

void ExpectSameCredentials(const CredentialsInput& a, const CredentialsInput& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.username, b.username);
  EXPECT_TRUE(a.password == b.password);
  EXPECT_EQ(a.access_key_id, b.access_key_id);
  EXPECT_TRUE(a.secret_access_key == b.secret_access_key);
  EXPECT_TRUE(a.session_token == b.session_token);
  EXPECT_EQ(a.region, b.region);
  EXPECT_EQ(a.fips, b.fips);
  EXPECT_TRUE(a.json_key == b.json_key);
}

class SealerTest : public ::testing::Test {
 protected:
  MasterKey key_ = MasterKey::Generate();
  Sealer sealer_{key_};
};

TEST_F(SealerTest, RoundTripsEveryKind) {
  CredentialsInput role;
  role.kind = CredentialKind::kEcrInstanceRole;
  role.fips = true;
  for (const CredentialsInput& input : {Basic("ci", "s3cret-pass"), EcrKeys(), GcpKey(), role}) {
    std::string sealed = sealer_.SealCredentials("reg-1", input);
    auto opened = sealer_.OpenCredentials("reg-1", sealed);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    ExpectSameCredentials(*opened, input);
  }
}

TEST_F(SealerTest, SealedBytesDoNotContainTheSecret) {
  std::string sealed = sealer_.SealCredentials("reg-1", Basic("ci", "very-visible-password"));
  EXPECT_EQ(sealed.find("very-visible-password"), std::string::npos);
  // The kind is encrypted too.
  EXPECT_EQ(sealed.find("basic"), std::string::npos);
}

TEST_F(SealerTest, SealedBytesStartWithVersionAndKeyId) {
  std::string sealed = sealer_.SealCredentials("reg-1", Basic("ci", "pw"));
  ASSERT_GT(sealed.size(), 2 + key_.key_id().size());
  EXPECT_EQ(sealed[0], 1);
  EXPECT_EQ(static_cast<std::size_t>(sealed[1]), key_.key_id().size());
  EXPECT_EQ(sealed.substr(2, key_.key_id().size()), key_.key_id());
}

TEST_F(SealerTest, SealingTwiceGivesDifferentBytes) {
  EXPECT_NE(sealer_.SealCredentials("reg-1", Basic("ci", "pw")),
            sealer_.SealCredentials("reg-1", Basic("ci", "pw")));
}

TEST_F(SealerTest, KindNoneSealsToNothingAndOpensToNone) {
  EXPECT_EQ(sealer_.SealCredentials("reg-1", CredentialsInput{}), "");
  auto opened = sealer_.OpenCredentials("reg-1", "");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->kind, CredentialKind::kNone);
}

TEST_F(SealerTest, DetectsAnyAlteredByte) {
  std::string sealed = sealer_.SealCredentials("reg-1", Basic("ci", "pw"));
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string altered = sealed;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    auto opened = sealer_.OpenCredentials("reg-1", altered);
    ASSERT_FALSE(opened.ok()) << "byte " << i;
    EXPECT_EQ(opened.error().code, ErrorCode::kInternal);
  }
}

TEST_F(SealerTest, RefusesTruncatedBytes) {
  std::string sealed = sealer_.SealCredentials("reg-1", Basic("ci", "pw"));
  for (std::size_t length : {std::size_t{1}, std::size_t{5}, sealed.size() - 1}) {
    EXPECT_FALSE(sealer_.OpenCredentials("reg-1", sealed.substr(0, length)).ok()) << length;
  }
}

TEST_F(SealerTest, RefusesBytesSealedForAnotherRegistry) {
  std::string sealed = sealer_.SealCredentials("reg-1", Basic("ci", "pw"));
  auto opened = sealer_.OpenCredentials("reg-2", sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("another registry"), std::string::npos);
}

TEST_F(SealerTest, RefusesBytesSealedUnderAnotherKey) {
  MasterKey other = MasterKey::Generate();
  Sealer other_sealer(other);
  std::string sealed = other_sealer.SealCredentials("reg-1", Basic("ci", "pw"));
  auto opened = sealer_.OpenCredentials("reg-1", sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find(other.key_id()), std::string::npos);
}

TEST_F(SealerTest, ErrorsNeverRevealTheSecret) {
  std::string sealed = sealer_.SealCredentials("reg-1", Basic("ci", "the-password"));
  auto opened = sealer_.OpenCredentials("reg-2", sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().message.find("the-password"), std::string::npos);
}

TEST_F(SealerTest, FingerprintIsSixteenHexDigitsAndStable) {
  std::string first = sealer_.Fingerprint(Basic("ci", "pw"));
  EXPECT_EQ(first.size(), 16u);
  EXPECT_EQ(first.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(first, sealer_.Fingerprint(Basic("ci", "pw")));
}

TEST_F(SealerTest, FingerprintsOfDifferentSecretsDiffer) {
  const std::string base = sealer_.Fingerprint(Basic("ci", "pw"));
  EXPECT_NE(base, sealer_.Fingerprint(Basic("ci", "pw2")));
  EXPECT_NE(base, sealer_.Fingerprint(Basic("cd", "pw")));
  // Length prefixes keep field boundaries apart: "c"+"ipw" is not "ci"+"pw".
  EXPECT_NE(base, sealer_.Fingerprint(Basic("c", "ipw")));
  CredentialsInput ecr = EcrKeys();
  CredentialsInput other_token = EcrKeys();
  other_token.session_token = SecretString("another");
  EXPECT_NE(sealer_.Fingerprint(ecr), sealer_.Fingerprint(other_token));
}

TEST_F(SealerTest, FingerprintIgnoresRegionAndFips) {
  CredentialsInput a = EcrKeys();
  CredentialsInput b = EcrKeys();
  b.region = "us-east-1";
  b.fips = false;
  EXPECT_EQ(sealer_.Fingerprint(a), sealer_.Fingerprint(b));
}

TEST_F(SealerTest, FingerprintDependsOnTheMasterKey) {
  MasterKey other = MasterKey::Generate();
  EXPECT_NE(sealer_.Fingerprint(Basic("ci", "pw")), Sealer(other).Fingerprint(Basic("ci", "pw")));
}

TEST_F(SealerTest, FingerprintOfNoneIsEmpty) {
  EXPECT_EQ(sealer_.Fingerprint(CredentialsInput{}), "");
}

TEST(CredentialsCodec, RefusesUnknownTagsAndMissingKind) {
  EXPECT_FALSE(DecodeCredentials(std::string("\x63\0\0\0\0", 5)).ok());
  EXPECT_FALSE(DecodeCredentials("").ok());
}

TEST(CredentialsCodec, RoundTripsAndWipesItsBuffer) {
  CredentialsInput input = GcpKey();
  std::string encoded = EncodeCredentials(input);
  auto decoded = DecodeCredentials(encoded);
  ASSERT_TRUE(decoded.ok());
  ExpectSameCredentials(*decoded, input);
  WipeBuffer(encoded);
  EXPECT_EQ(encoded, std::string(encoded.size(), '\0'));
}

}  // namespace
}  // namespace reghub::secrets
