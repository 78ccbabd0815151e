#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/registry.h"
#include "core/result.h"

namespace reghub {

// A create or update request for a registry: every field optional; present
// fields replace the stored ones whole (credentials, mirrors, tls, usage and
// repositories included).
struct RegistryPatch {
  std::optional<std::string> url;                    // raw input, canonicalised later
  std::optional<std::string> display_name;
  std::optional<std::string> description;
  std::optional<Provider> provider;
  std::optional<Access> access;
  std::optional<CredentialsInput> credentials;
  std::optional<std::vector<Mirror>> mirrors;        // upstream still raw input
  std::optional<TlsSettings> tls;                    // mode + ca_pem (raw); fingerprint unset
  std::optional<bool> force_plain_http;              // allow plain-http for a non-loopback host
  std::optional<Usage> usage;
  std::optional<std::vector<std::string>> repositories;
  std::optional<std::int64_t> revision;              // updates: the revision it is based on
};

// Limits applied to every registry input.
inline constexpr std::size_t kMaxDisplayNameLength = 200;
inline constexpr std::size_t kMaxDescriptionLength = 4000;
inline constexpr std::size_t kMaxRepositoryNameLength = 255;
inline constexpr std::size_t kMaxListLength = 100;              // mirrors, repositories
// A chart repository registry may hold many charts (one repository each).
inline constexpr std::size_t kMaxChartRepositories = 1000;
inline constexpr std::size_t kMaxSecretLength = 16 * 1024;      // passwords, keys, tokens
inline constexpr std::size_t kMaxCaBundleLength = 256 * 1024;

// Reads a JSON request body strictly: unknown fields are named at their path
// (field "credentials.colour", message "unknown field"), wrong types name the
// field and the expected type ("display_name": "must be a string"), strings
// are checked for length and control characters (description and ca_pem may
// hold \n and \t; json_key too), repository names against the OCI name
// grammar, lists against kMaxListLength, secrets against kMaxSecretLength
// (and never quoted back). Credential fields of another kind are refused
// ("credentials.password": "not used by kind \"ecr-access-key\""). All
// violations are collected into one invalid_argument error whose details list
// them and whose message is the first plus "(and N more problems)".
// Server-made fields (id, created_at, credentials.fingerprint, ...) are
// refused as unknown ("unknown field (set by the server)"), except "revision".
// JSON null is a wrong type, not "absent". "usage" replaces the stored usage
// whole: its missing members take their defaults. json_key may be a JSON
// object or a string holding one. Upstreams and ca_pem stay raw here:
// BuildRegistry / ApplyRegistryPatch canonicalise and parse them.
Result<RegistryPatch> ParseRegistryPatch(const nlohmann::json& body);

}  // namespace reghub
