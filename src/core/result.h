#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "core/error.h"

namespace reghub {

// Either a value or an Error. Construct implicitly from either; check ok()
// before value(). Result<void> is spelled Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { assert(ok()); return std::get<T>(state_); }
  T& value() & { assert(ok()); return std::get<T>(state_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }

  const Error& error() const { assert(!ok()); return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return {}; }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace reghub

// Propagates a failed Status or Result out of the calling function.
#define REGHUB_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    auto&& reghub_status_ = (expr);                   \
    if (!reghub_status_.ok()) return reghub_status_.error(); \
  } while (false)

#define REGHUB_CONCAT_INNER(a, b) a##b
#define REGHUB_CONCAT(a, b) REGHUB_CONCAT_INNER(a, b)
// `REGHUB_ASSIGN_OR_RETURN(auto x, Call());` declares x from a Result or returns its error.
#define REGHUB_ASSIGN_OR_RETURN(lhs, expr)                                     \
  auto REGHUB_CONCAT(reghub_result_, __LINE__) = (expr);                       \
  if (!REGHUB_CONCAT(reghub_result_, __LINE__).ok())                           \
    return REGHUB_CONCAT(reghub_result_, __LINE__).error();                    \
  lhs = std::move(REGHUB_CONCAT(reghub_result_, __LINE__)).value()
