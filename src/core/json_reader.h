#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/violations.h"

namespace reghub {

// Reads the members of one JSON object strictly, for request bodies: every
// problem is recorded in `violations` at its dotted path ("secret.name",
// "namespaces[2]") and the accessor returns nullopt; nothing is thrown.
// Strings are measured in code points and refused when they hold control
// characters (multi-line ones may hold \n and \t). JSON null is a wrong type,
// not "absent". The reader keeps references: the object and the violations
// must outlive it.
class JsonReader {
 public:
  JsonReader(const nlohmann::json& object, std::string prefix, Violations& violations)
      : object_(object), prefix_(std::move(prefix)), violations_(violations) {}

  std::string Path(std::string_view key) const { return prefix_ + std::string(key); }
  void Fail(std::string_view key, std::string message) const {
    violations_.Add(Path(key), std::move(message));
  }
  const nlohmann::json* Find(std::string_view key) const;

  // Records "unknown field" for every member not in `known`.
  void RefuseUnknown(std::initializer_list<std::string_view> known) const;

  std::optional<std::string> String(std::string_view key, std::size_t max_length,
                                    bool multiline = false) const;
  std::optional<bool> Bool(std::string_view key) const;
  // An integer in [min, max].
  std::optional<std::int64_t> Integer(std::string_view key, std::int64_t min,
                                      std::int64_t max) const;
  // An array of at most `max_items` strings, each at most `max_length` long.
  std::optional<std::vector<std::string>> StringList(std::string_view key, std::size_t max_items,
                                                     std::size_t max_length) const;
  // A nested object (nullopt, with a violation, when the member is not one).
  const nlohmann::json* Object(std::string_view key) const;

 private:
  const nlohmann::json& object_;
  std::string prefix_;
  Violations& violations_;
};

// Checks one string value as JsonReader does (length in code points, no
// control characters); the reason it is refused, or nullopt.
std::optional<std::string> CheckText(std::string_view text, std::size_t max_length, bool multiline);

}  // namespace reghub
