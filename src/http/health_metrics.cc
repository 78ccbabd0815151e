#include "http/health_metrics.h"

#include <cstdio>

#include "service/health_check.h"

namespace reghub::http {
namespace {

void Header(std::string& out, std::string_view name, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" gauge\n");
}

void Sample(std::string& out, std::string_view name, std::string_view label,
            std::string_view label_value, double value) {
  char number[64];
  std::snprintf(number, sizeof number, "%.17g", value);
  out.append(name);
  if (!label.empty()) {
    out.append("{").append(label).append("=\"").append(EscapeLabelValue(label_value)).append("\"}");
  }
  out.append(" ").append(number).append("\n");
}

// One gauge family with a sample per checked registry for which `value` has one.
template <typename ValueOf>
void PerRegistry(std::string& out, const std::vector<store::RegistryHealth>& registries,
                 std::string_view name, std::string_view help, ValueOf value) {
  std::string samples;
  for (const auto& registry : registries) {
    if (!registry.latest) continue;
    if (auto sample = value(*registry.latest)) {
      Sample(samples, name, "registry", registry.url, *sample);
    }
  }
  if (samples.empty()) return;
  Header(out, name, help);
  out += samples;
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      escaped += "\\\\";
    } else if (c == '"') {
      escaped += "\\\"";
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string RenderHealthMetrics(const std::vector<store::RegistryHealth>& registries,
                                UnixSeconds now) {
  using Check = store::HealthCheckRecord;
  using Value = std::optional<double>;
  std::string out;
  PerRegistry(out, registries, "reghub_registry_up",
              "Whether the newest health check of the registry passed (1) or failed (0).",
              [](const Check& c) -> Value { return c.ok ? 1.0 : 0.0; });
  PerRegistry(out, registries, "reghub_registry_last_check_timestamp_seconds",
              "When the newest health check of the registry finished (Unix time).",
              [](const Check& c) -> Value { return static_cast<double>(c.checked_at); });
  PerRegistry(out, registries, "reghub_registry_last_success_timestamp_seconds",
              "When a health check of the registry last passed (Unix time).",
              [](const Check& c) -> Value {
                if (c.last_success_at == 0) return std::nullopt;
                return static_cast<double>(c.last_success_at);
              });
  PerRegistry(out, registries, "reghub_registry_check_latency_seconds",
              "Duration of the newest health check of the registry.",
              [](const Check& c) -> Value { return static_cast<double>(c.latency_ms) / 1000.0; });
  PerRegistry(out, registries, "reghub_registry_certificate_expiry_timestamp_seconds",
              "When the registry's TLS leaf certificate expires (Unix time).",
              [](const Check& c) -> Value {
                if (!c.certificate_not_after) return std::nullopt;
                return static_cast<double>(*c.certificate_not_after);
              });
  PerRegistry(out, registries, "reghub_registry_credentials_failing",
              "Whether the registry refused the hub's credentials in the newest check (1).",
              [](const Check& c) -> Value { return c.credentials_refused ? 1.0 : 0.0; });

  std::size_t up = 0, down = 0, unknown = 0, expiring = 0, refused = 0;
  for (const auto& registry : registries) {
    switch (service::StatusOf(registry.latest)) {
      case service::HealthStatus::kUp: ++up; break;
      case service::HealthStatus::kDown: ++down; break;
      case service::HealthStatus::kUnknown: ++unknown; break;
    }
    if (!registry.latest) continue;
    if (service::CertificateExpiresSoon(*registry.latest, now)) ++expiring;
    if (registry.latest->credentials_refused) ++refused;
  }
  Header(out, "reghub_registries", "Registries by the status of their newest health check.");
  Sample(out, "reghub_registries", "status", "up", static_cast<double>(up));
  Sample(out, "reghub_registries", "status", "down", static_cast<double>(down));
  Sample(out, "reghub_registries", "status", "unknown", static_cast<double>(unknown));
  Header(out, "reghub_registries_certificate_expiring_soon",
         "Registries whose TLS certificate expires within 30 days (or has expired).");
  Sample(out, "reghub_registries_certificate_expiring_soon", "", "", static_cast<double>(expiring));
  Header(out, "reghub_registries_credentials_failing",
         "Registries whose credentials were refused in their newest health check.");
  Sample(out, "reghub_registries_credentials_failing", "", "", static_cast<double>(refused));
  return out;
}

}  // namespace reghub::http
