#include "core/error.h"

#include <utility>

namespace reghub {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kUnauthenticated: return "unauthenticated";
    case ErrorCode::kPermissionDenied: return "permission_denied";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kAlreadyExists: return "already_exists";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kFailedPrecondition: return "failed_precondition";
    case ErrorCode::kPayloadTooLarge: return "payload_too_large";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kTooManyRequests: return "too_many_requests";
  }
  return "internal";
}

Error Error::InvalidArgument(std::string message, std::vector<FieldViolation> details) {
  return {ErrorCode::kInvalidArgument, std::move(message), std::move(details)};
}
Error Error::InvalidField(std::string field, std::string message) {
  std::string text = field + ": " + message;
  return {ErrorCode::kInvalidArgument, text, {{std::move(field), std::move(message)}}};
}
Error Error::Unauthenticated(std::string message) {
  return {ErrorCode::kUnauthenticated, std::move(message), {}};
}
Error Error::PermissionDenied(std::string message) {
  return {ErrorCode::kPermissionDenied, std::move(message), {}};
}
Error Error::NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message), {}}; }
Error Error::AlreadyExists(std::string message, std::vector<FieldViolation> details) {
  return {ErrorCode::kAlreadyExists, std::move(message), std::move(details)};
}
Error Error::Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message), {}}; }
Error Error::FailedPrecondition(std::string message, std::vector<FieldViolation> details) {
  return {ErrorCode::kFailedPrecondition, std::move(message), std::move(details)};
}
Error Error::PayloadTooLarge(std::string message) {
  return {ErrorCode::kPayloadTooLarge, std::move(message), {}};
}
Error Error::Internal(std::string message) { return {ErrorCode::kInternal, std::move(message), {}}; }
Error Error::Unavailable(std::string message) {
  return {ErrorCode::kUnavailable, std::move(message), {}};
}
Error Error::TooManyRequests(std::string message, long long retry_after_seconds) {
  return {ErrorCode::kTooManyRequests, std::move(message), {}, retry_after_seconds};
}

}  // namespace reghub
