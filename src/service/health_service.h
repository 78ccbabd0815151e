#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/actor.h"
#include "service/clock.h"
#include "service/connection_test_service.h"
#include "service/health_check.h"
#include "store/health_store.h"
#include "store/store.h"

namespace reghub::service {

struct HealthOptions {
  int history_limit = 100;  // checks kept per registry (older ones are pruned)
};

// A registry's health: its identity, its newest check and recent history.
struct RegistryHealthDetail {
  store::RegistryHealth registry;                // latest = history.front(), if any
  std::vector<store::HealthCheckRecord> history; // newest first
};

// Health checks of registries (issue 4 "Health"): a check is the connection
// test of a saved registry (ConnectionTestService::TestSaved, with its
// stored credentials), recorded as a store::HealthCheckRecord with bounded
// history. Used by the API (check now, one registry, the list), /metrics
// and the HealthScheduler. Thread-safe; checks of different registries run
// in parallel.
class HealthService {
 public:
  // Whether `actor` may see registry `registry_id` in lists; every
  // authenticated caller sees every registry when none is set.
  using Visibility = std::function<bool(const Actor& actor, const std::string& registry_id)>;

  HealthService(store::Store& store, store::HealthStore& health_store,
                ConnectionTestService& connection_tests, const Clock& clock,
                HealthOptions options = {}, Visibility visibility = nullptr);

  // Checks registry `id` now and records the result (a failed check is a
  // record with ok=false, not an error). not_found for an unknown registry.
  Result<store::HealthCheckRecord> Check(const std::string& id);
  // The registry and its newest `limit` checks (1..100). not_found for an
  // unknown registry.
  Result<RegistryHealthDetail> Get(const std::string& id, int limit);
  // Every registry `actor` may see, ordered by URL, with its newest check;
  // only those in `status` when given.
  Result<std::vector<store::RegistryHealth>> List(const Actor& actor,
                                                  std::optional<HealthStatus> status);
  // Every registry with its newest check (for /metrics and the scheduler).
  Result<std::vector<store::RegistryHealth>> ListAll();
  // The ids of every registry, for a round of the scheduler.
  Result<std::vector<std::string>> RegistryIds();

  const Clock& clock() const { return clock_; }

 private:
  store::Store& store_;
  store::HealthStore& health_store_;
  ConnectionTestService& connection_tests_;
  const Clock& clock_;
  HealthOptions options_;
  Visibility visibility_;
};

}  // namespace reghub::service
