#include "core/desired_state.h"

#include <set>

#include "core/json_reader.h"
#include "core/violations.h"

namespace reghub {

nlohmann::json DesiredStateToJson(const Environment& environment,
                                  const std::vector<DesiredRegistry>& registries) {
  nlohmann::json items = nlohmann::json::array();
  for (const DesiredRegistry& desired : registries) {
    const Registry& registry = desired.registry;
    nlohmann::json mirrors = nlohmann::json::array();
    for (const Mirror& mirror : registry.mirrors) {
      mirrors.push_back({{"upstream", mirror.upstream}, {"path_prefix", mirror.path_prefix}});
    }
    items.push_back(
        {{"registry_id", registry.id},
         {"url", registry.url.ToString()},
         {"revision", registry.revision},
         {"provider", std::string(ProviderName(registry.provider))},
         {"access", std::string(AccessName(registry.access))},
         {"credentials", {{"kind", std::string(CredentialKindName(registry.credentials.kind))}}},
         {"mirrors", std::move(mirrors)},
         {"tls", {{"mode", std::string(TlsModeName(registry.tls.mode))},
                  {"ca_pem", registry.tls.ca_pem}}},
         {"injection", EffectiveInjectionToJson(desired.injection)}});
  }
  return {{"environment",
           {{"id", environment.id},
            {"name", environment.name},
            {"kind", std::string(EnvironmentKindName(environment.kind))},
            {"api_server_url", environment.api_server_url},
            {"namespaces", environment.namespaces}}},
          {"registries", std::move(items)}};
}

Result<std::vector<Actuation>> ParseActuationReport(const nlohmann::json& body) {
  if (!body.is_object()) return Error::InvalidArgument("the request body must be a JSON object");
  Violations violations;
  JsonReader in(body, "", violations);
  in.RefuseUnknown({"registries"});
  const nlohmann::json* list = in.Find("registries");
  if (list == nullptr) {
    in.Fail("registries", "is required: [{\"registry_id\",\"revision\"}]");
    return violations.ToError();
  }
  if (!list->is_array()) {
    in.Fail("registries", "must be an array of {\"registry_id\",\"revision\"}");
    return violations.ToError();
  }
  if (list->empty()) in.Fail("registries", "must name at least one registry");
  if (list->size() > kMaxActuationsPerReport) {
    in.Fail("registries",
            "must have at most " + std::to_string(kMaxActuationsPerReport) + " entries");
    return violations.ToError();
  }
  std::vector<Actuation> actuations;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string path = "registries[" + std::to_string(i) + "]";
    const nlohmann::json& item = (*list)[i];
    if (!item.is_object()) {
      violations.Add(path, "must be an object {\"registry_id\",\"revision\"}");
      continue;
    }
    JsonReader entry(item, path + ".", violations);
    entry.RefuseUnknown({"registry_id", "revision"});
    auto registry_id = entry.String("registry_id", 64);
    auto revision = entry.Integer("revision", 1, std::int64_t{1} << 53);
    if (entry.Find("registry_id") == nullptr) entry.Fail("registry_id", "is required");
    if (entry.Find("revision") == nullptr) entry.Fail("revision", "is required");
    if (registry_id && registry_id->empty()) {
      entry.Fail("registry_id", "must not be empty");
      continue;
    }
    if (registry_id && !seen.insert(*registry_id).second) {
      entry.Fail("registry_id", "\"" + *registry_id + "\" is reported twice");
      continue;
    }
    if (registry_id && revision) actuations.push_back({*registry_id, *revision});
  }
  if (!violations.empty()) return violations.ToError();
  return actuations;
}

}  // namespace reghub
