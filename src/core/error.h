#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace reghub {

// The closed set of failure kinds; each maps one-to-one onto the API's error
// "code" string and an HTTP status (see http/error_mapping.h).
enum class ErrorCode {
  kInvalidArgument,
  kUnauthenticated,
  kPermissionDenied,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kFailedPrecondition,
  kPayloadTooLarge,
  kInternal,
  kUnavailable,
  kTooManyRequests,     // throttled: retry after Error::retry_after_seconds
};

// "invalid_argument", "not_found", ... as in DESIGN.md.
std::string_view ErrorCodeName(ErrorCode code);

// One offending input field. `field` is a JSON path such as "credentials.password"
// or "mirrors[1].upstream".
struct FieldViolation {
  std::string field;
  std::string message;

  bool operator==(const FieldViolation&) const = default;
};

// An expected failure, carried as a value. Messages are meant for users: they
// name the field and say what to do, and never contain a secret value.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::vector<FieldViolation> details;
  // For kTooManyRequests: seconds until a retry may succeed (the HTTP
  // Retry-After header); 0 otherwise.
  long long retry_after_seconds = 0;

  static Error InvalidArgument(std::string message, std::vector<FieldViolation> details = {});
  // A single-field invalid_argument whose message is "<field>: <message>".
  static Error InvalidField(std::string field, std::string message);
  static Error Unauthenticated(std::string message);
  static Error PermissionDenied(std::string message);
  static Error NotFound(std::string message);
  static Error AlreadyExists(std::string message, std::vector<FieldViolation> details = {});
  static Error Conflict(std::string message);
  static Error FailedPrecondition(std::string message, std::vector<FieldViolation> details = {});
  static Error PayloadTooLarge(std::string message);
  static Error Internal(std::string message);
  static Error Unavailable(std::string message);
  static Error TooManyRequests(std::string message, long long retry_after_seconds);
};

}  // namespace reghub
