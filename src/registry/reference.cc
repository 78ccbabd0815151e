#include "registry/reference.h"

#include <regex>
#include <string>

#include "registry/digest.h"

namespace reghub::registry {

bool IsValidRepositoryName(std::string_view name) {
  static const std::regex kName(
      "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
  return name.size() <= 255 && std::regex_match(name.begin(), name.end(), kName);
}

bool IsValidTag(std::string_view tag) {
  static const std::regex kTag("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  return std::regex_match(tag.begin(), tag.end(), kTag);
}

Status CheckRepository(std::string_view repository) {
  if (IsValidRepositoryName(repository)) return Status::Ok();
  return Error::InvalidArgument("invalid repository name \"" + std::string(repository) +
                                "\": use lower-case components such as \"team/app\"");
}

Status CheckReference(std::string_view repository, std::string_view reference) {
  REGHUB_RETURN_IF_ERROR(CheckRepository(repository));
  if (IsValidTag(reference) || IsDigest(reference)) return Status::Ok();
  return Error::InvalidArgument("invalid tag or digest \"" + std::string(reference) +
                                "\" for " + std::string(repository) +
                                ": a tag is up to 128 of [A-Za-z0-9._-], a digest sha256:<64 hex>");
}

}  // namespace reghub::registry
