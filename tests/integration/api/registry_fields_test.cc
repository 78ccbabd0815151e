// The non-credential settings of a registry round-trip through the API:
// mirrors (canonical upstreams), TLS modes and CA bundles, usage and public
// repositories.
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include <string>

#include "integration/api/api_helpers.h"
#include "support/test_ca.h"

namespace reghub::testing {
namespace {

class RegistryFieldsApi : public SharedHubTest<RegistryFieldsApi> {};

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 15]);
  }
  return hex;
}

std::string PemToDer(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (certificate == nullptr) return "";
  unsigned char* der = nullptr;
  int length = i2d_X509(certificate, &der);
  std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(length > 0 ? length : 0));
  OPENSSL_free(der);
  X509_free(certificate);
  return bytes;
}

TEST_F(RegistryFieldsApi, MirrorsAreStoredWithCanonicalUpstreams) {
  nlohmann::json body = BasicRegistryBody("nexus.example.com:8443", "ci", NewSecret("nexus"));
  body["mirrors"] = {{{"upstream", "Registry-1.Docker.io"}, {"path_prefix", "dockerhub"}},
                     {{"upstream", "quay.io:443"}, {"path_prefix", ""}}};
  HttpResponse created = api().Post("/api/v1/registries", body);
  ASSERT_EQ(created.status, 201) << created.body;
  nlohmann::json expected = {{{"upstream", "docker.io"}, {"path_prefix", "dockerhub"}},
                             {{"upstream", "quay.io"}, {"path_prefix", ""}}};
  EXPECT_EQ(created.Json()["mirrors"], expected);
}

TEST_F(RegistryFieldsApi, VerifyWithCaStoresTheBundleAndShowsItsFingerprint) {
  TestCa ca;
  nlohmann::json body = PublicRegistryBody("private-ca.example.com");
  body["tls"] = {{"mode", "verify-with-ca"}, {"ca_pem", ca.cert_pem()}};
  HttpResponse created = api().Post("/api/v1/registries", body);
  ASSERT_EQ(created.status, 201) << created.body;
  nlohmann::json tls = created.Json()["tls"];
  EXPECT_EQ(tls["mode"], "verify-with-ca");
  std::string fingerprint = tls.value("ca_fingerprint", "");
  EXPECT_EQ(fingerprint, Sha256Hex(PemToDer(ca.cert_pem()))) << "sha256 of the certificate's DER";

  // An update without a new bundle keeps the stored one.
  std::string path = "/api/v1/registries/" + created.Json()["id"].get<std::string>();
  HttpResponse updated = api().Patch(path, {{"revision", 1}, {"description", "keeps its CA"},
                                            {"tls", {{"mode", "verify-with-ca"}}}});
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.Json()["tls"]["ca_fingerprint"], fingerprint);
}

TEST_F(RegistryFieldsApi, PlainHttpIsForLoopbackUnlessForced) {
  nlohmann::json local = PublicRegistryBody("localhost:5001");
  local["tls"] = {{"mode", "plain-http"}};
  HttpResponse loopback = api().Post("/api/v1/registries", local);
  ASSERT_EQ(loopback.status, 201) << loopback.body;
  EXPECT_EQ(loopback.Json()["tls"]["mode"], "plain-http");

  nlohmann::json remote = PublicRegistryBody("plain.example.com:5000");
  remote["tls"] = {{"mode", "plain-http"}};
  EXPECT_TRUE(IsApiError(api().Post("/api/v1/registries", remote), 400, "invalid_argument"));
  remote["force_plain_http"] = true;
  HttpResponse forced = api().Post("/api/v1/registries", remote);
  ASSERT_EQ(forced.status, 201) << forced.body;
  EXPECT_EQ(forced.Json()["tls"]["mode"], "plain-http");
}

TEST_F(RegistryFieldsApi, UsageAndRepositoriesRoundTrip) {
  nlohmann::json body = PublicRegistryBody("charts.example.com");
  body["repositories"] = {"library/alpine", "team/app"};
  body["usage"] = {{"push_images", false}, {"push_charts", true}, {"chart_repository", true},
                   {"chart_repositories", {"charts/web", "charts/api"}}, {"default", false}};
  HttpResponse created = api().Post("/api/v1/registries", body);
  ASSERT_EQ(created.status, 201) << created.body;
  nlohmann::json registry = created.Json();
  EXPECT_EQ(registry["repositories"], body["repositories"]);
  EXPECT_EQ(registry["usage"], body["usage"]);
  EXPECT_EQ(registry["access"], "public");
  EXPECT_EQ(registry["credentials"]["kind"], "none");
}

TEST_F(RegistryFieldsApi, DefaultsArePrivateVerifyAndPushImages) {
  HttpResponse created = api().Post("/api/v1/registries",
                                    {{"url", "defaults.example.com"}, {"provider", "generic"},
                                     {"credentials", {{"kind", "basic"}, {"username", "u"},
                                                      {"password", NewSecret("defaults")}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  nlohmann::json registry = created.Json();
  EXPECT_EQ(registry["access"], "private");
  EXPECT_EQ(registry["tls"]["mode"], "verify");
  EXPECT_EQ(registry["usage"]["push_images"], true);
  EXPECT_EQ(registry["usage"]["default"], false);
  EXPECT_EQ(registry["mirrors"], nlohmann::json::array());
}

}  // namespace
}  // namespace reghub::testing
