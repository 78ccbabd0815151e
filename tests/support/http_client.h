#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

typedef void CURL;

namespace reghub::testing {

// One HTTP response as a test sees it. Header names are lower-cased; a
// repeated header keeps its last value. `status` is 0 when the request failed
// at the transport level, and then `error` says why.
struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string error;

  // The body parsed as JSON; a discarded value (is_discarded()) when it is not JSON.
  nlohmann::json Json() const;
  std::string Header(const std::string& lower_case_name) const;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// A small blocking HTTP/1.1 client for tests over one libcurl easy handle, so
// consecutive requests reuse the connection (keep-alive). Bodies are sent as
// given, byte for byte (no encoding), with no "Expect: 100-continue" unless
// the caller adds it. Not safe for concurrent use: give each thread its own.
class HttpClient {
 public:
  explicit HttpClient(std::chrono::milliseconds timeout = std::chrono::seconds(30));
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  ~HttpClient();

  HttpResponse Request(std::string_view method, const std::string& url,
                       const HttpHeaders& headers = {}, std::string_view body = {},
                       bool send_body = false);

  // Conveniences for JSON APIs: `bearer` adds "Authorization: Bearer <bearer>"
  // when not empty; a body is sent with Content-Type application/json.
  HttpResponse Get(const std::string& url, const std::string& bearer = "");
  HttpResponse Delete(const std::string& url, const std::string& bearer = "");
  HttpResponse SendJson(std::string_view method, const std::string& url,
                        const nlohmann::json& body, const std::string& bearer = "");
  HttpResponse SendRaw(std::string_view method, const std::string& url, std::string_view body,
                       const std::string& bearer = "",
                       const std::string& content_type = "application/json");

 private:
  CURL* curl_;
  std::chrono::milliseconds timeout_;
};

// Percent-encodes `text` for use in a query string.
std::string UrlEncode(std::string_view text);

}  // namespace reghub::testing
