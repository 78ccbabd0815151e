#pragma once

#include <string_view>

#include "core/result.h"

namespace reghub::registry {

// OCI distribution-spec name grammar:
// [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*
bool IsValidRepositoryName(std::string_view name);
// [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
bool IsValidTag(std::string_view tag);

// invalid_argument naming the repository (and reference) unless both are
// valid; a reference is a tag or a digest.
Status CheckRepository(std::string_view repository);
Status CheckReference(std::string_view repository, std::string_view reference);

}  // namespace reghub::registry
