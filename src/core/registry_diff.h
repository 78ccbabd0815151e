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
// bookkeeping and server-made fields (id, revision, created_at, created_by,
// updated_at, updated_by, permissions_deadline). Credentials differ when any
// CredentialsInfo field but replaced_at does (a resubmitted identical secret
// is no change). A CA bundle change is field "tls.ca_fingerprint" with the
// fingerprints and "CA bundle added/replaced/removed". List summaries name
// what was added and removed ("repositories: added \"a\"; removed \"b\"").
std::vector<FieldChange> DiffRegistries(const Registry& before, const Registry& after);

// [{"field","before","after","summary"}], and back (entries that are not
// objects are skipped; missing members read as empty/null).
nlohmann::json FieldChangesToJson(const std::vector<FieldChange>& changes);
std::vector<FieldChange> FieldChangesFromJson(const nlohmann::json& json);

}  // namespace reghub
