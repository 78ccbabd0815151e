#include "core/repository_name.h"

namespace reghub {
namespace {

constexpr std::size_t kMaxLength = 255;

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// One path component: alphanumeric runs joined by ".", "_", "__" or "-"+.
std::string ComponentProblem(std::string_view component) {
  if (component.empty())
    return "has an empty path component (\"//\", or a leading or trailing \"/\")";
  if (!IsAlnum(component.front()) || !IsAlnum(component.back())) {
    return "path components must start and end with a lower-case letter or digit";
  }
  std::size_t i = 0;
  while (i < component.size()) {
    char c = component[i];
    if (IsAlnum(c)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    if (c == '-') {
      while (i < component.size() && component[i] == '-') ++i;
    } else if (c == '_') {
      while (i < component.size() && component[i] == '_' && i - start < 2) ++i;
    } else if (c == '.') {
      ++i;
    } else if (c >= 'A' && c <= 'Z') {
      return "must be lower-case";
    } else {
      return "may hold only lower-case letters, digits, \".\", \"_\", \"__\", \"-\" and \"/\"";
    }
    if (i < component.size() && !IsAlnum(component[i])) {
      return "separators (\".\", \"_\", \"__\", \"-\") must stand between letters or digits";
    }
  }
  return "";
}

}  // namespace

std::string RepositoryNameProblem(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > kMaxLength) {
    return "is longer than " + std::to_string(kMaxLength) + " characters";
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string problem = ComponentProblem(name.substr(start, end - start));
    if (!problem.empty()) return problem;
    start = end + 1;
  }
  return "";
}

}  // namespace reghub
