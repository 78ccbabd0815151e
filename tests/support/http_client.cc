#include "support/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace reghub::testing {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after 100 Continue or a redirect)
    return size * count;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  (*headers)[name] = std::string(value);
  return size * count;
}

}  // namespace

nlohmann::json HttpResponse::Json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

std::string HttpResponse::Header(const std::string& lower_case_name) const {
  auto found = headers.find(lower_case_name);
  return found == headers.end() ? std::string() : found->second;
}

HttpClient::HttpClient(std::chrono::milliseconds timeout) : timeout_(timeout) {
  GlobalInitOnce();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

HttpResponse HttpClient::Request(std::string_view method, const std::string& url,
                                 const HttpHeaders& headers, std::string_view body,
                                 bool send_body) {
  HttpResponse response;
  // curl_easy_reset keeps live connections, so keep-alive survives it.
  curl_easy_reset(curl_);
  std::string method_text(method);
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, AppendHeader);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response.headers);
  if (method_text == "HEAD") {
    curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L);
  } else if (method_text != "GET" || send_body || !body.empty()) {
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method_text.c_str());
  }
  if (send_body || !body.empty()) {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.data());
  }
  curl_slist* header_list = nullptr;
  bool has_expect = false;
  for (const auto& [name, value] : headers) {
    std::string line = name + ": " + value;
    has_expect = has_expect || name == "Expect";
    header_list = curl_slist_append(header_list, line.c_str());
  }
  if (!has_expect) header_list = curl_slist_append(header_list, "Expect:");
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, header_list);

  CURLcode code = curl_easy_perform(curl_);
  curl_slist_free_all(header_list);
  if (code != CURLE_OK) {
    response.error = curl_easy_strerror(code);
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    response.status = status;  // a response may have arrived before a send error
    return response;
  }
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

HttpResponse HttpClient::Get(const std::string& url, const std::string& bearer) {
  HttpHeaders headers;
  if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
  return Request("GET", url, headers);
}

HttpResponse HttpClient::Delete(const std::string& url, const std::string& bearer) {
  HttpHeaders headers;
  if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
  return Request("DELETE", url, headers);
}

HttpResponse HttpClient::SendJson(std::string_view method, const std::string& url,
                                  const nlohmann::json& body, const std::string& bearer) {
  return SendRaw(method, url, body.dump(), bearer);
}

HttpResponse HttpClient::SendRaw(std::string_view method, const std::string& url,
                                 std::string_view body, const std::string& bearer,
                                 const std::string& content_type) {
  HttpHeaders headers{{"Content-Type", content_type}};
  if (!bearer.empty()) headers.emplace_back("Authorization", "Bearer " + bearer);
  return Request(method, url, headers, body, /*send_body=*/true);
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace reghub::testing
