#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/registry.h"
#include "service/connection_test_service.h"
#include "store/health_store.h"

namespace reghub::service {

// A registry's health as its newest check says: up (it passed), down (it
// failed) or unknown (never checked).
enum class HealthStatus { kUp, kDown, kUnknown };

// "up", "down", "unknown".
std::string_view HealthStatusName(HealthStatus status);
// The status a name means; nullopt for anything else.
std::optional<HealthStatus> ParseHealthStatus(std::string_view name);
HealthStatus StatusOf(const std::optional<store::HealthCheckRecord>& latest);

// Certificates that expire within this many days are flagged.
inline constexpr std::int64_t kCertificateWarningDays = 30;
// True when the check saw a leaf certificate expiring before now + 30 days
// (already expired included).
bool CertificateExpiresSoon(const store::HealthCheckRecord& check, UnixSeconds now);

// The health-check record of a connection test of registry `registry_id`
// that finished at `checked_at`: ok when no step failed (warnings allowed,
// such as a certificate expiring soon); the first failed step's name and
// message; the whole test's duration as latency; the leaf certificate's
// expiry when TLS was spoken; and credentials_refused when the credential
// exchange failed (the "credentials" step: a token service or cloud API
// refused) or the registry answered 401/403 to an authenticated request
// (auth_ping, repository reads).
store::HealthCheckRecord HealthCheckFromReport(const ConnectionTestReport& report,
                                               const std::string& registry_id,
                                               UnixSeconds checked_at);

}  // namespace reghub::service
