#include "core/ca_bundle.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

#include "core/registry_patch.h"

namespace reghub {
namespace {

// A certificate and its key made with OpenSSL for the test.
struct TestCert {
  std::string cert_pem;
  std::string key_pem;
  std::string der;
};

std::string ReadBio(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// Makes a self-signed P-256 certificate valid from 2026-01-01 to 2036-01-01.
TestCert MakeCert(const char* common_name, bool is_ca) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 42);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), 1767225600);  // 2026-01-01
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), 2082758400);   // 2036-01-01
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("reghub tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_basic_constraints,
                                            is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  X509_add_ext(cert.get(), ext, -1);
  X509_EXTENSION_free(ext);
  X509_sign(cert.get(), key.get(), EVP_sha256());

  TestCert out;
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(bio.get(), cert.get());
  out.cert_pem = ReadBio(bio.get());
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = ReadBio(key_bio.get());
  unsigned char* der = nullptr;
  int length = i2d_X509(cert.get(), &der);
  out.der.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
  OPENSSL_free(der);
  return out;
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  char buffer[3];
  for (unsigned int i = 0; i < length; ++i) {
    snprintf(buffer, sizeof buffer, "%02x", digest[i]);
    hex += buffer;
  }
  return hex;
}

class CaBundleTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    ca_ = new TestCert(MakeCert("Test Root CA", true));
    leaf_ = new TestCert(MakeCert("registry.local", false));
  }
  static void TearDownTestSuite() {
    delete ca_;
    delete leaf_;
  }
  static TestCert* ca_;
  static TestCert* leaf_;
};
TestCert* CaBundleTest::ca_ = nullptr;
TestCert* CaBundleTest::leaf_ = nullptr;

TEST_F(CaBundleTest, ReadsOneCertificate) {
  auto bundle = ParseCaBundle(ca_->cert_pem);
  ASSERT_TRUE(bundle.ok()) << bundle.error().message;
  ASSERT_EQ(bundle->certificates.size(), 1u);
  const CaCertificateInfo& info = bundle->certificates[0];
  EXPECT_EQ(info.subject, "CN=Test Root CA,O=reghub tests");
  EXPECT_EQ(info.issuer, info.subject);
  EXPECT_EQ(info.not_after, 2082758400);
  EXPECT_TRUE(info.is_ca);
  EXPECT_EQ(bundle->pem, ca_->cert_pem);
  EXPECT_EQ(bundle->fingerprint, Sha256Hex(ca_->der));
  EXPECT_EQ(bundle->fingerprint.size(), 64u);
}

TEST_F(CaBundleTest, ReadsSeveralAndFingerprintsTheirConcatenatedDer) {
  std::string pem = ca_->cert_pem + "\n" + leaf_->cert_pem;
  auto bundle = ParseCaBundle(pem);
  ASSERT_TRUE(bundle.ok()) << bundle.error().message;
  ASSERT_EQ(bundle->certificates.size(), 2u);
  EXPECT_FALSE(bundle->certificates[1].is_ca);
  EXPECT_EQ(bundle->fingerprint, Sha256Hex(ca_->der + leaf_->der));
  EXPECT_EQ(bundle->pem, ca_->cert_pem + leaf_->cert_pem);
}

TEST_F(CaBundleTest, NormalisesWhitespaceAndLineEndings) {
  std::string crlf;
  for (char c : ca_->cert_pem) {
    if (c == '\n')
      crlf += "\r\n";
    else
      crlf += c;
  }
  auto bundle = ParseCaBundle("\n\n  " + crlf + "\n\t\n");
  ASSERT_TRUE(bundle.ok()) << bundle.error().message;
  EXPECT_EQ(bundle->pem, ca_->cert_pem);
  EXPECT_EQ(bundle->fingerprint, ParseCaBundle(ca_->cert_pem)->fingerprint);
}

void ExpectRefused(std::string_view pem, const char* fragment) {
  auto bundle = ParseCaBundle(pem);
  ASSERT_FALSE(bundle.ok()) << fragment;
  EXPECT_EQ(bundle.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(bundle.error().details.size(), 1u);
  EXPECT_EQ(bundle.error().details[0].field, "tls.ca_pem");
  EXPECT_NE(bundle.error().message.find(fragment), std::string::npos) << bundle.error().message;
}

TEST_F(CaBundleTest, RefusesEmptyInput) {
  ExpectRefused("", "at least one PEM certificate");
  ExpectRefused("  \n\n", "at least one PEM certificate");
}

TEST_F(CaBundleTest, RefusesGarbage) {
  ExpectRefused("hello world", "unexpected text at line 1");
  ExpectRefused(ca_->cert_pem + "junk\n" + leaf_->cert_pem, "unexpected text at line");
  ExpectRefused("Certificate:\n" + ca_->cert_pem, "only PEM CERTIFICATE blocks");
}

TEST_F(CaBundleTest, RefusesPrivateKeysWithoutEchoingThem) {
  auto bundle = ParseCaBundle(ca_->cert_pem + ca_->key_pem);
  ASSERT_FALSE(bundle.ok());
  EXPECT_NE(bundle.error().message.find("a private key is not a CA certificate"),
            std::string::npos);
  std::string key_body = ca_->key_pem.substr(28, 20);
  EXPECT_EQ(bundle.error().message.find(key_body), std::string::npos);
  ExpectRefused("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n",
                "a private key is not a CA certificate");
}

TEST_F(CaBundleTest, RefusesOtherPemBlocks) {
  ExpectRefused("-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n",
                "\"PUBLIC KEY\" PEM block is not a certificate");
}

TEST_F(CaBundleTest, RefusesABrokenCertificate) {
  ExpectRefused("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n",
                "certificate 1 (line 1) is not a valid X.509 certificate");
  std::string truncated = ca_->cert_pem.substr(0, ca_->cert_pem.size() / 2);
  ExpectRefused(truncated, "has no \"-----END CERTIFICATE-----\" line");
  std::string corrupted = ca_->cert_pem;
  corrupted[40] = corrupted[40] == 'A' ? 'B' : 'A';
  corrupted[41] = '!';
  ExpectRefused(leaf_->cert_pem + corrupted, "certificate 2");
}

TEST_F(CaBundleTest, RefusesBundlesOverTheLimit) {
  std::string big;
  while (big.size() <= kMaxCaBundleLength) big += ca_->cert_pem;
  ExpectRefused(big, "larger than 256 KiB");
}

TEST_F(CaBundleTest, NamesTheGivenField) {
  auto bundle = ParseCaBundle("x", "ca");
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.error().details[0].field, "ca");
}

}  // namespace
}  // namespace reghub
