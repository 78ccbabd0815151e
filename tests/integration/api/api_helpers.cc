#include "integration/api/api_helpers.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

namespace reghub::testing {
namespace {

std::mutex secrets_mutex;
std::set<std::string>& Secrets() {
  static std::set<std::string> secrets;
  return secrets;
}

}  // namespace

void RememberSecret(const std::string& secret) {
  std::lock_guard lock(secrets_mutex);
  Secrets().insert(secret);
}

std::vector<std::string> KnownSecrets() {
  std::lock_guard lock(secrets_mutex);
  return {Secrets().begin(), Secrets().end()};
}

std::string NewSecret(const std::string& tag) {
  static std::atomic<int> counter{0};
  static const unsigned seed = std::random_device{}();
  std::mt19937 random(seed + counter.load());
  std::string secret = tag + "-S3cr3t-" + std::to_string(++counter) + "-" +
                       std::to_string(random() % 1000000000u);
  RememberSecret(secret);
  return secret;
}

std::vector<std::string> SecretsIn(std::string_view haystack) {
  std::vector<std::string> found;
  for (const std::string& secret : KnownSecrets()) {
    if (haystack.find(secret) != std::string_view::npos) found.push_back(secret);
  }
  return found;
}

ApiClient::ApiClient(const HubServer& hub, std::string token)
    : base_url_(hub.base_url()), token_(std::move(token)) {}

HttpResponse ApiClient::Checked(const std::string& path, HttpResponse response) {
  std::vector<std::string> leaked = SecretsIn(response.body);
  for (const auto& [name, value] : response.headers) {
    for (const std::string& secret : SecretsIn(value)) leaked.push_back(secret + " (header " + name + ")");
  }
  EXPECT_TRUE(leaked.empty()) << "the response to " << path << " contains secret values: "
                              << ::testing::PrintToString(leaked);
  return response;
}

HttpResponse ApiClient::Get(const std::string& path) {
  return Checked(path, http_.Get(base_url_ + path, token_));
}

HttpResponse ApiClient::Delete(const std::string& path) {
  return Checked(path, http_.Delete(base_url_ + path, token_));
}

HttpResponse ApiClient::Post(const std::string& path, const nlohmann::json& body) {
  return Checked(path, http_.SendJson("POST", base_url_ + path, body, token_));
}

HttpResponse ApiClient::Patch(const std::string& path, const nlohmann::json& body) {
  return Checked(path, http_.SendJson("PATCH", base_url_ + path, body, token_));
}

HttpResponse ApiClient::Raw(std::string_view method, const std::string& path, std::string_view body) {
  return Checked(path, http_.SendRaw(method, base_url_ + path, body, token_));
}

::testing::AssertionResult IsApiError(const HttpResponse& response, long status,
                                      const std::string& code) {
  auto failure = [&](const std::string& why) {
    return ::testing::AssertionFailure() << why << "; status " << response.status << ", body "
                                         << response.body.substr(0, 2000) << response.error;
  };
  if (response.status != status) return failure("expected status " + std::to_string(status));
  if (!response.Header("content-type").starts_with("application/json")) {
    return failure("content-type is \"" + response.Header("content-type") + "\", not JSON");
  }
  nlohmann::json body = response.Json();
  if (body.is_discarded() || !body.is_object() || !body.contains("error") ||
      !body["error"].is_object()) {
    return failure("no {\"error\":{…}} object");
  }
  const nlohmann::json& error = body["error"];
  if (!error.contains("code") || error["code"] != code) return failure("expected code " + code);
  if (!error.contains("message") || !error["message"].is_string() ||
      error["message"].get<std::string>().empty()) {
    return failure("no message");
  }
  if (error.contains("details")) {
    if (!error["details"].is_array()) return failure("details is not an array");
    for (const auto& detail : error["details"]) {
      if (!detail.is_object() || !detail.contains("field") || !detail["field"].is_string() ||
          !detail.contains("message") || !detail["message"].is_string()) {
        return failure("a detail is not {\"field\",\"message\"}");
      }
    }
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult ErrorNamesField(const HttpResponse& response, const std::string& field) {
  nlohmann::json body = response.Json();
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const nlohmann::json& error = body["error"];
    if (error.contains("details") && error["details"].is_array()) {
      for (const auto& detail : error["details"]) {
        std::string named = detail.is_object() ? detail.value("field", "") : "";
        if (named == field || named.starts_with(field + ".") || named.starts_with(field + "[")) {
          return ::testing::AssertionSuccess();
        }
      }
      for (const auto& detail : error["details"]) {
        if (detail.is_object() && detail.value("message", "").find(field) != std::string::npos) {
          return ::testing::AssertionSuccess();
        }
      }
    }
  }
  return ::testing::AssertionFailure() << "the error does not name field \"" << field
                                       << "\" in its details: " << response.body.substr(0, 2000);
}

nlohmann::json PublicRegistryBody(const std::string& url) {
  return {{"url", url},
          {"provider", "generic"},
          {"access", "public"},
          {"credentials", {{"kind", "none"}}},
          {"repositories", {"team/app"}}};
}

nlohmann::json BasicRegistryBody(const std::string& url, const std::string& username,
                                 const std::string& password, const std::string& provider) {
  RememberSecret(password);
  RememberSecret(Base64(username + ":" + password));
  return {{"url", url},
          {"provider", provider},
          {"access", "private"},
          {"credentials", {{"kind", "basic"}, {"username", username}, {"password", password}}}};
}

std::vector<nlohmann::json> ListAllRegistries(ApiClient& api, const std::string& query) {
  std::vector<nlohmann::json> all;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    HttpResponse response = api.Get("/api/v1/registries?page_size=500" + query +
                                    (token.empty() ? "" : "&page_token=" + UrlEncode(token)));
    EXPECT_EQ(response.status, 200) << response.body;
    nlohmann::json body = response.Json();
    if (response.status != 200 || !body.is_object() || !body["registries"].is_array()) break;
    for (auto& registry : body["registries"]) all.push_back(registry);
    token = body.value("next_page_token", "");
    if (token.empty()) break;
  }
  return all;
}

std::vector<nlohmann::json> ListAllAudit(ApiClient& api) {
  std::vector<nlohmann::json> all;
  std::string token;
  for (int page = 0; page < 1000; ++page) {
    HttpResponse response = api.Get("/api/v1/audit?page_size=500" +
                                    (token.empty() ? "" : "&page_token=" + UrlEncode(token)));
    EXPECT_EQ(response.status, 200) << response.body;
    nlohmann::json body = response.Json();
    if (response.status != 200 || !body.is_object() || !body["entries"].is_array()) break;
    for (auto& entry : body["entries"]) all.push_back(entry);
    token = body.value("next_page_token", "");
    if (token.empty()) break;
  }
  return all;
}

std::string GenerateRsaPrivateKeyPem() {
  static const std::string pem = [] {
    EVP_PKEY* key = EVP_RSA_gen(2048);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    long length = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(length));
    BIO_free(bio);
    EVP_PKEY_free(key);
    return text;
  }();
  return pem;
}

nlohmann::json ServiceAccountKey(const std::string& client_email, const std::string& private_key_pem) {
  RememberSecret(PemBodyLine(private_key_pem));
  return {{"type", "service_account"},
          {"project_id", "reghub-test"},
          {"private_key_id", "0123456789abcdef0123456789abcdef01234567"},
          {"private_key", private_key_pem},
          {"client_email", client_email},
          {"client_id", "123456789012345678901"},
          {"auth_uri", "https://accounts.google.com/o/oauth2/auth"},
          {"token_uri", "https://oauth2.googleapis.com/token"}};
}

std::string PemBodyLine(const std::string& pem) {
  std::istringstream lines(pem);
  std::string line;
  std::string longest;
  while (std::getline(lines, line)) {
    if (!line.starts_with("-----") && line.size() > longest.size()) longest = line;
  }
  return longest;
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(bytes.data()),
                               static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace reghub::testing
