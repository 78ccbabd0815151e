#include "core/account_validation.h"

#include <string>

namespace reghub {
namespace {

bool IsNameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// The number of UTF-8 characters of `text`, or npos when it is not valid
// UTF-8 (overlong forms, surrogates and truncated sequences included).
std::size_t Utf8Length(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xe ? 3
                                         : (byte >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return std::string_view::npos;
    std::uint32_t code = length == 1 ? byte : byte & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) return std::string_view::npos;
      code = (code << 6) | (next & 0x3f);
    }
    static constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return std::string_view::npos;
    }
    i += length;
  }
  return count;
}

}  // namespace

bool CheckAccountName(std::string_view name, std::string_view field, Violations& violations) {
  std::string where(field);
  if (name.empty()) {
    violations.Add(where, "is required");
    return false;
  }
  if (name.size() > kMaxAccountNameLength) {
    violations.Add(where, "must be at most " + std::to_string(kMaxAccountNameLength) +
                              " characters (got " + std::to_string(name.size()) + ")");
    return false;
  }
  for (char c : name) {
    if (!IsNameCharacter(c)) {
      violations.Add(where,
                     "may hold only lower-case letters a-z, digits, \".\", \"_\" and \"-\"");
      return false;
    }
  }
  if (name.front() == '.' || name.front() == '_' || name.front() == '-') {
    violations.Add(where, "must start with a letter or a digit");
    return false;
  }
  return true;
}

bool CheckText(std::string_view text, std::string_view field, std::size_t max_characters,
               bool allow_line_breaks, bool required, Violations& violations) {
  std::string where(field);
  if (text.empty()) {
    if (required) violations.Add(where, "is required");
    return !required;
  }
  std::size_t length = Utf8Length(text);
  if (length == std::string_view::npos) {
    violations.Add(where, "is not valid UTF-8");
    return false;
  }
  if (length > max_characters) {
    violations.Add(where, "must be at most " + std::to_string(max_characters) +
                              " characters (got " + std::to_string(length) + ")");
    return false;
  }
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool line_break = c == '\n' || c == '\r' || c == '\t';
    if ((byte < 0x20 && !(allow_line_breaks && line_break)) || byte == 0x7f) {
      violations.Add(where, "must not contain control characters");
      return false;
    }
  }
  return true;
}

bool CheckTokenLifetimeDays(long long days, std::string_view field, Violations& violations) {
  if (days >= 1 && days <= kMaxTokenLifetimeDays) return true;
  violations.Add(std::string(field),
                 "must be from 1 to " + std::to_string(kMaxTokenLifetimeDays) + " days");
  return false;
}

}  // namespace reghub
