#include "registry/url.h"

#include <vector>

#include "registry/text.h"

namespace reghub::registry {

std::string ParsedUrl::Origin() const { return scheme + "://" + authority; }

std::string ParsedUrl::ToString() const {
  return Origin() + path + (query.empty() ? "" : "?" + query);
}

std::optional<ParsedUrl> ParseUrl(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  ParsedUrl parsed;
  parsed.scheme = ToLowerAscii(url.substr(0, sep));
  if (parsed.scheme != "http" && parsed.scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(sep + 3);
  auto fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  auto path_start = rest.find_first_of("/?");
  parsed.authority = std::string(rest.substr(0, path_start));
  if (parsed.authority.empty()) return std::nullopt;
  std::string_view tail = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  auto query_start = tail.find('?');
  parsed.path = std::string(tail.substr(0, query_start));
  if (query_start != std::string_view::npos) parsed.query = std::string(tail.substr(query_start + 1));
  if (parsed.path.empty()) parsed.path = "/";
  return parsed;
}

std::optional<std::string> ResolveUrl(std::string_view base, std::string_view reference) {
  reference = TrimWhitespace(reference);
  if (reference.find("://") != std::string_view::npos) {
    auto parsed = ParseUrl(reference);
    if (!parsed) return std::nullopt;
    return parsed->ToString();
  }
  auto base_url = ParseUrl(base);
  if (!base_url) return std::nullopt;
  if (reference.starts_with("//")) {
    auto parsed = ParseUrl(base_url->scheme + ":" + std::string(reference));
    if (!parsed) return std::nullopt;
    return parsed->ToString();
  }
  ParsedUrl result = *base_url;
  std::string_view ref_path = reference;
  std::string_view ref_query;
  auto query_start = reference.find('?');
  bool has_query = query_start != std::string_view::npos;
  if (has_query) {
    ref_path = reference.substr(0, query_start);
    ref_query = reference.substr(query_start + 1);
  }
  if (ref_path.empty()) {
    if (has_query) result.query = std::string(ref_query);
    return result.ToString();
  }
  if (ref_path.front() == '/') {
    result.path = std::string(ref_path);
  } else {
    auto last_slash = base_url->path.rfind('/');
    result.path = base_url->path.substr(0, last_slash + 1) + std::string(ref_path);
  }
  result.query = std::string(ref_query);
  return result.ToString();
}

std::optional<std::string> ParseNextLink(std::string_view link_header) {
  std::size_t pos = 0;
  while (pos < link_header.size()) {
    auto open = link_header.find('<', pos);
    if (open == std::string_view::npos) return std::nullopt;
    auto close = link_header.find('>', open);
    if (close == std::string_view::npos) return std::nullopt;
    std::string target(link_header.substr(open + 1, close - open - 1));
    // Parameters run to the next '<' that follows a comma.
    auto next = link_header.find('<', close);
    std::string_view params = link_header.substr(
        close + 1, next == std::string_view::npos ? std::string_view::npos : next - close - 1);
    std::size_t p = 0;
    while (p < params.size()) {
      auto semi = params.find(';', p);
      if (semi == std::string_view::npos) break;
      auto end = params.find_first_of(";,", semi + 1);
      std::string_view param = TrimWhitespace(params.substr(
          semi + 1, end == std::string_view::npos ? std::string_view::npos : end - semi - 1));
      auto eq = param.find('=');
      if (eq != std::string_view::npos &&
          EqualsIgnoreCase(TrimWhitespace(param.substr(0, eq)), "rel")) {
        std::string_view value = TrimWhitespace(param.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
          value = value.substr(1, value.size() - 2);
        }
        // rel may list several relation types separated by spaces.
        std::size_t start = 0;
        while (start <= value.size()) {
          auto space = value.find(' ', start);
          std::string_view rel = value.substr(
              start, space == std::string_view::npos ? std::string_view::npos : space - start);
          if (EqualsIgnoreCase(rel, "next")) return target;
          if (space == std::string_view::npos) break;
          start = space + 1;
        }
      }
      if (end == std::string_view::npos) break;
      p = end;
    }
    if (next == std::string_view::npos) break;
    pos = next;
  }
  return std::nullopt;
}

}  // namespace reghub::registry
