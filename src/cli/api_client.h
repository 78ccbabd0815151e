#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "core/secret_string.h"

namespace reghub::cli {

// JSON as the CLI keeps it: object keys stay in the server's order, so
// output reads like the API documentation.
using Json = nlohmann::ordered_json;

// A blocking client of the hub's REST API (docs/api.md) over libcurl.
// Every call returns the parsed JSON body (null for 204), or an Error
// carrying the API's error code, message and field details. A transport
// failure is `unavailable` naming the server. Request bodies are never
// logged or echoed (they may hold secrets). Not safe for concurrent use.
class ApiClient {
 public:
  // `server` is a normalised base URL (see NormalizeServerUrl); `token` may
  // be empty for unauthenticated calls such as login.
  ApiClient(std::string server, SecretString token);

  Result<Json> Get(const std::string& path) const;
  Result<Json> Post(const std::string& path, const Json& body) const;
  Result<Json> Put(const std::string& path, const Json& body) const;
  Result<Json> Patch(const std::string& path, const Json& body) const;
  Result<Json> Delete(const std::string& path) const;
  // POST of raw bytes (a packaged chart) with the given Content-Type.
  Result<Json> PostBytes(const std::string& path, const std::string& content_type,
                         const std::string& body) const;

  const std::string& server() const { return server_; }

 private:
  Result<Json> Call(std::string_view method, const std::string& path,
                    const std::optional<Json>& body) const;
  // The exchange itself: `body` (nullptr for none) sent with `content_type`.
  Result<Json> Perform(std::string_view method, const std::string& path,
                       const std::string& content_type, const std::string* body) const;

  std::string server_;
  SecretString token_;
};

// Reads an error response body: {"error":{"code","message","details":[…]}}.
// Bodies of another shape give an error naming the HTTP status.
Error ErrorFromResponse(long status, std::string_view body);

// The ErrorCode for an API code name ("not_found"); kInternal when unknown.
ErrorCode ErrorCodeFromName(std::string_view name);

// Percent-encodes a query parameter value.
std::string QueryEscape(std::string_view value);

}  // namespace reghub::cli
