#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/result.h"

namespace reghub {

// A place that uses registries: a Kubernetes cluster, or a fleet of nodes or
// build machines.
enum class EnvironmentKind { kKubernetes, kNodes };

// "kubernetes" / "nodes".
std::string_view EnvironmentKindName(EnvironmentKind kind);
std::optional<EnvironmentKind> ParseEnvironmentKind(std::string_view name);
std::span<const std::string_view> EnvironmentKindNames();

// Limits of every environment input.
inline constexpr std::size_t kMaxEnvironmentDescriptionLength = 4000;
inline constexpr std::size_t kMaxApiServerUrlLength = 2048;
inline constexpr std::size_t kMaxNamespaces = 100;
inline constexpr std::size_t kMaxEditorTeams = 100;
inline constexpr std::size_t kMaxTeamNameLength = 128;

struct Environment {
  std::string id;                          // server-made
  std::string name;                        // RFC 1123 label, unique across the hub
  EnvironmentKind kind = EnvironmentKind::kKubernetes;
  std::string description;
  // kubernetes only: the cluster's API server (https URL) and the namespaces
  // the agent serves (none: every namespace).
  std::string api_server_url;
  std::vector<std::string> namespaces;
  // Names of the teams whose members may edit the environment.
  std::vector<std::string> editor_teams;
  UnixSeconds created_at = 0;
  std::string created_by;
  UnixSeconds updated_at = 0;

  bool operator==(const Environment&) const = default;
};

// nullopt when `url` is an acceptable Kubernetes API server URL: https://,
// a host (DNS name, IPv4, or [IPv6]), an optional port 1-65535, an optional
// path; no user info, query or fragment, no spaces; at most
// kMaxApiServerUrlLength characters. Else the reason.
std::optional<std::string> CheckApiServerUrl(std::string_view url);

// Every problem of a complete environment at once: invalid_argument with one
// detail per field ("name", "api_server_url", "namespaces[1]",
// "editor_teams[0]", ...). kubernetes requires api_server_url; nodes refuses
// api_server_url and namespaces ("not used by kind \"nodes\""). Namespaces
// and editor teams must not repeat. Whether the editor teams exist is the
// store's to check.
Status ValidateEnvironment(const Environment& environment);

}  // namespace reghub
