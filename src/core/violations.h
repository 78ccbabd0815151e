#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace reghub {

// Collects field violations so a validator can report every problem of an
// input at once instead of stopping at the first.
class Violations {
 public:
  void Add(std::string field, std::string message) {
    items_.push_back({std::move(field), std::move(message)});
  }
  // Appends the details of an invalid_argument error (or its message when it
  // has none, on `fallback_field`).
  void AddError(const Error& error, const std::string& fallback_field);

  bool empty() const { return items_.empty(); }
  const std::vector<FieldViolation>& items() const { return items_; }

  // One invalid_argument error with every violation in `details`; its message
  // is the first one ("<field>: <message>") plus "(and N more problems)".
  // REQUIRES: !empty().
  Error ToError() const;

 private:
  std::vector<FieldViolation> items_;
};

}  // namespace reghub
