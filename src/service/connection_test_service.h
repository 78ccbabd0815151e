#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/registry.h"
#include "core/registry_patch.h"
#include "core/result.h"
#include "providers/aws_identity.h"
#include "registry/http_client.h"
#include "registry/network_probe.h"
#include "secrets/sealer.h"
#include "service/actor.h"
#include "store/store.h"

namespace reghub::service {

enum class StepStatus { kOk, kFailed, kSkipped, kWarning };
// "ok", "failed", "skipped", "warning".
std::string_view StepStatusName(StepStatus status);

// One step of a connection test. `message` says what happened and, on
// failure, what to do; neither it nor `details` ever holds a secret.
struct ConnectionTestStep {
  std::string name;  // "dns", "tcp", "tls", "ping", "credentials", "auth_ping", "repository:<name>"
  StepStatus status = StepStatus::kSkipped;
  std::int64_t duration_ms = 0;
  std::string message;
  nlohmann::json details = nlohmann::json::object();
  // A failed step's error code, when the failure came as an Error (health
  // checks tell refused credentials apart by it); not part of the JSON.
  std::optional<ErrorCode> error_code;
};

struct ConnectionTestReport {
  bool ok = false;  // no step failed (warnings allowed)
  std::vector<ConnectionTestStep> steps;
  std::int64_t duration_ms = 0;
  // The leaf certificate's expiry (Unix seconds) when a TLS handshake completed.
  std::optional<std::int64_t> certificate_not_after;
};

struct ConnectionTestOptions {
  std::chrono::milliseconds step_timeout{10000};
  // Makes the HTTP client for a registry's TLS settings (tests inject fakes).
  std::function<std::unique_ptr<registry::HttpClient>(const TlsSettings&)> http_factory;
  std::shared_ptr<registry::NetworkProbe> probe;  // SystemNetworkProbe when null
  std::string ecr_endpoint_override;              // tests only
  // The hub's AWS identity for ecr-instance-role (providers::
  // DefaultInstanceIdentity() when null; tests give one over a fixture).
  std::shared_ptr<providers::AwsCredentialProvider> instance_identity;
};

// Diagnoses a registry step by step (issue 4 "Connection test"): dns, tcp,
// tls (not for plain-http: trust per the TLS mode, host name, expiry with a
// warning under 30 days), ping (GET /v2/ without credentials: the challenge),
// credentials (the provider's exchange: static Basic, ECR
// GetAuthorizationToken, a Bearer token from the realm), auth_ping (GET /v2/
// authenticated) and one "repository:<name>" step per listed repository
// (registry.repositories and usage.chart_repositories: tags list). The first
// failed step ends the test; the remaining steps are reported as skipped. A
// failed test is a report with ok=false, not an error: errors are for a
// registry that does not exist or a spec that does not validate. Thread-safe.
class ConnectionTestService {
 public:
  ConnectionTestService(store::Store& store, const secrets::Sealer& sealer,
                        ConnectionTestOptions options = {});

  // A saved registry, with its sealed credentials opened.
  Result<ConnectionTestReport> TestSaved(const Actor& actor, const std::string& id);
  // An unsaved create spec, validated as a create would (BuildRegistry).
  Result<ConnectionTestReport> TestSpec(const Actor& actor, const RegistryPatch& patch);
  // The diagnosis itself.
  ConnectionTestReport Run(const Registry& registry, const CredentialsInput& credentials);

 private:
  store::Store& store_;
  const secrets::Sealer& sealer_;
  ConnectionTestOptions options_;
};

}  // namespace reghub::service
