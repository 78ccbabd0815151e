#include "service/chart_version.h"

#include <algorithm>

namespace reghub::service {
namespace {

bool IsIdentifierChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::vector<std::string>> SplitIdentifiers(std::string_view text,
                                                         bool numeric_rules) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view part =
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || !std::all_of(part.begin(), part.end(), IsIdentifierChar))
      return std::nullopt;
    if (numeric_rules && AllDigits(part) && part.size() > 1 && part.front() == '0')
      return std::nullopt;
    parts.emplace_back(part);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::optional<unsigned long long> ParseNumber(std::string_view text) {
  if (!AllDigits(text) || (text.size() > 1 && text.front() == '0') || text.size() > 18)
    return std::nullopt;
  unsigned long long value = 0;
  for (char c : text) value = value * 10 + static_cast<unsigned>(c - '0');
  return value;
}

}  // namespace

std::optional<ChartVersion> ParseChartVersion(std::string_view tag) {
  std::string text(tag);
  std::replace(text.begin(), text.end(), '_', '+');
  std::string_view rest = text;
  ChartVersion version;
  if (auto plus = rest.find('+'); plus != std::string_view::npos) {
    std::string_view build = rest.substr(plus + 1);
    if (!SplitIdentifiers(build, false)) return std::nullopt;
    version.build = std::string(build);
    rest = rest.substr(0, plus);
  }
  if (auto dash = rest.find('-'); dash != std::string_view::npos) {
    auto prerelease = SplitIdentifiers(rest.substr(dash + 1), true);
    if (!prerelease) return std::nullopt;
    version.prerelease = std::move(*prerelease);
    rest = rest.substr(0, dash);
  }
  auto first = rest.find('.');
  auto second = first == std::string_view::npos ? first : rest.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto major = ParseNumber(rest.substr(0, first));
  auto minor = ParseNumber(rest.substr(first + 1, second - first - 1));
  auto patch = ParseNumber(rest.substr(second + 1));
  if (!major || !minor || !patch) return std::nullopt;
  version.major = *major;
  version.minor = *minor;
  version.patch = *patch;
  version.text = std::move(text);
  return version;
}

int CompareChartVersions(const ChartVersion& a, const ChartVersion& b) {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  // A version without pre-release ranks above one with.
  if (a.prerelease.empty() != b.prerelease.empty()) return a.prerelease.empty() ? 1 : -1;
  for (std::size_t i = 0; i < std::min(a.prerelease.size(), b.prerelease.size()); ++i) {
    const std::string& x = a.prerelease[i];
    const std::string& y = b.prerelease[i];
    bool x_numeric = AllDigits(x), y_numeric = AllDigits(y);
    if (x_numeric && y_numeric) {
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      if (x != y) return x < y ? -1 : 1;
    } else if (x_numeric != y_numeric) {
      return x_numeric ? -1 : 1;  // numeric identifiers rank below alphanumeric ones
    } else if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  if (a.prerelease.size() != b.prerelease.size())
    return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
  return 0;
}

std::vector<ChartVersion> ChartVersionsNewestFirst(const std::vector<std::string>& tags) {
  std::vector<ChartVersion> versions;
  for (const auto& tag : tags) {
    if (auto version = ParseChartVersion(tag)) versions.push_back(std::move(*version));
  }
  std::sort(versions.begin(), versions.end(), [](const ChartVersion& a, const ChartVersion& b) {
    int order = CompareChartVersions(a, b);
    return order != 0 ? order > 0 : a.text > b.text;
  });
  return versions;
}

}  // namespace reghub::service
