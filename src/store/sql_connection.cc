#include "store/sql_connection.h"

#include <charconv>

namespace reghub::store {
namespace {

const std::string& EmptyString() {
  static const std::string* const kEmpty = new std::string();
  return *kEmpty;
}

}  // namespace

bool SqlRow::IsNull(std::size_t column) const {
  return column >= values_.size() || std::holds_alternative<std::nullptr_t>(values_[column]);
}

std::int64_t SqlRow::Int(std::size_t column) const {
  if (column >= values_.size()) return 0;
  const SqlValue& value = values_[column];
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  // Engines that report numbers as text (or a driver that could not tell)
  // still read as numbers; anything unparsable reads as 0.
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::int64_t parsed = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (error == std::errc() && end == text->data() + text->size()) return parsed;
  }
  return 0;
}

const std::string& SqlRow::Text(std::size_t column) const {
  if (column >= values_.size()) return EmptyString();
  const SqlValue& value = values_[column];
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* blob = std::get_if<Blob>(&value)) return blob->bytes;
  return EmptyString();
}

const std::string& SqlRow::Bytes(std::size_t column) const {
  // Blob and text are both byte strings; Text() already returns either.
  return Text(column);
}

}  // namespace reghub::store
