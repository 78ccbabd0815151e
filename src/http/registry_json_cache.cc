#include "http/registry_json_cache.h"

#include "core/registry_json.h"

namespace reghub::http {

std::shared_ptr<const std::string> RegistryJsonCache::Render(const Registry& registry,
                                                            bool credential_details) {
  auto& entries = credential_details ? entries_ : kind_only_entries_;
  {
    std::lock_guard lock(mutex_);
    auto it = entries.find(registry.id);
    if (it != entries.end() && it->second.revision == registry.revision &&
        it->second.updated_at == registry.updated_at) {
      return it->second.json;
    }
  }
  nlohmann::json document = RegistryToJson(registry);
  if (!credential_details) {
    document["credentials"] = {{"kind", document["credentials"]["kind"]}};
  }
  auto json = std::make_shared<const std::string>(
      document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::lock_guard lock(mutex_);
  if (entries.size() >= capacity_) entries.clear();
  entries[registry.id] = {registry.revision, registry.updated_at, json};
  return json;
}

}  // namespace reghub::http
