#include "service/health_check.h"

namespace reghub::service {

std::string_view HealthStatusName(HealthStatus status) {
  switch (status) {
    case HealthStatus::kUp:
      return "up";
    case HealthStatus::kDown:
      return "down";
    case HealthStatus::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::optional<HealthStatus> ParseHealthStatus(std::string_view name) {
  for (HealthStatus status : {HealthStatus::kUp, HealthStatus::kDown, HealthStatus::kUnknown}) {
    if (name == HealthStatusName(status)) return status;
  }
  return std::nullopt;
}

HealthStatus StatusOf(const std::optional<store::HealthCheckRecord>& latest) {
  if (!latest) return HealthStatus::kUnknown;
  return latest->ok ? HealthStatus::kUp : HealthStatus::kDown;
}

bool CertificateExpiresSoon(const store::HealthCheckRecord& check, UnixSeconds now) {
  return check.certificate_not_after &&
         *check.certificate_not_after < now + kCertificateWarningDays * 86400;
}

store::HealthCheckRecord HealthCheckFromReport(const ConnectionTestReport& report,
                                               const std::string& registry_id,
                                               UnixSeconds checked_at) {
  store::HealthCheckRecord check;
  check.registry_id = registry_id;
  check.checked_at = checked_at;
  check.ok = report.ok;
  check.latency_ms = report.duration_ms;
  check.certificate_not_after = report.certificate_not_after;
  for (const ConnectionTestStep& step : report.steps) {
    if (step.status != StepStatus::kFailed) continue;
    check.ok = false;
    check.failed_step = step.name;
    check.message = step.message;
    const bool refused_code = step.error_code == ErrorCode::kUnauthenticated ||
                              step.error_code == ErrorCode::kPermissionDenied;
    const bool authenticated_step =
        step.name == "auth_ping" || step.name.rfind("repository:", 0) == 0;
    check.credentials_refused =
        step.name == "credentials" || (authenticated_step && refused_code);
    break;
  }
  return check;
}

}  // namespace reghub::service
