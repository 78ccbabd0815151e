#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/registry.h"
#include "core/result.h"

namespace reghub::store {

// One health check of a registry: a connection test run by the scheduler or
// on demand. `message` is the failing step's message (never a secret); empty
// when the check passed.
struct HealthCheckRecord {
  std::int64_t id = 0;                    // assigned by the store, increasing
  std::string registry_id;
  UnixSeconds checked_at = 0;
  bool ok = false;
  std::string failed_step;                // "" when ok; "dns", "tcp", "tls", ...
  std::string message;
  std::int64_t latency_ms = 0;            // wall time of the whole check
  std::optional<UnixSeconds> certificate_not_after;  // leaf expiry, when TLS was spoken
  bool credentials_refused = false;       // 401/403 or a failed credential exchange
  // The newest successful check of the registry up to this one (0: none), kept
  // on every row so that pruning old rows never loses it.
  UnixSeconds last_success_at = 0;
};

// A registry with its newest check (none when it was never checked).
struct RegistryHealth {
  std::string registry_id;
  std::string url;
  std::string display_name;
  std::optional<HealthCheckRecord> latest;
};

// Health-check history. Implementation: SqlHealthStore over the hub's
// database (store/sql_health_store.cc). Safe for concurrent use.
class HealthStore {
 public:
  virtual ~HealthStore() = default;

  // Appends `check` (its id and last_success_at are set by the store) and
  // prunes the registry's history to its newest `keep` checks, in one
  // transaction. not_found when the registry does not exist (any more).
  // REQUIRES: keep >= 1.
  virtual Status Record(const HealthCheckRecord& check, int keep) = 0;
  // The registry's newest `limit` checks (1..500), newest first; an empty
  // list for a registry never checked (or one that does not exist).
  virtual Result<std::vector<HealthCheckRecord>> History(const std::string& registry_id,
                                                         int limit) = 0;
  // Every registry, ordered by URL, with its newest check: one query.
  virtual Result<std::vector<RegistryHealth>> Latest() = 0;
};

}  // namespace reghub::store
