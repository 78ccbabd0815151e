#include "registry/registry_errors.h"

#include <nlohmann/json.hpp>

namespace reghub::registry {

std::vector<OciError> ParseOciErrors(std::string_view body) {
  std::vector<OciError> errors;
  nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("errors") ||
      !json["errors"].is_array()) {
    return errors;
  }
  for (const auto& item : json["errors"]) {
    if (!item.is_object()) continue;
    OciError error;
    if (item.contains("code") && item["code"].is_string()) error.code = item["code"];
    if (item.contains("message") && item["message"].is_string()) error.message = item["message"];
    errors.push_back(std::move(error));
  }
  return errors;
}

Error RegistryResponseError(const HttpResponse& response, std::string_view what) {
  auto errors = ParseOciErrors(response.body);
  std::string code = errors.empty() ? "" : errors.front().code;
  std::string said = errors.empty() ? ""
                                    : " (" + errors.front().code +
                                          (errors.front().message.empty()
                                               ? ""
                                               : ": " + errors.front().message) +
                                          ")";
  std::string subject(what);
  int status = response.status;
  if (status == 404 || code == "NAME_UNKNOWN" || code == "MANIFEST_UNKNOWN" ||
      code == "BLOB_UNKNOWN") {
    return Error::NotFound(subject + " not found on the registry" + said);
  }
  if (status == 403 || code == "DENIED") {
    return Error::PermissionDenied("the registry denied access to " + subject + said +
                                   ": grant these credentials access to it");
  }
  if (status == 429 || code == "TOOMANYREQUESTS") {
    auto retry = response.Header("Retry-After");
    return Error::Unavailable("the registry is rate limiting requests for " + subject +
                              (retry ? "; retry after " + *retry + " s" : "; retry later"));
  }
  if (status == 405 || code == "UNSUPPORTED") {
    return Error::FailedPrecondition("the registry does not support this operation on " + subject +
                                     said + " (read-only registry or pull-through cache?)");
  }
  if (status == 401) {
    return Error::Unauthenticated("the registry refused the credentials for " + subject + said);
  }
  if (status >= 400 && status < 500) {
    return Error::InvalidArgument("the registry rejected the request for " + subject + ": HTTP " +
                                  std::to_string(status) + said);
  }
  return Error::Unavailable("the registry failed on " + subject + ": HTTP " +
                            std::to_string(status) + said);
}

}  // namespace reghub::registry
