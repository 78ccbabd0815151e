#include "core/violations.h"

namespace reghub {

void Violations::AddError(const Error& error, const std::string& fallback_field) {
  if (error.details.empty()) {
    Add(fallback_field, error.message);
    return;
  }
  items_.insert(items_.end(), error.details.begin(), error.details.end());
}

Error Violations::ToError() const {
  if (items_.empty()) return Error::Internal("no violations collected");
  std::string message = items_.front().field + ": " + items_.front().message;
  if (items_.size() == 2) message += " (and 1 more problem)";
  if (items_.size() > 2)
    message += " (and " + std::to_string(items_.size() - 1) + " more problems)";
  return Error::InvalidArgument(std::move(message), items_);
}

}  // namespace reghub
