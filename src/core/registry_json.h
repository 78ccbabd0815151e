#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/registry.h"
#include "core/result.h"

namespace reghub {

// Renders a registry as in DESIGN.md "A registry in JSON". Never contains a
// secret value: credentials carry kind, fingerprint, replaced_at and the
// non-secret fields of their kind only; tls carries mode and ca_fingerprint
// (and ca_pem, which is public data, only when `include_ca_pem`).
// Timestamps are RFC 3339 strings; a zero timestamp (never set, e.g.
// replaced_at for kind none) renders as null.
nlohmann::json RegistryToJson(const Registry& registry, bool include_ca_pem = false);

// Reads what RegistryToJson(registry, true) wrote, for storage snapshots and
// API clients. Absent or null fields keep their defaults and unknown fields
// are ignored (older snapshots still read); a field of the wrong type or an
// invalid url is an invalid_argument error naming the field.
Result<Registry> RegistryFromJson(const nlohmann::json& json);

// RFC 3339 UTC with seconds ("2026-11-26T22:39:00Z"), and back.
std::string FormatTimestamp(UnixSeconds seconds);
std::optional<UnixSeconds> ParseTimestamp(std::string_view text);

}  // namespace reghub
