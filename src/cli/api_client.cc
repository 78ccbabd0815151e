#include "cli/api_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace reghub::cli {
namespace {

constexpr long kConnectTimeoutSeconds = 10;
constexpr long kTimeoutSeconds = 120;

void EnsureCurlInitialized() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Wipes a request body (which may hold secrets) when it goes out of scope.
struct WipedString {
  std::string text;
  ~WipedString() { std::fill(text.begin(), text.end(), '\0'); }
};

}  // namespace

ErrorCode ErrorCodeFromName(std::string_view name) {
  for (ErrorCode code :
       {ErrorCode::kInvalidArgument, ErrorCode::kUnauthenticated, ErrorCode::kPermissionDenied,
        ErrorCode::kNotFound, ErrorCode::kAlreadyExists, ErrorCode::kConflict,
        ErrorCode::kFailedPrecondition, ErrorCode::kPayloadTooLarge, ErrorCode::kInternal,
        ErrorCode::kUnavailable, ErrorCode::kTooManyRequests}) {
    if (ErrorCodeName(code) == name) return code;
  }
  return ErrorCode::kInternal;
}

Error ErrorFromResponse(long status, std::string_view body) {
  Json json = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("error") && json["error"].is_object()) {
    const Json& error = json["error"];
    Error result;
    result.code = ErrorCodeFromName(error.value("code", ""));
    result.message = error.value("message", "");
    if (error.contains("details") && error["details"].is_array()) {
      for (const Json& detail : error["details"]) {
        if (!detail.is_object()) continue;
        result.details.push_back({detail.value("field", ""), detail.value("message", "")});
      }
    }
    if (result.message.empty()) result.message = "the server answered " + std::to_string(status);
    return result;
  }
  ErrorCode code = status == 401   ? ErrorCode::kUnauthenticated
                   : status == 403 ? ErrorCode::kPermissionDenied
                   : status == 404 ? ErrorCode::kNotFound
                   : status == 503 ? ErrorCode::kUnavailable
                   : status >= 500 ? ErrorCode::kInternal
                                   : ErrorCode::kInvalidArgument;
  return Error{
      code, "the server answered HTTP " + std::to_string(status) + " without an API error", {}};
}

std::string QueryEscape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

ApiClient::ApiClient(std::string server, SecretString token)
    : server_(std::move(server)), token_(std::move(token)) {
  EnsureCurlInitialized();
}

Result<Json> ApiClient::Get(const std::string& path) const {
  return Call("GET", path, std::nullopt);
}
Result<Json> ApiClient::Post(const std::string& path, const Json& body) const {
  return Call("POST", path, body);
}
Result<Json> ApiClient::Put(const std::string& path, const Json& body) const {
  return Call("PUT", path, body);
}
Result<Json> ApiClient::Patch(const std::string& path, const Json& body) const {
  return Call("PATCH", path, body);
}
Result<Json> ApiClient::Delete(const std::string& path) const {
  return Call("DELETE", path, std::nullopt);
}

Result<Json> ApiClient::PostBytes(const std::string& path, const std::string& content_type,
                                  const std::string& body) const {
  return Perform("POST", path, content_type, &body);
}

Result<Json> ApiClient::Call(std::string_view method, const std::string& path,
                             const std::optional<Json>& body) const {
  WipedString request_body;
  if (body) request_body.text = body->dump();
  return Perform(method, path, "application/json", body ? &request_body.text : nullptr);
}

Result<Json> ApiClient::Perform(std::string_view method, const std::string& path,
                                const std::string& content_type, const std::string* body) const {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error::Internal("cannot create an HTTP client");
  std::string url = server_ + path;
  std::string method_text(method);
  std::string content_type_header = "Content-Type: " + content_type;
  WipedString authorization;
  if (!token_.empty()) authorization.text = "Authorization: Bearer " + token_.Reveal();

  curl_slist* raw_headers = curl_slist_append(nullptr, "Accept: application/json");
  if (body) raw_headers = curl_slist_append(raw_headers, content_type_header.c_str());
  // Large bodies: no "Expect: 100-continue" round trip.
  if (body) raw_headers = curl_slist_append(raw_headers, "Expect:");
  if (!authorization.text.empty())
    raw_headers = curl_slist_append(raw_headers, authorization.text.c_str());
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw_headers);

  std::string response;
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method_text.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_USERAGENT, "reghub-cli");
  if (body) {
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
  }
  CURLcode code = curl_easy_perform(handle);
  // The header list holds the token: wipe it before libcurl frees it.
  std::fill(authorization.text.begin(), authorization.text.end(), '\0');
  for (curl_slist* item = headers.get(); item != nullptr; item = item->next) {
    for (char* p = item->data; *p != '\0'; ++p) *p = '\0';
  }
  if (code != CURLE_OK) {
    return Error::Unavailable("cannot reach the hub at " + server_ + ": " +
                              curl_easy_strerror(code));
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  if (status >= 400) return ErrorFromResponse(status, response);
  if (status == 204 || response.empty()) return Json();
  Json json = Json::parse(response, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    return Error::Internal("the hub at " + server_ + " answered " + std::to_string(status) +
                           " with a body that is not JSON (is this a reghub server?)");
  }
  return json;
}

}  // namespace reghub::cli
