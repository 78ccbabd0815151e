#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/registry.h"

namespace reghub {

// One changed field between two versions of a registry. `field` is a dotted
// path ("display_name", "tls.mode", "usage.default", "mirrors"); lists are
// compared whole. A credential change is reported as field "credentials" with
// `summary` "credentials replaced" and the kinds (never values) in before/after.
struct FieldChange {
  std::string field;
  nlohmann::json before;
  nlohmann::json after;
  std::string summary;  // human-readable: "display_name changed from \"a\" to \"b\""

  bool operator==(const FieldChange&) const = default;
};

// The changes from `before` to `after`, ordered by field path. Ignores the
// bookkeeping fields (revision, updated_at, updated_by).
std::vector<FieldChange> DiffRegistries(const Registry& before, const Registry& after);

nlohmann::json FieldChangesToJson(const std::vector<FieldChange>& changes);
std::vector<FieldChange> FieldChangesFromJson(const nlohmann::json& json);

}  // namespace reghub
