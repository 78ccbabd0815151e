#include "core/kubernetes_names.h"

namespace reghub {
namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Why `label` is not an RFC 1123 label, without the length limit.
std::optional<std::string> LabelProblem(std::string_view label, std::string_view what) {
  if (label.empty()) return std::string(what) + " must not be empty";
  for (char c : label) {
    if (!IsLowerAlnum(c) && c != '-') {
      if (c >= 'A' && c <= 'Z') return "must be lower case";
      return "may only contain lower-case letters, digits and '-'" +
             std::string(what == "a label" ? " (and '.' between labels)" : "");
    }
  }
  if (!IsLowerAlnum(label.front()) || !IsLowerAlnum(label.back())) {
    return std::string(what == "a label" ? "each label" : "it") +
           " must start and end with a lower-case letter or digit";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CheckDns1123Label(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > 63) return "must be at most 63 characters";
  return LabelProblem(name, "the name");
}

std::optional<std::string> CheckDns1123Subdomain(std::string_view name) {
  if (name.empty()) return "must not be empty";
  if (name.size() > 253) return "must be at most 253 characters";
  std::size_t start = 0;
  while (true) {
    std::size_t dot = name.find('.', start);
    std::string_view label =
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty()) return "must not have an empty label (\"..\", or a leading or trailing '.')";
    if (auto problem = LabelProblem(label, "a label")) return problem;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return std::nullopt;
}

std::string ToDns1123Subdomain(std::string_view text) {
  std::string out;
  for (char c : text) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    char mapped = IsLowerAlnum(lower) || lower == '.' ? lower : '-';
    if (!out.empty() && !IsLowerAlnum(mapped) && !IsLowerAlnum(out.back())) {
      // A separator after a separator: keep a dot over a dash, never two.
      if (mapped == '.') out.back() = '.';
      continue;
    }
    out.push_back(mapped);
  }
  if (out.size() > 253) out.resize(253);
  auto trim = [](std::string& s) {
    while (!s.empty() && !IsLowerAlnum(s.back())) s.pop_back();
    std::size_t first = 0;
    while (first < s.size() && !IsLowerAlnum(s[first])) ++first;
    s.erase(0, first);
  };
  trim(out);
  // A label left longer than 63 characters is cut at 63 and re-trimmed.
  std::string result;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t dot = out.find('.', start);
    std::string label = out.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.size() > 63) label.resize(63);
    trim(label);
    if (!label.empty()) {
      if (!result.empty()) result += '.';
      result += label;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return result.empty() ? "x" : result;
}

}  // namespace reghub
