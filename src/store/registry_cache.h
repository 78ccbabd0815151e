#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "store/records.h"

namespace reghub::store {

// Decoded registries by id, so that reading an unchanged registry skips
// parsing its JSON document. What a registry holds at a given revision and
// update time never changes (every update bumps the revision), so a cached
// entry is valid exactly while the stored ones equal its own: the caller
// checks that against the database on every read. Bounded: when full,
// it starts over. Safe for concurrent use.
class RegistryCache {
 public:
  explicit RegistryCache(std::size_t capacity = 16384) : capacity_(capacity) {}

  std::shared_ptr<const StoredRegistry> Find(const std::string& id) const;
  void Put(std::shared_ptr<const StoredRegistry> registry);
  void Erase(const std::string& id);

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const StoredRegistry>> entries_;
};

}  // namespace reghub::store
