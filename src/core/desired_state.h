#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/environment.h"
#include "core/injection_policy.h"
#include "core/registry.h"
#include "core/result.h"

namespace reghub {

// One attached registry as an environment's agent must realise it.
struct DesiredRegistry {
  Registry registry;
  EffectiveInjection injection;
};

// What an environment's agent reads (GET .../desired-state):
// {"environment":{"id","name","kind","api_server_url","namespaces"},
//  "registries":[{"registry_id","url","revision","provider","access",
//    "credentials":{"kind"},"mirrors":[{"upstream","path_prefix"}],
//    "tls":{"mode","ca_pem"},"injection":{"inject","secret_source","secret_name"}}]}
// No secret value and no credential metadata beyond the kind: the agent
// receives credentials through its own channel.
nlohmann::json DesiredStateToJson(const Environment& environment,
                                  const std::vector<DesiredRegistry>& registries);

inline constexpr std::size_t kMaxActuationsPerReport = 500;

// "The agent realised revision N of registry R."
struct Actuation {
  std::string registry_id;
  std::int64_t revision = 0;

  bool operator==(const Actuation&) const = default;
};

// Reads {"registries":[{"registry_id","revision"}]} strictly: at least one
// and at most kMaxActuationsPerReport entries, each with a non-empty
// registry_id (at most 64 characters, listed once) and a revision >= 1;
// problems at "registries[i].registry_id" / "registries[i].revision".
// Whether each registry is attached and the revision exists is the
// service's to check.
Result<std::vector<Actuation>> ParseActuationReport(const nlohmann::json& body);

}  // namespace reghub
