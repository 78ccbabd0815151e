#include "core/environment.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/json_reader.h"
#include "core/kubernetes_names.h"
#include "core/violations.h"

namespace reghub {
namespace {

constexpr std::array<std::string_view, 2> kKindNames = {"kubernetes", "nodes"};

bool IsHostCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.';
}

std::optional<std::string> CheckPort(std::string_view port) {
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return "has an invalid port: use a number from 1 to 65535";
  }
  int value = std::stoi(std::string(port));
  if (value < 1 || value > 65535) return "has an invalid port: use a number from 1 to 65535";
  return std::nullopt;
}

void CheckNames(const std::vector<std::string>& names, const std::string& field,
                Violations& violations, bool kubernetes_labels) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string path = field + "[" + std::to_string(i) + "]";
    if (kubernetes_labels) {
      if (auto problem = CheckDns1123Label(names[i])) {
        violations.Add(path, "\"" + names[i] + "\" is not a valid namespace: " + *problem);
        continue;
      }
    } else if (names[i].empty()) {
      violations.Add(path, "must not be empty");
      continue;
    } else if (auto problem = CheckText(names[i], kMaxTeamNameLength, false)) {
      violations.Add(path, *problem);
      continue;
    }
    if (!seen.insert(names[i]).second) violations.Add(path, "\"" + names[i] + "\" is listed twice");
  }
}

}  // namespace

std::string_view EnvironmentKindName(EnvironmentKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<EnvironmentKind> ParseEnvironmentKind(std::string_view name) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<EnvironmentKind>(i);
  }
  return std::nullopt;
}

std::span<const std::string_view> EnvironmentKindNames() { return kKindNames; }

std::optional<std::string> CheckApiServerUrl(std::string_view url) {
  if (url.empty()) return "is required for kind \"kubernetes\" (e.g. https://k8s.example.com:6443)";
  if (url.size() > kMaxApiServerUrlLength) {
    return "must be at most " + std::to_string(kMaxApiServerUrlLength) + " characters";
  }
  constexpr std::string_view kScheme = "https://";
  if (!url.starts_with(kScheme)) {
    return "must start with https:// (the API server is reached over TLS)";
  }
  std::string_view rest = url.substr(kScheme.size());
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '\\') {
      return "must not contain spaces, control characters or backslashes";
    }
  }
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return "must not have a query or fragment";
  }
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.find('@') != std::string_view::npos) {
    return "must not contain user info (credentials do not belong in the URL)";
  }
  if (authority.empty()) return "has no host";
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return "has an unclosed IPv6 address";
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return "has characters after the IPv6 address";
      port = after.substr(1);
      if (auto problem = CheckPort(port)) return problem;
    }
    if (host.empty() || host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) {
      return "has an invalid IPv6 address";
    }
    return std::nullopt;
  }
  if (auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (auto problem = CheckPort(port)) return problem;
  }
  if (host.empty()) return "has no host";
  if (host.size() > 253 || !std::all_of(host.begin(), host.end(), IsHostCharacter) ||
      host.front() == '-' || host.front() == '.' || host.back() == '-' ||
      host.find("..") != std::string_view::npos) {
    return "has an invalid host name";
  }
  return std::nullopt;
}

Status ValidateEnvironment(const Environment& environment) {
  Violations violations;
  if (auto problem = CheckDns1123Label(environment.name)) {
    violations.Add("name", *problem + " (environment names are like Kubernetes names: "
                                      "lower-case letters, digits and '-')");
  }
  if (auto problem =
          CheckText(environment.description, kMaxEnvironmentDescriptionLength, true)) {
    violations.Add("description", *problem);
  }
  if (environment.kind == EnvironmentKind::kKubernetes) {
    if (auto problem = CheckApiServerUrl(environment.api_server_url)) {
      violations.Add("api_server_url", *problem);
    }
    if (environment.namespaces.size() > kMaxNamespaces) {
      violations.Add("namespaces",
                     "must have at most " + std::to_string(kMaxNamespaces) + " entries");
    } else {
      CheckNames(environment.namespaces, "namespaces", violations, true);
    }
  } else {
    if (!environment.api_server_url.empty()) {
      violations.Add("api_server_url", "not used by kind \"nodes\"");
    }
    if (!environment.namespaces.empty()) {
      violations.Add("namespaces", "not used by kind \"nodes\"");
    }
  }
  if (environment.editor_teams.size() > kMaxEditorTeams) {
    violations.Add("editor_teams",
                   "must have at most " + std::to_string(kMaxEditorTeams) + " entries");
  } else {
    CheckNames(environment.editor_teams, "editor_teams", violations, false);
  }
  if (!violations.empty()) return violations.ToError();
  return Status::Ok();
}

}  // namespace reghub
