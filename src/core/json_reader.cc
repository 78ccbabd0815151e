#include "core/json_reader.h"

#include <algorithm>

namespace reghub {
namespace {

std::size_t CodePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// True for C0/C1 control characters and DEL; \n, \t (and \r before \n) pass
// in multi-line text.
bool HasControl(std::string_view text, bool multiline) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool multiline_ok =
        c == '\n' || c == '\t' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
    if ((c < 0x20 || c == 0x7f) && !(multiline && multiline_ok)) return true;
    if (c == 0xC2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> CheckText(std::string_view text, std::size_t max_length,
                                     bool multiline) {
  if (CodePoints(text) > max_length) {
    return "must be at most " + std::to_string(max_length) + " characters";
  }
  if (HasControl(text, multiline)) {
    return multiline ? "must not contain control characters other than newline and tab"
                     : "must not contain control characters";
  }
  return std::nullopt;
}

const nlohmann::json* JsonReader::Find(std::string_view key) const {
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

void JsonReader::RefuseUnknown(std::initializer_list<std::string_view> known) const {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) Fail(key, "unknown field");
  }
}

std::optional<std::string> JsonReader::String(std::string_view key, std::size_t max_length,
                                              bool multiline) const {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    Fail(key, "must be a string");
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  if (auto problem = CheckText(text, max_length, multiline)) {
    Fail(key, *problem);
    return std::nullopt;
  }
  return text;
}

std::optional<bool> JsonReader::Bool(std::string_view key) const {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) {
    Fail(key, "must be a boolean");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::int64_t> JsonReader::Integer(std::string_view key, std::int64_t min,
                                                std::int64_t max) const {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number_integer()) {
    Fail(key, "must be an integer");
    return std::nullopt;
  }
  if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    Fail(key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  std::int64_t number = value->get<std::int64_t>();
  if (number < min || number > max) {
    Fail(key, "must be from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<std::vector<std::string>> JsonReader::StringList(std::string_view key,
                                                               std::size_t max_items,
                                                               std::size_t max_length) const {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_array()) {
    Fail(key, "must be an array of strings");
    return std::nullopt;
  }
  if (value->size() > max_items) {
    Fail(key, "must have at most " + std::to_string(max_items) + " entries");
    return std::nullopt;
  }
  std::vector<std::string> items;
  bool ok = true;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const nlohmann::json& item = (*value)[i];
    std::string item_key = std::string(key) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      Fail(item_key, "must be a string");
      ok = false;
      continue;
    }
    const auto& text = item.get_ref<const std::string&>();
    if (auto problem = CheckText(text, max_length, false)) {
      Fail(item_key, *problem);
      ok = false;
      continue;
    }
    items.push_back(text);
  }
  if (!ok) return std::nullopt;
  return items;
}

const nlohmann::json* JsonReader::Object(std::string_view key) const {
  const nlohmann::json* value = Find(key);
  if (value == nullptr) return nullptr;
  if (!value->is_object()) {
    Fail(key, "must be an object");
    return nullptr;
  }
  return value;
}

}  // namespace reghub
