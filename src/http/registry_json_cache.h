#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/registry.h"

namespace reghub::http {

// The rendered JSON of registries, keyed by id and checked against revision
// and updated_at, so a registry is serialised once per revision rather than
// once per request: rendering dominated the cost of list pages. Bounded: when
// full it starts over. Thread-safe.
class RegistryJsonCache {
 public:
  explicit RegistryJsonCache(std::size_t capacity = 50000) : capacity_(capacity) {}

  // RegistryToJson(registry).dump(), from the cache when current. Without
  // `credential_details` the credentials object holds only "kind" (what a
  // caller who does not administer the registry sees).
  std::shared_ptr<const std::string> Render(const Registry& registry,
                                            bool credential_details = true);

 private:
  struct Entry {
    std::int64_t revision = 0;
    UnixSeconds updated_at = 0;
    std::shared_ptr<const std::string> json;
  };

  const std::size_t capacity_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<std::string, Entry> kind_only_entries_;
};

}  // namespace reghub::http
