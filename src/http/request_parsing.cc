#include "http/request_parsing.h"

#include <charconv>
#include <string>

namespace reghub::http {

Result<nlohmann::json> ParseJsonBody(const HttpRequest& request) {
  if (auto type = request.Header("content-type");
      type && type->find("json") == std::string_view::npos) {
    return Error::InvalidArgument("request body must be JSON (Content-Type: application/json)");
  }
  if (request.body.empty()) return Error::InvalidArgument("request body is empty: expected a JSON object");
  try {
    auto body = nlohmann::json::parse(request.body);
    if (!body.is_object()) return Error::InvalidArgument("request body must be a JSON object");
    return body;
  } catch (const nlohmann::json::parse_error& error) {
    std::string what = error.what();
    if (what.find("UTF-8") != std::string::npos) {
      return Error::InvalidArgument("request body is not valid UTF-8 (at byte " +
                                    std::to_string(error.byte) + ")");
    }
    return Error::InvalidArgument("request body is not valid JSON (at byte " +
                                  std::to_string(error.byte) + ")");
  } catch (const nlohmann::json::out_of_range&) {
    return Error::InvalidArgument("request body holds a number out of range");
  } catch (const nlohmann::json::exception&) {
    return Error::InvalidArgument("request body is not valid JSON");
  }
}

Result<std::int64_t> ParsePositiveInteger(std::string_view text, std::string_view field) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) {
    return Error::InvalidField(std::string(field), "must be a positive integer");
  }
  return value;
}

Result<store::PageRequest> ParsePageRequest(const HttpRequest& request) {
  store::PageRequest page;
  if (auto size = request.QueryParam("page_size")) {
    REGHUB_ASSIGN_OR_RETURN(std::int64_t value, ParsePositiveInteger(*size, "page_size"));
    if (value > 500) return Error::InvalidField("page_size", "must be at most 500");
    page.page_size = static_cast<int>(value);
  }
  if (auto token = request.QueryParam("page_token")) {
    if (token->size() > 512) return Error::InvalidField("page_token", "is not a valid page token");
    page.page_token = std::string(*token);
  }
  return page;
}

}  // namespace reghub::http
