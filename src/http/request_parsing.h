#pragma once

#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "http/http_message.h"
#include "store/records.h"

namespace reghub::http {

// Parses a JSON request body. The error never quotes the body (it may hold
// secrets): it names the byte offset, and says so when the body is not UTF-8.
Result<nlohmann::json> ParseJsonBody(const HttpRequest& request);
// page_size (1..500, default 50) and page_token from the query.
Result<store::PageRequest> ParsePageRequest(const HttpRequest& request);
// A positive integer from text, for path and query parameters named `field`.
Result<std::int64_t> ParsePositiveInteger(std::string_view text, std::string_view field);

}  // namespace reghub::http
