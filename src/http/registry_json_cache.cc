#include "http/registry_json_cache.h"

#include "core/registry_json.h"

namespace reghub::http {

std::shared_ptr<const std::string> RegistryJsonCache::Render(const Registry& registry) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(registry.id);
    if (it != entries_.end() && it->second.revision == registry.revision &&
        it->second.updated_at == registry.updated_at) {
      return it->second.json;
    }
  }
  auto json = std::make_shared<const std::string>(
      RegistryToJson(registry).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[registry.id] = {registry.revision, registry.updated_at, json};
  return json;
}

}  // namespace reghub::http
