#include "service/health_service.h"

#include <algorithm>
#include <utility>

namespace reghub::service {

HealthService::HealthService(store::Store& store, store::HealthStore& health_store,
                             ConnectionTestService& connection_tests, const Clock& clock,
                             HealthOptions options, Visibility visibility)
    : store_(store),
      health_store_(health_store),
      connection_tests_(connection_tests),
      clock_(clock),
      options_(options),
      visibility_(std::move(visibility)) {}

Result<store::HealthCheckRecord> HealthService::Check(const std::string& id) {
  // The check runs as the hub itself: who asked was authorized by the route.
  Actor system;
  system.username = "system";
  REGHUB_ASSIGN_OR_RETURN(ConnectionTestReport report, connection_tests_.TestSaved(system, id));
  store::HealthCheckRecord check = HealthCheckFromReport(report, id, clock_.Now());
  REGHUB_RETURN_IF_ERROR(health_store_.Record(check, options_.history_limit));
  return check;
}

Result<RegistryHealthDetail> HealthService::Get(const std::string& id, int limit) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(id));
  RegistryHealthDetail detail;
  detail.registry.registry_id = stored.registry.id;
  detail.registry.url = stored.registry.url.ToString();
  detail.registry.display_name = stored.registry.display_name;
  REGHUB_ASSIGN_OR_RETURN(detail.history,
                          health_store_.History(id, std::clamp(limit, 1, options_.history_limit)));
  if (!detail.history.empty()) detail.registry.latest = detail.history.front();
  return detail;
}

Result<std::vector<store::RegistryHealth>> HealthService::List(
    const Actor& actor, std::optional<HealthStatus> status) {
  REGHUB_ASSIGN_OR_RETURN(std::vector<store::RegistryHealth> all, health_store_.Latest());
  std::erase_if(all, [&](const store::RegistryHealth& health) {
    if (status && StatusOf(health.latest) != *status) return true;
    return visibility_ && !visibility_(actor, health.registry_id);
  });
  return all;
}

Result<std::vector<store::RegistryHealth>> HealthService::ListAll() {
  return health_store_.Latest();
}

Result<std::vector<std::string>> HealthService::RegistryIds() {
  REGHUB_ASSIGN_OR_RETURN(std::vector<store::RegistryHealth> all, health_store_.Latest());
  std::vector<std::string> ids;
  ids.reserve(all.size());
  for (auto& health : all) ids.push_back(std::move(health.registry_id));
  return ids;
}

}  // namespace reghub::service
