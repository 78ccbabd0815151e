#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/http_client.h"
#include "support/hub_server.h"

namespace reghub::testing {

// Every secret value a test sends. ApiClient fails the test when a response
// body contains one of them; the at-rest tests grep files for them. Safe for
// concurrent use.
void RememberSecret(const std::string& secret);
std::vector<std::string> KnownSecrets();
// A fresh, recognisable secret value ("<tag>-S3cr3t-<counter>-<random>"), remembered.
std::string NewSecret(const std::string& tag);

// The known secrets that occur in `haystack` (empty when none does).
std::vector<std::string> SecretsIn(std::string_view haystack);

// A client of the hub's JSON API that checks every response it receives for
// known secrets (non-fatal failure naming the path). Paths are relative to the
// hub ("/api/v1/registries"). One per thread.
class ApiClient {
 public:
  ApiClient(const HubServer& hub, std::string token);

  HttpResponse Get(const std::string& path);
  HttpResponse Delete(const std::string& path);
  HttpResponse Post(const std::string& path, const nlohmann::json& body);
  HttpResponse Patch(const std::string& path, const nlohmann::json& body);
  HttpResponse Raw(std::string_view method, const std::string& path, std::string_view body);

  void set_token(std::string token) { token_ = std::move(token); }
  HttpClient& http() { return http_; }

 private:
  HttpResponse Checked(const std::string& path, HttpResponse response);

  std::string base_url_;
  std::string token_;
  HttpClient http_;
};

// Checks the contract's error shape: `status`, a JSON body
// {"error":{"code":code,"message":non-empty,"details":[{"field","message"}]?}}.
::testing::AssertionResult IsApiError(const HttpResponse& response, long status,
                                      const std::string& code);
// True when the error's details name `field` or a part of it ("field.x",
// "field[0]"), or, failing that, when a detail's message mentions it.
::testing::AssertionResult ErrorNamesField(const HttpResponse& response, const std::string& field);

// Request bodies for registries.
nlohmann::json PublicRegistryBody(const std::string& url);
nlohmann::json BasicRegistryBody(const std::string& url, const std::string& username,
                                 const std::string& password, const std::string& provider = "generic");

// Every registry, through all pages of GET /api/v1/registries (+ `query`, "&a=b").
std::vector<nlohmann::json> ListAllRegistries(ApiClient& api, const std::string& query = "");
// Every audit entry, newest first.
std::vector<nlohmann::json> ListAllAudit(ApiClient& api);

// A 2048-bit RSA private key in PKCS#8 PEM, made for the test.
std::string GenerateRsaPrivateKeyPem();
// A Google service-account JSON key (as an object) holding `private_key_pem`.
nlohmann::json ServiceAccountKey(const std::string& client_email, const std::string& private_key_pem);
// The longest base64 line of a PEM: a value that must never appear anywhere.
std::string PemBodyLine(const std::string& pem);

std::string Base64(std::string_view bytes);

// A test fixture whose suite shares one running hub (started in
// SetUpTestSuite, stopped in TearDownTestSuite), with an admin ApiClient per
// test. `Derived` only makes the static state distinct per suite (CRTP).
template <typename Derived>
class SharedHubTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartHub(); }
  static void TearDownTestSuite() { hub_.reset(); }

  static void StartHub() {
    hub_ = std::make_unique<HubServer>();
    start_error_ = hub_->Start();
    if (start_error_.empty() && hub_->AdminToken().empty()) {
      start_error_ = "admin login failed; log:\n" + hub_->LogText();
    }
    RememberSecret(hub_->admin_password());
  }

  static bool HubAnswers() {
    if (!hub_->IsRunning()) return false;
    HttpClient probe(std::chrono::milliseconds(2000));
    return probe.Get(hub_->Url("/healthz")).status == 200;
  }

  void SetUp() override {
    // A test that crashed the shared hub fails on its own; later tests of the
    // suite get a fresh hub rather than failing with it.
    if (start_error_.empty() && !HubAnswers()) StartHub();
    ASSERT_EQ(start_error_, "") << "the hub did not start";
    api_ = std::make_unique<ApiClient>(*hub_, hub_->AdminToken());
  }

  HubServer& hub() { return *hub_; }
  ApiClient& api() { return *api_; }

  static inline std::unique_ptr<HubServer> hub_;
  static inline std::string start_error_;
  std::unique_ptr<ApiClient> api_;
};

}  // namespace reghub::testing
