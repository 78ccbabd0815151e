#include "http/error_response.h"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

namespace reghub::http {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kAlreadyExists: return 409;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kFailedPrecondition: return 400;
    case ErrorCode::kPayloadTooLarge: return 413;
    case ErrorCode::kInternal: return 500;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kTooManyRequests: return 429;
  }
  return 500;
}

HttpResponse ErrorResponse(const Error& error) {
  nlohmann::json details = nlohmann::json::array();
  for (const auto& violation : error.details) {
    details.push_back({{"field", violation.field}, {"message", violation.message}});
  }
  nlohmann::json body = {{"error",
                          {{"code", ErrorCodeName(error.code)},
                           {"message", error.message},
                           {"details", std::move(details)}}}};
  HttpResponse response = JsonResponse(HttpStatusFor(error.code), body);
  if (error.code == ErrorCode::kUnauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"reghub\"");
  }
  if (error.code == ErrorCode::kTooManyRequests) {
    response.headers.emplace_back("Retry-After",
                                  std::to_string(std::max(1LL, error.retry_after_seconds)));
  }
  return response;
}

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  return HttpResponse::Json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace reghub::http
