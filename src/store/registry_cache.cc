#include "store/registry_cache.h"

#include <utility>

namespace reghub::store {

std::shared_ptr<const StoredRegistry> RegistryCache::Find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(id);
  return found == entries_.end() ? nullptr : found->second;
}

void RegistryCache::Put(std::shared_ptr<const StoredRegistry> registry) {
  std::string id = registry->registry.id;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(id)) entries_.clear();
  entries_[std::move(id)] = std::move(registry);
}

void RegistryCache::Erase(const std::string& id) {
  std::lock_guard lock(mutex_);
  entries_.erase(id);
}

}  // namespace reghub::store
