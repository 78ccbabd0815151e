#pragma once

#include <string>
#include <string_view>

namespace reghub {

// Why `name` is not a repository name of the OCI distribution spec
// (`[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*`,
// at most 255 characters); "" when it is one.
std::string RepositoryNameProblem(std::string_view name);
inline bool IsValidRepositoryName(std::string_view name) {
  return RepositoryNameProblem(name).empty();
}

}  // namespace reghub
