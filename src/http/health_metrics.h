#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "store/health_store.h"

namespace reghub::http {

// Escapes a Prometheus label value (text format 0.0.4): backslash, double
// quote and line feed.
std::string EscapeLabelValue(std::string_view value);

// The registries' health in the Prometheus text format, appended to the
// request metrics on /metrics. Per checked registry (label registry="<url>"):
// reghub_registry_up (1/0), reghub_registry_last_check_timestamp_seconds,
// reghub_registry_last_success_timestamp_seconds (only after a success),
// reghub_registry_check_latency_seconds (the newest check),
// reghub_registry_certificate_expiry_timestamp_seconds (when TLS was spoken),
// reghub_registry_credentials_failing (1/0). Totals: reghub_registries by
// status (up, down, unknown), reghub_registries_certificate_expiring_soon
// (leaf expiring within 30 days at `now`, expired included) and
// reghub_registries_credentials_failing.
std::string RenderHealthMetrics(const std::vector<store::RegistryHealth>& registries,
                                UnixSeconds now);

}  // namespace reghub::http
