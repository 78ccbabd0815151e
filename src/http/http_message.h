#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reghub::http {

// A request as the router sees it: already read in full, decoupled from the
// transport (Boost.Beast stays inside server.cc).
struct HttpRequest {
  std::string method;                              // "GET", "POST", ...
  std::string target;                              // raw request target
  std::string path;                                // target without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::map<std::string, std::string> headers;      // lower-case names
  std::string body;
  std::string remote_address;                      // "127.0.0.1"

  std::optional<std::string_view> Header(std::string_view lower_case_name) const;
  std::optional<std::string_view> QueryParam(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  static HttpResponse Json(int status, std::string body);
  static HttpResponse Text(int status, std::string body);
  static HttpResponse NoContent();
};

// Splits a raw target into path and percent-decoded query parameters.
// Returns false on a malformed escape.
bool ParseTarget(std::string_view target, std::string& path,
                 std::vector<std::pair<std::string, std::string>>& query);
std::string PercentDecode(std::string_view text, bool plus_as_space, bool& ok);

}  // namespace reghub::http
